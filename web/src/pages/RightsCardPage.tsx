import { Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { personsApi, rightsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { Entitlement, RightsGap } from '../api/types';
import { ProblemAlert } from '../components/ProblemAlert';
import { BarrierList, summaryIn } from '../components/RightsTab';
import { localDayStartIso } from '../lib/dates';
import { formatDay } from '../lib/format';
import { formatName, originalScriptNames, primaryName } from '../lib/persons';
import { articleLabel, localToday } from '../lib/rights';

/**
 * A printable card of the rights a person is owed, in the UI language: name, day, owed rights
 * with their plain-language summaries, and the gaps. Never whereabouts or contact details.
 */
export function RightsCardPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const requested = params.get('asOf') ?? '';
  const asOf = localDayStartIso(requested) ? requested : localToday();

  const person = useQuery({
    queryKey: queryKeys.person(id),
    queryFn: ({ signal }) => personsApi.get(id, signal),
    enabled: id !== '',
  });
  const entitlements = useQuery({
    queryKey: queryKeys.entitlements(id, asOf),
    queryFn: ({ signal }) => rightsApi.entitlements(id, { asOf }, signal),
    enabled: id !== '',
  });
  const gaps = useQuery({
    queryKey: queryKeys.rightsGaps(id, asOf),
    queryFn: ({ signal }) => rightsApi.gaps(id, { asOf }, signal),
    enabled: id !== '',
  });

  const backLink = (
    <Anchor component={Link} to={`/persons/${id}`} className="no-print">
      {t('rights.card.back')}
    </Anchor>
  );

  if (person.isError && isApiError(person.error) && person.error.status === 404) {
    return (
      <Stack gap="md" data-testid="person-not-found">
        <Title order={1}>{t('persons.notFound')}</Title>
        {backLink}
      </Stack>
    );
  }

  const names = person.data?.data.names ?? [];
  const primary = primaryName(names);
  const others = originalScriptNames(names).filter((n) => n !== primary);
  const items = entitlements.data?.items ?? [];
  const owed = items.filter((i) => i.owed === 'yes');
  const ifRefugee = items.filter((i) => i.owed === 'if-refugee');

  return (
    <Stack gap="md">
      <Group justify="space-between" className="no-print">
        {backLink}
        <Button onClick={() => window.print()} data-testid="rights-card-print">
          {t('rights.card.print')}
        </Button>
      </Group>
      <ProblemAlert error={person.error ?? entitlements.error ?? gaps.error} />
      {(person.isPending || entitlements.isPending) && <Loader size="sm" />}
      {person.data && entitlements.data && (
        <article className="rights-card" data-testid="rights-card">
          <Stack gap="md">
            <header>
              <Text size="sm" c="dimmed">
                {t('rights.card.title')}
              </Text>
              <Title order={1} data-testid="rights-card-name">
                <span dir="auto">{(primary && formatName(primary)) || '—'}</span>
              </Title>
              {others.map((name, index) => (
                <Text key={index} size="lg">
                  <span dir="auto">{formatName(name)}</span>
                </Text>
              ))}
              <Text size="sm" data-testid="rights-card-date">
                {t('rights.card.asOf', { day: formatDay(asOf, i18n.language) })}
              </Text>
            </header>

            <CardSection
              title={t('rights.card.owed')}
              items={owed}
              empty={t('rights.card.noneOwed')}
              testId="rights-card-owed"
            />
            {ifRefugee.length > 0 && (
              <CardSection
                title={t('rights.card.ifRefugee')}
                intro={t('rights.card.ifRefugeeIntro')}
                items={ifRefugee}
                testId="rights-card-if-refugee"
              />
            )}
            {gaps.data && <CardGaps items={gaps.data.items} />}

            <Text size="xs" c="dimmed">
              {t('rights.card.footer')}
            </Text>
          </Stack>
        </article>
      )}
    </Stack>
  );
}

interface CardSectionProps {
  title: string;
  intro?: string;
  items: readonly Entitlement[];
  empty?: string;
  testId: string;
}

function CardSection({ title, intro, items, empty, testId }: CardSectionProps) {
  const { t, i18n } = useTranslation();
  return (
    <section data-testid={testId}>
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      {intro && (
        <Text size="sm" mb="xs">
          {intro}
        </Text>
      )}
      {items.length === 0 && empty && <Text size="sm">{empty}</Text>}
      <ul className="rights-card-list">
        {items.map((item) => (
          <li key={item.article} className="rights-card-item">
            <Text fw={600} size="sm">
              {articleLabel(t, item.article, item.title)}
            </Text>
            <Text size="sm">{summaryIn(item, i18n.language)}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CardGaps({ items }: { items: readonly RightsGap[] }) {
  const { t } = useTranslation();
  return (
    <section data-testid="rights-card-gaps">
      <Title order={2} size="h3" mb="xs">
        {t('rights.card.gaps')}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{t('rights.gaps.empty')}</Text>
      ) : (
        <ul className="rights-card-list">
          {items.map((gap) => (
            <li key={gap.article} className="rights-card-item">
              <Text fw={600} size="sm">
                {articleLabel(t, gap.article, gap.title)}
              </Text>
              <Text size="sm">
                {t(`rights.access.values.${gap.access}`)}
                {gap.barriers.length > 0 && (
                  <>
                    {' — '}
                    <BarrierList barriers={gap.barriers} />
                  </>
                )}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
