import {
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  aidKeys,
  assistanceApi,
  isOneOf,
  PROGRAMME_TYPES,
  type ProgrammeType,
} from '../../components/assistance/api';
import { IndependenceBadge } from '../../components/assistance/badges';
import { ProgrammeForm } from '../../components/assistance/ProgrammeForm';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDay } from '../../lib/format';

/** Every programme of the operation, by type; programme officers create them here. */
export function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const canManage = useHasAbility('assistance.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [type, setType] = useState<ProgrammeType | ''>('');
  const [creating, setCreating] = useState(false);
  const programmes = useQuery({
    queryKey: aidKeys.programmeList(type),
    queryFn: ({ signal }) => assistanceApi.programmes(type || undefined, signal),
  });
  const items = programmes.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('assistance.programmes.title')}</Title>
        {canManage && (
          <Button onClick={() => setCreating(true)} data-testid="programme-new">
            {t('assistance.programmes.new')}
          </Button>
        )}
      </Group>
      <NativeSelect
        label={t('assistance.programmes.typeFilter')}
        value={type}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setType(isOneOf(PROGRAMME_TYPES, v) ? v : '');
        }}
        w={280}
        data-testid="programme-type-filter"
      >
        <option value="">{t('assistance.allTypes')}</option>
        {PROGRAMME_TYPES.map((p) => (
          <option key={p} value={p}>
            {t(`assistance.programmeTypes.${p}`)}
          </option>
        ))}
      </NativeSelect>
      <ProblemAlert error={programmes.error} />
      {programmes.isPending && <Loader size="sm" />}
      {programmes.data && items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="programmes-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assistance.programmes.name')}</Table.Th>
                <Table.Th scope="col">{t('assistance.programmes.type')}</Table.Th>
                <Table.Th scope="col">{t('assistance.programmes.provider')}</Table.Th>
                <Table.Th scope="col">{t('assistance.programmes.capacity')}</Table.Th>
                <Table.Th scope="col">{t('assistance.programmes.dates')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid="programme-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/assistance/programmes/${p.id}`} dir="auto">
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`assistance.programmeTypes.${p.type}`)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <span dir="auto">{p.providerName}</span>
                      <IndependenceBadge value={p.independenceClass} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>{p.capacity ?? '—'}</Table.Td>
                  <Table.Td>
                    {formatDay(p.startDate, i18n.language)}
                    {' – '}
                    {p.endDate ? formatDay(p.endDate, i18n.language) : '…'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('assistance.programmes.new')}
        size="xl"
      >
        {creating && (
          <ProgrammeForm
            onDone={(p) => {
              void queryClient.invalidateQueries({ queryKey: aidKeys.programmes });
              setCreating(false);
              void navigate(`/assistance/programmes/${p.id}`);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}
