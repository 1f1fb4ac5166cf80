import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { duplicatesApi, personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { DuplicatePair, Merge, PersonSummary } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatDay } from '../lib/format';
import { PersonLink, summaryName } from './PersonLink';
import { ProblemAlert } from './ProblemAlert';

interface MergeDialogProps {
  pair: DuplicatePair | null;
  onClose: () => void;
  onMerged: (merge: Merge) => void;
}

/** Chooses which of two records survives and merges the other into it, after confirmation. */
export function MergeDialog({ pair, onClose, onMerged }: MergeDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={pair !== null} onClose={onClose} title={t('duplicates.merge.title')} size="xl">
      {pair && (
        <MergeForm
          key={`${pair.a.id}:${pair.b.id}`}
          pair={pair}
          onCancel={onClose}
          onMerged={onMerged}
        />
      )}
    </Modal>
  );
}

interface MergeFormProps {
  pair: DuplicatePair;
  onCancel: () => void;
  onMerged: (merge: Merge) => void;
}

function MergeForm({ pair, onCancel, onMerged }: MergeFormProps) {
  const { t } = useTranslation();
  const [survivorId, setSurvivorId] = useState('');
  const [reason, setReason] = useState('');
  const absorbed = survivorId === pair.a.id ? pair.b : survivorId === pair.b.id ? pair.a : null;
  const survivor = absorbed === pair.a ? pair.b : absorbed === pair.b ? pair.a : null;

  const merge = useMutation({
    mutationFn: () =>
      duplicatesApi.merge({
        survivorId,
        absorbedId: absorbed?.id ?? '',
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: onMerged,
  });
  const errors = fieldErrors(merge.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (absorbed) merge.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('duplicates.merge.intro')}</Text>
        <ProblemAlert error={merge.error} fields={['reason']} testId="merge-error" />
        <Radio.Group
          label={t('duplicates.merge.chooseSurvivor')}
          required
          value={survivorId}
          onChange={setSurvivorId}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
            {[pair.a, pair.b].map((person) => (
              <Paper key={person.id} withBorder p="sm">
                <Stack gap="xs">
                  <Radio
                    value={person.id}
                    label={t('duplicates.merge.keepThis')}
                    data-testid={`merge-survivor-${person.id}`}
                  />
                  <PersonDetails person={person} />
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Radio.Group>
        {survivor && absorbed && (
          <Alert color="orange" data-testid="merge-consequence">
            {t('duplicates.merge.consequence', {
              absorbed: summaryName(absorbed.names) || t('persons.unnamed'),
              survivor: summaryName(survivor.names) || t('persons.unnamed'),
            })}
          </Alert>
        )}
        <Textarea
          label={t('duplicates.merge.reason')}
          dir="auto"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          data-testid="merge-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color="red"
            disabled={!absorbed}
            loading={merge.isPending}
            data-testid="merge-submit"
          >
            {t('duplicates.merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The full record, so the reviewer can tell which one to keep. */
function PersonDetails({ person }: { person: PersonSummary }) {
  const { t, i18n } = useTranslation();
  const full = useQuery({
    queryKey: queryKeys.person(person.id),
    queryFn: ({ signal }) => personsApi.get(person.id, signal),
  });
  const data = full.data?.data;
  const line = (label: string, value: string) => (
    <Text size="sm">
      <Text span c="dimmed">
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
  return (
    <Stack gap={4}>
      <PersonLink id={person.id} names={person.names} newTab />
      {full.isPending && <Loader size="xs" />}
      {data && (
        <>
          {line(t('persons.sex'), t(`persons.sexes.${data.sex}`))}
          {line(
            data.birthDate ? t('persons.birthDate') : t('persons.birthYear'),
            data.birthDate
              ? formatDay(data.birthDate, i18n.language)
              : data.birthYear !== null
                ? String(data.birthYear)
                : '—',
          )}
          {line(t('persons.nationalities'), data.nationalities.join(', ') || '—')}
          {line(t('duplicates.registeredOn'), formatDay(data.registeredOn, i18n.language))}
          {data.sensitivity !== 'normal' && (
            <Badge color={data.sensitivity === 'restricted' ? 'red' : 'orange'} variant="light">
              {t(`persons.sensitivities.${data.sensitivity}`)}
            </Badge>
          )}
        </>
      )}
    </Stack>
  );
}
