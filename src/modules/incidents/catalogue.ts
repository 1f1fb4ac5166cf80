/**
 * The controlled vocabularies of incidents and their evidence (HURIDOCS "micro-thesauri" and the
 * Admiralty grading; shared/reference/standards.md (f) and (g)). Pure data: the migration's CHECK
 * constraints repeat these lists, so a change here needs a migration too.
 */
import { CATALOGUE } from '../rights/catalogue.ts';

/** What happened: one or more acts per incident. */
export const ACTS = [
  'restriction_of_movement',
  'withholding_of_documents',
  'threats_or_coercion',
  'denial_of_access_to_services',
  'forced_labour',
  'detention',
  'violence',
  'family_separation',
  'other',
] as const;
export type Act = (typeof ACTS)[number];

/** How exactly the date (or range) is known. */
export const DATE_PRECISIONS = ['day', 'month', 'year', 'approximate'] as const;
/** How exactly the place is known. */
export const PLACE_PRECISIONS = ['exact', 'approximate', 'area', 'unknown'] as const;

export const SENSITIVITIES = ['normal', 'sensitive', 'restricted'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Roles in an incident (HURIDOCS "involvement"). */
export const INVOLVEMENT_ROLES = ['victim_survivor', 'witness', 'alleged_perpetrator'] as const;
/**
 * Who is involved: a registered person (by id), a group, an authority, or someone not identified.
 * A private individual is never named in free text: register them and link the person.
 */
export const SUBJECTS = ['person', 'group', 'authority', 'unidentified'] as const;
export const PERPETRATOR_TYPES = [
  'state_authority',
  'armed_group',
  'employer',
  'sponsor_or_controlling_group',
  'family_member',
  'community_member',
  'smuggler_or_trafficker',
  'other',
] as const;
export type PerpetratorType = (typeof PERPETRATOR_TYPES)[number];
/** HURIDOCS degree of involvement of a perpetrator. */
export const DEGREES = ['direct', 'indirect', 'unknown'] as const;

/** Who agreed (or refused), as for case transfers and referrals. */
export const CONSENT_GIVERS = ['person', 'parent_or_guardian', 'legal_representative'] as const;
export const CONSENT_DECISIONS = ['given', 'refused', 'withdrawn'] as const;

export const SOURCE_KINDS = [
  'document',
  'report',
  'media',
  'lawyer_report',
  'agency_report',
  'other',
] as const;
/** Source reliability, A (completely reliable) to F (cannot be judged; the default). */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY)[number];
/** Credibility of one claim, 1 (confirmed) to 6 (cannot be judged). */
export const CREDIBILITY_MIN = 1;
export const CREDIBILITY_MAX = 6;

/** The Convention articles an incident may be linked to, in catalogue order. */
export const ARTICLES: readonly string[] = CATALOGUE.map((r) => r.article);
const ARTICLE_ORDER = new Map(ARTICLES.map((a, i) => [a, i]));

export const isArticle = (a: string): boolean => ARTICLE_ORDER.has(a);

/** Articles in catalogue order, each once. */
export function sortArticles(articles: readonly string[]): string[] {
  return [...new Set(articles)].sort(
    (a, b) => (ARTICLE_ORDER.get(a) ?? 1e9) - (ARTICLE_ORDER.get(b) ?? 1e9) || a.localeCompare(b),
  );
}

/** Acts in catalogue order, each once. */
export function sortActs(acts: readonly Act[]): Act[] {
  return ACTS.filter((a) => acts.includes(a));
}
