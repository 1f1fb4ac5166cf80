import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { operationApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import { AgreementForm } from '../../components/assistance/AgreementForm';
import { aidKeys, transparencyApi, type Agreement } from '../../components/assistance/api';
import { TransactionForm } from '../../components/assistance/TransactionForm';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDay } from '../../lib/format';
import { downloadText } from '../../lib/hxl';

/** Funding agreements, their transactions, the IATI export and the way to the public page. */
export function AgreementsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useHasAbility('transparency.manage');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Agreement | 'new' | null>(null);
  const [adding, setAdding] = useState<Agreement | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const agreements = useQuery({
    queryKey: aidKeys.agreements,
    queryFn: ({ signal }) => transparencyApi.agreements(signal),
  });
  const operation = useQuery({
    queryKey: queryKeys.operation,
    queryFn: ({ signal }) => operationApi.current(signal),
  });
  const code = operation.data?.data.code;
  const items = agreements.data?.items ?? [];
  const refresh = () => void queryClient.invalidateQueries({ queryKey: aidKeys.agreements });

  const exportIati = async (scope: 'public' | 'all') => {
    setExportError(null);
    try {
      const xml = await transparencyApi.iatiXml(scope);
      downloadText(xml, `iati-activities-${scope}.xml`, 'application/xml;charset=utf-8');
    } catch (error) {
      setExportError(error);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('transparency.agreements.pageTitle')}</Title>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => void exportIati('public')}
            data-testid="iati-export"
          >
            {t('transparency.iati.exportPublic')}
          </Button>
          <Button
            variant="subtle"
            onClick={() => void exportIati('all')}
            data-testid="iati-export-all"
          >
            {t('transparency.iati.exportAll')}
          </Button>
          {canManage && (
            <Button onClick={() => setEditing('new')} data-testid="agreement-new">
              {t('transparency.agreements.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed">{t('transparency.agreements.intro')}</Text>
      {code && (
        <Text size="sm">
          {t('transparency.publicPageIs')}{' '}
          <Anchor component={Link} to={`/public/${code}`} data-testid="public-page-link">
            {`/public/${code}`}
          </Anchor>
        </Text>
      )}
      <ProblemAlert error={exportError} testId="iati-error" />
      <ProblemAlert error={agreements.error} />
      {agreements.isPending && <Loader size="sm" />}
      {agreements.data && items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
      {items.map((a) => (
        <Paper key={a.id} withBorder p="md" data-testid="agreement-row">
          <Stack gap="xs">
            <Group justify="space-between">
              <Stack gap={2}>
                <Text fw={600} dir="auto">
                  {a.title}
                </Text>
                <Text size="xs" c="dimmed" dir="ltr" className="text-start">
                  {a.iatiIdentifier}
                </Text>
              </Stack>
              <Group gap="xs">
                <Badge color={a.public ? 'teal' : 'gray'} variant="light">
                  {a.public ? t('transparency.public') : t('transparency.notPublic')}
                </Badge>
                <Badge variant="outline">
                  {t(`transparency.statuses.${a.status}`, { defaultValue: a.status })}
                </Badge>
              </Group>
            </Group>
            <Text size="sm">
              <span dir="ltr">{`${a.amount} ${a.currency}`}</span>
              {' · '}
              {formatDay(a.startDate, i18n.language)} –{' '}
              {a.endDate ? formatDay(a.endDate, i18n.language) : '…'}
            </Text>
            <Text size="sm" dir="auto">
              {a.purpose}
            </Text>
            <Text size="sm" c="dimmed">
              {a.parties
                .map(
                  (p) =>
                    `${p.name} (${t(`transparency.roles.${p.role}`, { defaultValue: p.role })})`,
                )
                .join(t('common.listSeparator'))}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setOpen(open === a.id ? null : a.id)}
                aria-expanded={open === a.id}
                data-testid="agreement-transactions-toggle"
              >
                {t('transparency.transactions.toggle', { count: a.transactions.length })}
              </Button>
              {canManage && (
                <>
                  <Button size="xs" variant="default" onClick={() => setEditing(a)}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setAdding(a)}
                    data-testid="transaction-add"
                  >
                    {t('transparency.transactions.add')}
                  </Button>
                </>
              )}
            </Group>
            {open === a.id && (
              <Table withTableBorder data-testid="transactions-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('transparency.transactions.date')}</Table.Th>
                    <Table.Th scope="col">{t('transparency.transactions.type')}</Table.Th>
                    <Table.Th scope="col">{t('transparency.transactions.value')}</Table.Th>
                    <Table.Th scope="col">{t('transparency.transactions.providerOrg')}</Table.Th>
                    <Table.Th scope="col">{t('transparency.transactions.receiverOrg')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.transactions.map((tx) => (
                    <Table.Tr key={tx.id} data-testid="transaction-row">
                      <Table.Td>{formatDay(tx.date, i18n.language)}</Table.Td>
                      <Table.Td>{t(`transparency.transactionTypes.${tx.type}`)}</Table.Td>
                      <Table.Td dir="ltr" className="text-start">
                        {`${tx.value} ${tx.currency}`}
                      </Table.Td>
                      <Table.Td dir="auto">{tx.providerOrg ?? '—'}</Table.Td>
                      <Table.Td dir="auto">{tx.receiverOrg ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Paper>
      ))}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new'
            ? t('transparency.agreements.new')
            : t('transparency.agreements.editTitle')
        }
        size="xl"
      >
        {editing !== null && (
          <AgreementForm
            key={editing === 'new' ? 'new' : editing.id}
            agreement={editing === 'new' ? undefined : editing}
            onDone={() => {
              refresh();
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal
        opened={adding !== null}
        onClose={() => setAdding(null)}
        title={t('transparency.transactions.add')}
        size="lg"
      >
        {adding && (
          <TransactionForm
            agreement={adding}
            onDone={() => {
              refresh();
              setOpen(adding.id);
              setAdding(null);
            }}
            onCancel={() => setAdding(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
