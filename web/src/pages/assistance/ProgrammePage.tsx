import {
  Anchor,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSites } from '../../api/queries';
import { aidKeys, assistanceApi } from '../../components/assistance/api';
import { IndependenceBadge } from '../../components/assistance/badges';
import { EligibilityCheck, ruleText } from '../../components/assistance/EligibilityCheck';
import { ProgrammeForm } from '../../components/assistance/ProgrammeForm';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDay } from '../../lib/format';

/** One programme: what it is, who runs and funds it, who is eligible, and a check per person. */
export function ProgrammePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const canManage = useHasAbility('assistance.manage');
  const canSites = useHasAbility('sites.read');
  const canPersons = useHasAbility('persons.read');
  const sites = useSites(canSites);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const programme = useQuery({
    queryKey: aidKeys.programme(id),
    queryFn: ({ signal }) => assistanceApi.programme(id, signal),
    enabled: id !== '',
  });
  const siteName = (siteId: string) =>
    sites.data?.items.find((s) => s.id === siteId)?.name ?? siteId.slice(0, 8);
  const p = programme.data?.data;
  const lang = i18n.language;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/assistance/programmes">
        {t('assistance.programmes.back')}
      </Anchor>
      <ProblemAlert error={programme.error} />
      {programme.isPending && <Loader size="sm" />}
      {p && (
        <>
          <Group justify="space-between" align="flex-end">
            <Title order={1}>
              <span dir="auto">{p.name}</span>
            </Title>
            {canManage && (
              <Button onClick={() => setEditing(true)} data-testid="programme-edit">
                {t('common.edit')}
              </Button>
            )}
          </Group>
          <Table withTableBorder data-testid="programme-details">
            <Table.Tbody>
              <Row label={t('assistance.programmes.type')}>
                {t(`assistance.programmeTypes.${p.type}`)}
              </Row>
              <Row label={t('assistance.programmes.provider')}>
                <Group gap="xs">
                  <span dir="auto">{p.providerName}</span>
                  <IndependenceBadge value={p.independenceClass} />
                </Group>
              </Row>
              <Row label={t('assistance.programmes.funders')}>
                {p.funders.length
                  ? p.funders.map((f) => f.name).join(t('common.listSeparator'))
                  : '—'}
              </Row>
              <Row label={t('assistance.programmes.sites')}>
                {p.siteIds.length
                  ? p.siteIds.map(siteName).join(t('common.listSeparator'))
                  : t('assistance.programmes.allSites')}
              </Row>
              <Row label={t('assistance.programmes.capacity')}>{p.capacity ?? '—'}</Row>
              <Row label={t('assistance.programmes.dates')}>
                {formatDay(p.startDate, lang)} – {p.endDate ? formatDay(p.endDate, lang) : '…'}
              </Row>
              {p.description && (
                <Row label={t('assistance.programmes.description')}>
                  <span dir="auto">{p.description}</span>
                </Row>
              )}
              <Row label={t('assistance.eligibility.rules')}>
                {p.eligibility.rules.length === 0 ? (
                  t('assistance.eligibility.noRules')
                ) : (
                  <List size="sm">
                    {p.eligibility.rules.map((r, i) => (
                      <List.Item key={i}>{ruleText(t, r, siteName)}</List.Item>
                    ))}
                  </List>
                )}
              </Row>
            </Table.Tbody>
          </Table>
          {canPersons ? (
            <EligibilityCheck programmeId={p.id} siteName={siteName} />
          ) : (
            <Text c="dimmed">{t('assistance.eligibility.needsPersons')}</Text>
          )}
          <Modal
            opened={editing}
            onClose={() => setEditing(false)}
            title={t('assistance.programmes.editTitle')}
            size="xl"
          >
            {editing && (
              <ProgrammeForm
                key={p.version}
                programme={p}
                etag={programme.data?.etag ?? null}
                onDone={() => {
                  void queryClient.invalidateQueries({ queryKey: aidKeys.programmes });
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
                onReload={() => void programme.refetch()}
              />
            )}
          </Modal>
        </>
      )}
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={220}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
