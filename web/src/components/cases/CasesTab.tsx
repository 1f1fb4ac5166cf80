import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { fieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  CASE_CATEGORIES,
  casesApi,
  casesKeys,
  isOneOf,
  PRIORITIES,
  type CaseCategory,
  type CasePriority,
} from './api';
import { PersonReferrals } from './PersonReferrals';
import { StateBadge, UserLabel } from './shared';

/** The person's cases (those the reader may see), opening a new one, and their referrals. */
export function CasesTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canRead = useHasAbility('cases.read');
  if (!canRead)
    return (
      <Text c="dimmed" data-testid="cases-no-access">
        {t('cases.tab.noAccess')}
      </Text>
    );
  return (
    <Stack gap="lg">
      <PersonCases personId={personId} />
      <PersonReferrals personId={personId} />
    </Stack>
  );
}

function PersonCases({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const canManage = useHasAbility('cases.manage');
  const [opening, setOpening] = useState(false);
  const cases = useQuery({
    queryKey: casesKeys.ofPerson(personId),
    queryFn: ({ signal }) => casesApi.list({ personId, limit: 500 }, signal),
  });
  const items = cases.data?.items ?? [];

  return (
    <Stack gap="sm" data-testid="person-cases">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('cases.tab.title')}
        </Title>
        {canManage && !opening && (
          <Button onClick={() => setOpening(true)} data-testid="case-open">
            {t('cases.tab.open')}
          </Button>
        )}
      </Group>
      {opening && <OpenCaseForm personId={personId} onCancel={() => setOpening(false)} />}
      <ProblemAlert error={cases.error} />
      {cases.isPending && <Loader size="sm" />}
      {cases.data && items.length === 0 && (
        <Text c="dimmed" data-testid="person-cases-empty">
          {t('cases.tab.none')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table data-testid="person-cases-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.category')}</Table.Th>
                <Table.Th scope="col">{t('cases.state')}</Table.Th>
                <Table.Th scope="col">{t('cases.priority')}</Table.Th>
                <Table.Th scope="col">{t('cases.assignee')}</Table.Th>
                <Table.Th scope="col">{t('cases.openedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="person-case-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`} data-testid="person-case-link">
                      {t(`cases.categories.${c.category}`)}
                    </Anchor>
                    {c.householdId && (
                      <Badge ms="xs" variant="outline" color="gray" size="sm" tt="none">
                        {t('cases.household')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={c.status} />
                  </Table.Td>
                  <Table.Td>{t(`cases.priorities.${c.priority}`)}</Table.Td>
                  <Table.Td>
                    <UserLabel userId={c.assigneeId} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.openedAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function OpenCaseForm({ personId, onCancel }: { personId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [category, setCategory] = useState<CaseCategory>('general');
  const [priority, setPriority] = useState<CasePriority>('normal');
  const open = useMutation({
    mutationFn: () => casesApi.create({ personId, category, priority }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: casesKeys.all });
      void navigate(`/cases/${created.id}`);
    },
  });
  const errors = fieldErrors(open.error);
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          open.mutate();
        }}
        data-testid="case-open-form"
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('cases.tab.openTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('cases.tab.openHint')}
          </Text>
          <ProblemAlert error={open.error} fields={['category', 'priority']} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('cases.category')}
              value={category}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(CASE_CATEGORIES, v)) setCategory(v);
              }}
              error={errors.category}
              data-testid="case-open-category"
            >
              {CASE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`cases.categories.${c}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('cases.priority')}
              value={priority}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(PRIORITIES, v)) setPriority(v);
              }}
              error={errors.priority}
              data-testid="case-open-priority"
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`cases.priorities.${p}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={open.isPending} data-testid="case-open-submit">
              {t('cases.tab.openSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
