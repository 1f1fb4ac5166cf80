import { Alert, Anchor, Badge, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { API_BASE } from '../../api/client';
import { personsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import { casesApi, casesKeys, referralsApi, type CaseDetail } from '../../components/cases/api';
import { CaseApprovals } from '../../components/cases/CaseApprovals';
import { CaseNotes } from '../../components/cases/CaseNotes';
import { CasePlan } from '../../components/cases/CasePlan';
import { CaseStatePanel } from '../../components/cases/CaseStatePanel';
import { CaseTimeline } from '../../components/cases/CaseTimeline';
import { CaseTransfers, TransferCard } from '../../components/cases/CaseTransfers';
import { useProviders } from '../../components/cases/PersonReferrals';
import { ReferralCard } from '../../components/cases/ReferralCard';
import { ReferralForm } from '../../components/cases/ReferralForm';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { formatName, primaryName } from '../../lib/persons';

const TABS = ['plan', 'approvals', 'notes', 'referrals', 'transfers', 'timeline'] as const;
type CaseTab = (typeof TABS)[number];
const isTab = (v: string): v is CaseTab => (TABS as readonly string[]).includes(v);

/** The case workspace: state and moves, plan and tasks, approvals, notes, referrals, transfers. */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') ?? 'plan';
  const tab: CaseTab = isTab(requested) ? requested : 'plan';
  const kase = useQuery({
    queryKey: casesKeys.detail(id),
    queryFn: ({ signal }) => casesApi.get(id, signal),
    enabled: id !== '',
  });
  const back = (
    <Anchor component={Link} to="/cases">
      {t('cases.list.back')}
    </Anchor>
  );

  // 404 for a missing case and for one the reader may not see alike.
  if (kase.isError && isApiError(kase.error) && kase.error.status === 404)
    return (
      <Stack gap="md" data-testid="case-not-found">
        {back}
        <Title order={1}>{t('cases.notFound')}</Title>
      </Stack>
    );
  const c = kase.data?.data;

  return (
    <Stack gap="md">
      {back}
      <ProblemAlert error={kase.error} />
      {kase.isPending && <Loader size="sm" />}
      {c && (
        <>
          <CaseHeader kase={c} />
          <Text size="sm" c="dimmed">
            {t('cases.openedOn', { at: formatDateTime(c.openedAt, i18n.language) })}
            {c.closedAt &&
              ` · ${t('cases.closedOn', { at: formatDateTime(c.closedAt, i18n.language) })}`}
          </Text>
          {c.relation === 'incoming' ? (
            <IncomingCase kase={c} />
          ) : (
            <Workspace
              kase={c}
              tab={tab}
              onTab={(v) => setParams(v === 'plan' ? {} : { tab: v }, { replace: true })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function CaseHeader({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const person = useQuery({
    queryKey: queryKeys.person(kase.personId),
    queryFn: ({ signal }) => personsApi.get(kase.personId, signal),
  });
  const primary = person.data ? primaryName(person.data.data.names) : undefined;
  return (
    <Stack gap={4} data-testid="case-header">
      <Group gap="sm" align="center">
        <Title order={1}>
          {t('cases.heading', { category: t(`cases.categories.${kase.category}`) })}
        </Title>
        <Badge
          variant="light"
          color={kase.priority === 'urgent' || kase.priority === 'high' ? 'red' : 'gray'}
          tt="none"
        >
          {t(`cases.priorities.${kase.priority}`)}
        </Badge>
        <Badge variant="outline" color="gray" tt="none" data-testid="case-relation">
          {t(`cases.relations.${kase.relation}`)}
        </Badge>
        {kase.relation !== 'incoming' && (
          <Anchor
            href={`${API_BASE}/cases/${kase.id}/summary.pdf`}
            download
            size="sm"
            title={t('casePdf.hint')}
            data-testid="case-summary-pdf"
          >
            {t('casePdf.download')}
          </Anchor>
        )}
      </Group>
      <Text>
        {t('cases.personLabel')}{' '}
        <Anchor
          component={Link}
          to={`/persons/${kase.personId}?tab=cases`}
          dir="auto"
          data-testid="case-person-link"
        >
          {(primary && formatName(primary)) || t('cases.personProfile')}
        </Anchor>
        {kase.householdId && (
          <>
            {' · '}
            <Anchor component={Link} to={`/households/${kase.householdId}`}>
              {t('cases.household')}
            </Anchor>
          </>
        )}
      </Text>
    </Stack>
  );
}

/** An offered case: the receiving side sees the plan to decide, and may do nothing else yet. */
function IncomingCase({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const offer = kase.transfers.find((x) => x.status === 'pending');
  return (
    <Stack gap="md">
      <Alert color="blue" title={t('cases.transfers.incomingTitle')} data-testid="case-incoming">
        {t('cases.transfers.incomingExplanation')}
      </Alert>
      {offer && <TransferCard kase={kase} transfer={offer} canWork={false} />}
      <CasePlan kase={kase} canWork={false} />
    </Stack>
  );
}

function Workspace({
  kase,
  tab,
  onTab,
}: {
  kase: CaseDetail;
  tab: CaseTab;
  onTab: (tab: CaseTab) => void;
}) {
  const { t } = useTranslation();
  const canWork = useHasAbility('cases.manage');
  const openTasks = kase.tasks.filter((x) => x.status === 'open').length;
  const overdue = kase.tasks.filter((x) => x.overdue).length;
  const pendingApprovals = kase.approvals.filter((a) => a.status === 'pending').length;
  return (
    <Stack gap="md">
      <CaseStatePanel kase={kase} canWork={canWork} />
      <Tabs
        value={tab}
        onChange={(v) => {
          if (v && isTab(v)) onTab(v);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`case-tab-${value}`}>
              {t(`cases.tabs.${value}`)}
              {value === 'plan' && openTasks > 0 && (
                <Badge ms={6} size="sm" variant="light" color={overdue > 0 ? 'red' : 'blue'}>
                  {openTasks}
                </Badge>
              )}
              {value === 'approvals' && pendingApprovals > 0 && (
                <Badge ms={6} size="sm" variant="light" color="yellow">
                  {pendingApprovals}
                </Badge>
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="plan" pt="md">
          <CasePlan kase={kase} canWork={canWork} />
        </Tabs.Panel>
        <Tabs.Panel value="approvals" pt="md">
          <CaseApprovals kase={kase} canWork={canWork} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="md">
          <CaseNotes caseId={kase.id} canWrite={canWork} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          <CaseReferrals kase={kase} />
        </Tabs.Panel>
        <Tabs.Panel value="transfers" pt="md">
          <CaseTransfers kase={kase} canWork={canWork} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <CaseTimeline caseId={kase.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CaseReferrals({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const canSend = useHasAbility('referrals.send');
  const [referring, setReferring] = useState(false);
  const providers = useProviders();
  const referrals = useQuery({
    queryKey: casesKeys.referrals(kase.id),
    queryFn: ({ signal }) => referralsApi.ofCase(kase.id, signal),
  });
  const items = [...(referrals.data?.items ?? [])].sort((a, b) =>
    b.referredAt.localeCompare(a.referredAt),
  );
  return (
    <Stack gap="sm" data-testid="case-referrals">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('cases.referrals.title')}
        </Title>
        {canSend && !referring && kase.status !== 'closed' && (
          <Anchor
            component="button"
            type="button"
            onClick={() => setReferring(true)}
            data-testid="case-referral-start"
          >
            {t('cases.referrals.refer')}
          </Anchor>
        )}
      </Group>
      {referring && (
        <ReferralForm
          personId={kase.personId}
          caseId={kase.id}
          onDone={() => setReferring(false)}
          onCancel={() => setReferring(false)}
        />
      )}
      <ProblemAlert error={referrals.error ?? providers.error} />
      {referrals.isPending && <Loader size="sm" />}
      {referrals.data && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('cases.referrals.none')}
        </Text>
      )}
      {items.map((r) => (
        <ReferralCard key={r.id} referral={r} provider={providers.data?.get(r.providerId)} />
      ))}
    </Stack>
  );
}
