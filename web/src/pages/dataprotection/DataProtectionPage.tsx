import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { BreakGlassPanel } from '../../components/dataprotection/BreakGlassPanel';
import { LegalHoldsPanel } from '../../components/dataprotection/LegalHoldsPanel';
import { RetentionRules } from '../../components/dataprotection/RetentionRules';
import { RetentionRuns } from '../../components/dataprotection/RetentionRuns';
import { SubjectRequestsPanel } from '../../components/dataprotection/SubjectRequestsPanel';
import { TransferRequestsPanel } from '../../components/dataprotection/TransferRequestsPanel';
import { TransfersPanel } from '../../components/dataprotection/TransfersPanel';

const TABS = ['transfers', 'requests', 'subject', 'retention', 'holds', 'breakGlass'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string): v is Tab => (TABS as readonly string[]).includes(v);

/**
 * The data-protection officer's screen (docs/data-protection.md): the transfer log, transfer
 * requests waiting for approval, subject requests, retention, legal holds and break-glass
 * readings. Ids, codes, dates and counts only: never case content. The open tab is in the address.
 */
export function DataProtectionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') ?? 'transfers';
  const tab: Tab = isTab(requested) ? requested : 'transfers';
  return (
    <Stack gap="md">
      <Title order={1}>{t('dpo.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('dpo.intro')}
      </Text>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'transfers' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((v) => (
            <Tabs.Tab key={v} value={v} data-testid={`dpo-tab-${v}`}>
              {t(`dpo.tabs.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="transfers" pt="md">
          <TransfersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="requests" pt="md">
          <TransferRequestsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="subject" pt="md">
          <SubjectRequestsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="retention" pt="md">
          <Stack gap="xl">
            <RetentionRules />
            <RetentionRuns />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="holds" pt="md">
          <LegalHoldsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="breakGlass" pt="md">
          <BreakGlassPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
