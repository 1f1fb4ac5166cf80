/**
 * The rules an incident's fields must keep together (pure). The schema applies them to a new
 * incident; the service applies them to an incident with a change merged in. Each issue names
 * the field by its path in the body.
 */
import { isArticle } from './catalogue.ts';

export interface Issue {
  path: (string | number)[];
  message: string;
}

interface Involvement {
  role: string;
  subject: string;
  personId?: string | null | undefined;
  label?: string | null | undefined;
  perpetratorType?: string | null | undefined;
  degree?: string | null | undefined;
}

export interface IncidentFields {
  acts: readonly string[];
  actOther?: string | null | undefined;
  when: { from: string; to?: string | null | undefined };
  where: {
    siteId?: string | null | undefined;
    place?: string | null | undefined;
    precision: string;
  };
  involvements: readonly Involvement[];
  articles: readonly string[];
}

function involvementIssues(v: Involvement, at: (string | number)[]): Issue[] {
  const issues: Issue[] = [];
  const issue = (field: string, message: string) => issues.push({ path: [...at, field], message });
  if (v.subject === 'person' && !v.personId) issue('personId', 'is required for a person');
  if (v.subject !== 'person' && v.personId)
    issue('personId', "is only for subject 'person' (register the person and link them)");
  if (v.subject === 'person' && v.label)
    issue('label', 'a registered person is linked by personId, never named here');
  if ((v.subject === 'group' || v.subject === 'authority') && !v.label)
    issue('label', `is required: the name of the ${v.subject}`);
  const perpetrator = v.role === 'alleged_perpetrator';
  if (perpetrator && !v.perpetratorType) issue('perpetratorType', 'is required for a perpetrator');
  if (!perpetrator && v.perpetratorType)
    issue('perpetratorType', 'is only for an alleged perpetrator');
  if (!perpetrator && v.degree) issue('degree', 'is only for an alleged perpetrator');
  if (v.subject === 'authority' && !perpetrator)
    issue('subject', 'an authority is recorded only as an alleged perpetrator');
  return issues;
}

export function incidentIssues(b: IncidentFields): Issue[] {
  const issues: Issue[] = [];
  if (new Set(b.acts).size !== b.acts.length)
    issues.push({ path: ['acts'], message: 'must not repeat an act' });
  const other = b.acts.includes('other');
  if (other && !b.actOther)
    issues.push({ path: ['actOther'], message: "is required when acts include 'other'" });
  if (!other && b.actOther)
    issues.push({ path: ['actOther'], message: "is only for the act 'other'" });
  if (b.when.to && b.when.to < b.when.from)
    issues.push({ path: ['when', 'to'], message: 'must not be before when.from' });
  if (b.where.precision !== 'unknown' && !b.where.siteId && !b.where.place)
    issues.push({
      path: ['where', 'siteId'],
      message: "give a site or a place (or precision 'unknown')",
    });
  const seen = new Set<string>();
  b.involvements.forEach((v, i) => {
    issues.push(...involvementIssues(v, ['involvements', i]));
    if (v.personId) {
      const key = `${v.role}:${v.personId}`;
      if (seen.has(key))
        issues.push({
          path: ['involvements', i, 'personId'],
          message: 'is already listed in this role',
        });
      seen.add(key);
    }
  });
  b.articles.forEach((a, i) => {
    if (!isArticle(a))
      issues.push({
        path: ['articles', i],
        message: "is not an article of the rights catalogue (e.g. '26', '17(2)(a)')",
      });
  });
  return issues;
}

/** The issues as problem fields: body.when.to, body.involvements.0.personId. */
export const fieldOf = (i: Issue): string => ['body', ...i.path].join('.');
