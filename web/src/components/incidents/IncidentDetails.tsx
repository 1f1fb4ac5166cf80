import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import { articleLabel } from '../../lib/rights';
import type { ConsentView, Incident } from './api';
import { Muted, PersonName, placeText, useSiteName, whenText } from './shared';

/** What happened, when, where, the rights concerned and the consents recorded. */
export function IncidentDetails({ incident: i }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const siteName = useSiteName();
  return (
    <Paper withBorder p="md" data-testid="incident-details">
      <Stack gap="sm">
        <Group gap="xs" data-testid="incident-acts">
          {i.acts.map((a) => (
            <Badge key={a} variant="light" color="blue" tt="none" data-act={a}>
              {t(`incidents.acts.${a}`)}
            </Badge>
          ))}
          {i.actOther && (
            <Text size="sm" dir="auto">
              {t('incidents.actOtherShown', { what: i.actOther })}
            </Text>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <Text size="sm" fw={600}>
              {t('incidents.form.when')}
            </Text>
            <Text data-testid="incident-when">{whenText(t, i.when, i18n.language)}</Text>
          </div>
          <div>
            <Text size="sm" fw={600}>
              {t('incidents.form.where')}
            </Text>
            <Text dir="auto" data-testid="incident-where">
              {placeText(t, i.where, siteName)}
            </Text>
          </div>
        </SimpleGrid>
        <div>
          <Text size="sm" fw={600}>
            {t('incidents.form.description')}
          </Text>
          <Text
            dir="auto"
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="incident-description-text"
          >
            {i.description}
          </Text>
        </div>
        <div>
          <Text size="sm" fw={600}>
            {t('incidents.form.articles')}
          </Text>
          {i.articles.length === 0 ? (
            <Muted>{t('incidents.noArticles')}</Muted>
          ) : (
            <List size="sm" data-testid="incident-articles-list">
              {i.articles.map((a) => (
                <List.Item key={a}>{articleLabel(t, a)}</List.Item>
              ))}
            </List>
          )}
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ConsentText label={t('incidents.consent.toUse')} consent={i.consentToUse} />
          <ConsentText label={t('incidents.consent.toShare')} consent={i.consentToShare} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function ConsentText({ label, consent }: { label: string; consent: ConsentView | null }) {
  const { t, i18n } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {consent ? (
        <Text size="sm">
          {t('incidents.consent.shown', {
            decision: t(`incidents.consent.decisions.${consent.decision}`),
            by: t(`incidents.consent.givers.${consent.givenBy}`),
            on: formatDay(consent.on, i18n.language),
          })}
          {consent.scope && (
            <Text span size="sm" dir="auto">
              {` · ${consent.scope}`}
            </Text>
          )}
        </Text>
      ) : (
        <Muted>{t('incidents.consent.notAsked')}</Muted>
      )}
    </div>
  );
}

/** Persons, groups and authorities involved, with their roles. */
export function InvolvementsTable({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('incidents.involved.title')}
      </Title>
      {incident.involvements.length === 0 ? (
        <Muted>{t('incidents.involved.none')}</Muted>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table data-testid="incident-involvements-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('incidents.involved.role')}</Table.Th>
                <Table.Th scope="col">{t('incidents.involved.who')}</Table.Th>
                <Table.Th scope="col">{t('incidents.involved.perpetratorType')}</Table.Th>
                <Table.Th scope="col">{t('incidents.involved.degree')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incident.involvements.map((v) => (
                <Table.Tr key={v.id} data-testid="involvement" data-role={v.role}>
                  <Table.Td>{t(`incidents.roles.${v.role}`)}</Table.Td>
                  <Table.Td>
                    {v.personId ? (
                      <PersonName personId={v.personId} testId="involvement-person" />
                    ) : (
                      <Text size="sm" dir="auto">
                        {t(`incidents.subjects.${v.subject}`)}
                        {v.label ? `: ${v.label}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {v.perpetratorType ? t(`incidents.perpetratorTypes.${v.perpetratorType}`) : '—'}
                  </Table.Td>
                  <Table.Td>{v.degree ? t(`incidents.degrees.${v.degree}`) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
