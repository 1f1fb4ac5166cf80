import {
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
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { dpoApi, dpoKeys, type LegalHold } from './api';
import { EmptyRow, ShortId, useAbilities } from './shared';

/** Persons whose records retention must not delete, with who placed and released each hold. */
export function LegalHoldsPanel() {
  const { t, i18n } = useTranslation();
  const manage = useAbilities()('dataprotection.manage');
  const [active, setActive] = useState<'true' | 'false' | ''>('true');
  const holds = useQuery({
    queryKey: dpoKeys.holds(active),
    queryFn: ({ signal }) => dpoApi.holds(active || undefined, signal),
  });
  const items = holds.data?.items ?? [];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('dpo.holds.explanation')}
      </Text>
      {manage && <PlaceHoldForm />}
      <Group align="flex-end">
        <NativeSelect
          label={t('dpo.status')}
          value={active}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setActive(v === 'true' || v === 'false' ? v : '');
          }}
          data-testid="holds-filter"
        >
          <option value="true">{t('dpo.holds.active')}</option>
          <option value="false">{t('dpo.holds.released')}</option>
          <option value="">{t('dpo.any')}</option>
        </NativeSelect>
      </Group>
      <ProblemAlert error={holds.error} />
      {holds.isPending && <Loader size="sm" />}
      {holds.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table data-testid="holds-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpo.personId')}</Table.Th>
                <Table.Th scope="col">{t('dpo.holds.reason')}</Table.Th>
                <Table.Th scope="col">{t('dpo.holds.placed')}</Table.Th>
                <Table.Th scope="col" miw={130}>
                  {t('dpo.status')}
                </Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && <EmptyRow colSpan={5} text={t('dpo.holds.none')} />}
              {items.map((h) => (
                <Table.Tr key={h.id} data-testid="hold-row" data-active={h.active}>
                  <Table.Td>
                    <ShortId id={h.personId} testId="hold-person" />
                  </Table.Td>
                  <Table.Td dir="auto">{h.reason}</Table.Td>
                  <Table.Td>
                    {formatDateTime(h.placedAt, i18n.language)}
                    <Text size="xs" c="dimmed">
                      {t('dpo.requests.by')} <ShortId id={h.placedBy} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {h.active ? (
                      <Badge color="orange" variant="light" tt="none">
                        {t('dpo.holds.active')}
                      </Badge>
                    ) : (
                      <>
                        <Badge color="gray" variant="light" tt="none">
                          {t('dpo.holds.released')}
                        </Badge>
                        {h.releasedAt && (
                          <Text size="xs" c="dimmed">
                            {formatDateTime(h.releasedAt, i18n.language)}
                          </Text>
                        )}
                        {h.releaseReason && (
                          <Text size="xs" dir="auto">
                            {h.releaseReason}
                          </Text>
                        )}
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>{manage && h.active && <ReleaseHold hold={h} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function PlaceHoldForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [personId, setPersonId] = useState('');
  const [reason, setReason] = useState('');
  const place = useMutation({
    mutationFn: () => dpoApi.placeHold(personId.trim(), reason.trim()),
    onSuccess: () => {
      setPersonId('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: dpoKeys.all });
    },
  });
  const errors = fieldErrors(place.error);
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        aria-labelledby="hold-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          place.mutate();
        }}
        data-testid="hold-form"
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="hold-form-title">
            {t('dpo.holds.place')}
          </Title>
          <ProblemAlert error={place.error} fields={['personId', 'reason']} testId="hold-error" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('dpo.personId')}
              description={t('dpo.personIdHint')}
              required
              dir="ltr"
              value={personId}
              onChange={(e) => setPersonId(e.currentTarget.value)}
              error={errors.personId}
              data-testid="hold-person-id"
            />
            <Textarea
              label={t('dpo.holds.reason')}
              required
              dir="auto"
              autosize
              minRows={1}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
              data-testid="hold-reason"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={place.isPending} data-testid="hold-submit">
              {t('dpo.holds.place')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ReleaseHold({ hold }: { hold: LegalHold }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const release = useMutation({
    mutationFn: () => dpoApi.releaseHold(hold.id, hold.version, reason.trim()),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: dpoKeys.all }),
  });
  const errors = fieldErrors(release.error);
  if (!opened)
    return (
      <Button
        size="xs"
        variant="default"
        onClick={() => setOpened(true)}
        data-testid="hold-release"
      >
        {t('dpo.holds.release')}
      </Button>
    );
  return (
    <Stack gap="xs">
      <ProblemAlert
        error={release.error}
        fields={['reason']}
        onReload={() => void queryClient.invalidateQueries({ queryKey: dpoKeys.all })}
      />
      <Textarea
        label={t('dpo.holds.releaseReason')}
        required
        dir="auto"
        autosize
        minRows={1}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={errors.reason}
        data-testid="hold-release-reason"
      />
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => setOpened(false)}>
          {t('common.cancel')}
        </Button>
        <Button
          size="xs"
          onClick={() => release.mutate()}
          disabled={reason.trim() === ''}
          loading={release.isPending}
          data-testid="hold-release-confirm"
        >
          {t('dpo.holds.releaseConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}
