import {
  Button,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import {
  dpoApi,
  dpoKeys,
  RETENTION_CATEGORIES,
  type CategoryResult,
  type RetentionCategory,
  type RetentionRule,
  type RetentionRules as Rules,
} from './api';
import { useAbilities } from './shared';

type Draft = Partial<Record<RetentionCategory, RetentionRule>>;

/**
 * The rules per category beside a dry run of them now: the cutoff, and how many records would go,
 * are held (legal hold) or blocked (still referenced). Officers who manage change the rules here.
 */
export function RetentionRules() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const manage = useAbilities()('dataprotection.manage');
  const rules = useQuery({
    queryKey: dpoKeys.rules,
    queryFn: ({ signal }) => dpoApi.rules(signal),
  });
  const preview = useQuery({
    queryKey: dpoKeys.preview,
    queryFn: ({ signal }) => dpoApi.preview(signal),
  });
  const [draft, setDraft] = useState<Draft>({});
  const save = useMutation({
    mutationFn: (current: Rules) => dpoApi.saveRules(draft, current.version),
    onSuccess: (saved) => {
      setDraft({});
      queryClient.setQueryData(dpoKeys.rules, saved);
      void queryClient.invalidateQueries({ queryKey: dpoKeys.preview });
    },
  });
  const byCategory = new Map<RetentionCategory, CategoryResult>(
    (preview.data?.categories ?? []).map((c) => [c.category, c]),
  );
  const n = (v: number | undefined) => (v === undefined ? '…' : formatNumber(v, i18n.language));
  const edit = (c: RetentionCategory, change: Partial<RetentionRule>) =>
    setDraft((d) => {
      const base = d[c] ?? rules.data?.rules[c];
      return base ? { ...d, [c]: { ...base, ...change } } : d;
    });
  const changed = Object.keys(draft).length > 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('dpo.retention.rulesTitle')}
        </Title>
        <Button
          variant="default"
          size="xs"
          onClick={() => void preview.refetch()}
          loading={preview.isFetching}
          data-testid="retention-preview"
        >
          {t('dpo.retention.refreshPreview')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('dpo.retention.previewExplanation')}
        {preview.data &&
          ` ${t('dpo.retention.previewAt', { at: formatDate(preview.data.at, i18n.language) })}`}
      </Text>
      <ProblemAlert error={rules.error ?? preview.error} />
      {(rules.isPending || preview.isPending) && <Loader size="sm" />}
      {rules.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="retention-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpo.category')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.enabled')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.keepDays')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.cutoff')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.wouldDelete')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.held')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.blocked')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {RETENTION_CATEGORIES.map((c) => {
                const rule = draft[c] ?? rules.data.rules[c];
                const p = byCategory.get(c);
                const name = t(`dpo.retention.categories.${c}`);
                return (
                  <Table.Tr key={c} data-testid="retention-row" data-category={c}>
                    <Table.Th scope="row" fw={500}>
                      {name}
                      <Text size="xs" c="dimmed" fw={400}>
                        {t(`dpo.retention.deletes.${c}`)}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      {manage && rule ? (
                        <Checkbox
                          aria-label={t('dpo.retention.enabledFor', { category: name })}
                          checked={rule.enabled}
                          onChange={(e) => edit(c, { enabled: e.currentTarget.checked })}
                          data-testid={`retention-enabled-${c}`}
                        />
                      ) : rule?.enabled ? (
                        t('common.yes')
                      ) : (
                        t('common.no')
                      )}
                    </Table.Td>
                    <Table.Td>
                      {manage && rule ? (
                        <NumberInput
                          aria-label={t('dpo.retention.keepDaysFor', { category: name })}
                          min={1}
                          max={36500}
                          allowDecimal={false}
                          w={110}
                          value={rule.keepDays}
                          onChange={(v) => typeof v === 'number' && edit(c, { keepDays: v })}
                          data-testid={`retention-days-${c}`}
                        />
                      ) : (
                        n(rule?.keepDays)
                      )}
                    </Table.Td>
                    <Table.Td>{p ? formatDate(p.cutoff, i18n.language) : '…'}</Table.Td>
                    <Table.Td data-testid="retention-would-delete">
                      {p && !p.enabled ? t('dpo.retention.off') : n(p?.deleted)}
                    </Table.Td>
                    <Table.Td data-testid="retention-held">{n(p?.held)}</Table.Td>
                    <Table.Td data-testid="retention-blocked">{n(p?.blocked)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rules.data && (
        <Text size="sm" c="dimmed">
          {t('dpo.retention.neverDeleted')}
        </Text>
      )}
      <ProblemAlert
        error={save.error}
        onReload={() => {
          save.reset();
          setDraft({});
          void rules.refetch();
        }}
        testId="retention-save-error"
      />
      {manage && rules.data && changed && (
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => setDraft({})}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => save.mutate(rules.data)}
            loading={save.isPending}
            data-testid="retention-save"
          >
            {t('dpo.retention.saveRules')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
