import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDayStartIso } from '../../lib/dates';
import { ProblemAlert } from '../ProblemAlert';
import { aidKeys, assistanceApi, type EligibilityRule } from './api';
import { PersonPicker } from './PersonPicker';

/** A rule in words, in the reader's language. */
export function ruleText(
  t: TFunction,
  rule: EligibilityRule,
  siteName: (id: string) => string,
): string {
  const list = (values: string[]) => values.join(t('common.listSeparator'));
  switch (rule.type) {
    case 'sex':
      return t('assistance.eligibility.describe.sex', {
        values: list(rule.in.map((s) => t(`persons.sexes.${s}`))),
      });
    case 'age':
      if (rule.min !== undefined && rule.max !== undefined)
        return t('assistance.eligibility.describe.ageBetween', { min: rule.min, max: rule.max });
      if (rule.min !== undefined)
        return t('assistance.eligibility.describe.ageFrom', { min: rule.min });
      return t('assistance.eligibility.describe.ageTo', { max: rule.max ?? '' });
    case 'nationality':
      return t('assistance.eligibility.describe.nationality', { values: list(rule.in) });
    case 'specific_needs':
      return t('assistance.eligibility.describe.needs', {
        values: list(rule.anyOf.map((n) => t(`assistance.needs.${n}`))),
      });
    case 'site':
      return t('assistance.eligibility.describe.site', { values: list(rule.in.map(siteName)) });
  }
}

const OUTCOME_COLORS = { pass: 'teal', fail: 'red', unknown: 'gray' } as const;
const RESULT_COLORS = { eligible: 'teal', not_eligible: 'red', undetermined: 'gray' } as const;

/** Is this person eligible for the programme, and why: each rule with its outcome. */
export function EligibilityCheck({
  programmeId,
  siteName,
}: {
  programmeId: string;
  siteName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState('');
  const [asOf, setAsOf] = useState('');
  const [asked, setAsked] = useState<{ personId: string; asOf: string } | null>(null);
  const result = useQuery({
    queryKey: aidKeys.eligibility(programmeId, asked?.personId ?? '', asked?.asOf ?? ''),
    queryFn: ({ signal }) =>
      assistanceApi.eligibility(programmeId, asked!.personId, asked!.asOf || undefined, signal),
    enabled: asked !== null,
  });
  const data = result.data;

  return (
    <Paper withBorder p="md" data-testid="eligibility-check">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('assistance.eligibility.checkTitle')}
        </Title>
        <Group align="flex-end">
          <PersonPicker value={personId} onChange={setPersonId} testId="eligibility-person" />
          <TextInput
            type="date"
            label={t('assistance.eligibility.asOf')}
            value={asOf}
            onChange={(e) => setAsOf(e.currentTarget.value)}
          />
          <Button
            disabled={!personId}
            onClick={() => setAsked({ personId, asOf: localDayStartIso(asOf) ? asOf : '' })}
            data-testid="eligibility-run"
          >
            {t('assistance.eligibility.check')}
          </Button>
        </Group>
        <ProblemAlert error={result.error} />
        {data && (
          <Stack gap="xs" data-testid="eligibility-result">
            <Group gap="xs">
              <Text fw={600}>{t('assistance.eligibility.result')}:</Text>
              <Badge color={RESULT_COLORS[data.outcome]} data-testid="eligibility-outcome">
                {t(`assistance.eligibility.outcomes.${data.outcome}`)}
              </Badge>
            </Group>
            {data.rules.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('assistance.eligibility.noRules')}
              </Text>
            ) : (
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('assistance.eligibility.rule')}</Table.Th>
                    <Table.Th scope="col">{t('assistance.eligibility.outcome')}</Table.Th>
                    <Table.Th scope="col">{t('assistance.eligibility.explanation')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rules.map((r, i) => (
                    <Table.Tr key={i} data-testid="eligibility-rule-row">
                      <Table.Td>
                        {ruleText(t, r.rule, siteName)}
                        {r.source === 'coverage' && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            ({t('assistance.eligibility.coverage')})
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={OUTCOME_COLORS[r.outcome]} variant="light">
                          {t(`assistance.eligibility.ruleOutcomes.${r.outcome}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td dir="auto">{r.explanation}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
