import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { personsApi } from '../../api/endpoints';
import { queryKeys, useSites } from '../../api/queries';
import { formatDay } from '../../lib/format';
import { formatName, primaryName } from '../../lib/persons';
import { useHasAbility } from '../MeContext';
import type {
  Act,
  CitationFlag,
  Incident,
  IncidentSensitivity,
  Reliability,
  ReportCell,
} from './api';

const RELIABILITY_COLORS: Record<Reliability, string> = {
  A: 'green',
  B: 'teal',
  C: 'blue',
  D: 'yellow',
  E: 'orange',
  F: 'gray',
};

/** A source's reliability grade, A (completely reliable) to F (cannot be judged). */
export function ReliabilityBadge({ grade }: { grade: Reliability }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={RELIABILITY_COLORS[grade]}
      variant="light"
      tt="none"
      title={t(`incidents.reliability.${grade}`)}
      data-testid="reliability-badge"
      data-value={grade}
    >
      {t('incidents.reliability.badge', { grade })}
    </Badge>
  );
}

const SENSITIVITY_COLORS: Record<IncidentSensitivity, string> = {
  normal: 'gray',
  sensitive: 'orange',
  restricted: 'red',
};

export function SensitivityBadge({ value }: { value: IncidentSensitivity }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={SENSITIVITY_COLORS[value]}
      variant="light"
      tt="none"
      data-testid="incident-sensitivity"
      data-value={value}
    >
      {t(`incidents.sensitivities.${value}`)}
    </Badge>
  );
}

/** A citation's flags: a duplicate in red, malformed ones in orange. */
export function FlagBadges({ flags }: { flags: readonly CitationFlag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Badge
          key={flag}
          color={flag === 'duplicate' ? 'red' : 'orange'}
          variant="light"
          tt="none"
          data-testid="citation-flag"
          data-flag={flag}
        >
          {t(`incidents.flags.${flag}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** The acts in words, "other" with what it was. */
export function actsText(t: TFunction, acts: readonly Act[], actOther: string | null): string {
  return acts
    .map((a) =>
      a === 'other' && actOther
        ? t('incidents.actOtherShown', { what: actOther })
        : t(`incidents.acts.${a}`),
    )
    .join(t('common.listSeparator'));
}

/** A day at the precision it is known: "12 Jan 2026", "January 2026", "2026", "about …". */
function dayAt(day: string, precision: Incident['when']['precision'], language: string): string {
  const [y, m] = day.split('-').map(Number);
  if (precision === 'year') return String(y);
  if (precision === 'month' && y && m)
    return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long' }).format(
      new Date(y, m - 1, 1),
    );
  return formatDay(day, language);
}

export function whenText(t: TFunction, when: Incident['when'], language: string): string {
  const from = dayAt(when.from, when.precision, language);
  const text = when.to
    ? t('incidents.when.range', { from, to: dayAt(when.to, when.precision, language) })
    : from;
  return when.precision === 'approximate' ? t('incidents.when.about', { when: text }) : text;
}

/** Site names by id (for readers of sites; an id prefix otherwise). */
export function useSiteName(): (id: string) => string {
  const sites = useSites(useHasAbility('sites.read'));
  return (id) => sites.data?.items.find((s) => s.id === id)?.name ?? id.slice(0, 8);
}

export function placeText(
  t: TFunction,
  where: Incident['where'],
  siteName: (id: string) => string,
): string {
  const parts = [where.siteId ? siteName(where.siteId) : null, where.place].filter(Boolean);
  if (parts.length === 0) return t('incidents.where.unknownPlace');
  return `${parts.join(' · ')} (${t(`incidents.placePrecisions.${where.precision}`)})`;
}

/** A registered person's name as a link to the profile (reading it is audited, as on the profile). */
export function PersonName({ personId, testId }: { personId: string; testId?: string }) {
  const { t } = useTranslation();
  const person = useQuery({
    queryKey: queryKeys.person(personId),
    queryFn: ({ signal }) => personsApi.get(personId, signal),
  });
  const name = person.data ? primaryName(person.data.data.names) : undefined;
  return (
    <Anchor component={Link} to={`/persons/${personId}`} dir="auto" data-testid={testId}>
      {(name && formatName(name)) || t('incidents.involved.registeredPerson')}
    </Anchor>
  );
}

/** A report count, or the server's label ("<5") where it was suppressed. */
export function cellText(cell: ReportCell, language: string): string {
  return typeof cell === 'number' ? new Intl.NumberFormat(language).format(cell) : cell.label;
}

export function Muted({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Text c="dimmed" size="sm" data-testid={testId}>
      {children}
    </Text>
  );
}
