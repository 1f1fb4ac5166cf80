import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { duplicatesApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { isPairStatus, PAIR_STATUSES } from '../api/types';
import type {
  DuplicateDecisionRequest,
  DuplicatePair,
  Merge,
  PairStatus,
  PersonSummary,
} from '../api/types';
import { DuplicateJobPanel } from '../components/DuplicateJobPanel';
import { DuplicateReasons, formatPercent } from '../components/DuplicateReasons';
import { MergeDialog } from '../components/MergeDialog';
import { PersonLink, summaryName } from '../components/PersonLink';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDateTime } from '../lib/format';

const PAGE_SIZE = 50;
// The server drops pairs with a side the reviewer may not see after paging, so a page can come
// back a little short even when more follow: offer "next" for any nearly full page.
const NEARLY_FULL = PAGE_SIZE - 10;

/** A merge made here, with the pair it came from (for names); only these can be undone. */
interface RecentMerge {
  merge: Merge;
  pair: DuplicatePair;
}

/**
 * The list of merged pairs does not say which merge made them, so a merge can be reversed only
 * from the reply to the merge itself. Those replies are kept in the query cache (memory only,
 * never storage) so they outlive a visit to a profile and back within this session.
 */
function useRecentMerges() {
  const queryClient = useQueryClient();
  const recent = useQuery<RecentMerge[]>({
    queryKey: queryKeys.recentMerges,
    queryFn: () => [],
    enabled: false,
    initialData: [],
    gcTime: Infinity,
    staleTime: Infinity,
  });
  const update = (change: (items: RecentMerge[]) => RecentMerge[]) =>
    queryClient.setQueryData<RecentMerge[]>(queryKeys.recentMerges, (items) => change(items ?? []));
  return { items: recent.data, update };
}

function samePair(pair: DuplicatePair, merge: Merge): boolean {
  const ids = [pair.a.id, pair.b.id];
  return ids.includes(merge.survivorId) && ids.includes(merge.absorbedId);
}

export function DuplicatesPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<PairStatus>('open');
  const [offset, setOffset] = useState(0);
  const [merging, setMerging] = useState<DuplicatePair | null>(null);
  const recent = useRecentMerges();

  const query = { status, limit: PAGE_SIZE, offset };
  const pairs = useQuery({
    queryKey: queryKeys.duplicatePairs(query),
    queryFn: ({ signal }) => duplicatesApi.pairs(query, signal),
    placeholderData: keepPreviousData,
  });

  const refresh = (personIds: string[]) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.duplicates });
    for (const id of personIds)
      void queryClient.invalidateQueries({ queryKey: queryKeys.person(id) });
  };

  const decide = useMutation({
    mutationFn: (body: DuplicateDecisionRequest) => duplicatesApi.decide(body),
    onSuccess: () => refresh([]),
  });
  const reverse = useMutation({
    mutationFn: (merge: Merge) => duplicatesApi.reverseMerge(merge.id),
    onSuccess: (reversed) => {
      recent.update((items) =>
        items.map((item) => (item.merge.id === reversed.id ? { ...item, merge: reversed } : item)),
      );
      refresh([reversed.survivorId, reversed.absorbedId]);
    },
  });

  const onMerged = (merge: Merge) => {
    if (merging) recent.update((items) => [{ merge, pair: merging }, ...items]);
    setMerging(null);
    refresh([merge.survivorId, merge.absorbedId]);
  };

  const items = pairs.data?.items ?? [];
  const hasNext = items.length >= NEARLY_FULL;

  return (
    <Stack gap="md">
      <Title order={1}>{t('duplicates.title')}</Title>
      <DuplicateJobPanel />
      <RecentMerges
        items={recent.items}
        reversing={reverse.isPending ? reverse.variables?.id : undefined}
        onReverse={(merge) => reverse.mutate(merge)}
      />
      <ProblemAlert error={decide.error ?? reverse.error} testId="duplicates-action-error" />

      <SegmentedControl
        value={status}
        onChange={(value) => {
          if (!isPairStatus(value)) return;
          setStatus(value);
          setOffset(0);
        }}
        data={PAIR_STATUSES.map((code) => ({
          value: code,
          label: t(`duplicates.statuses.${code}`),
        }))}
        aria-label={t('duplicates.filter')}
        data-testid="duplicates-filter"
        style={{ alignSelf: 'flex-start' }}
      />
      {status === 'merged' && (
        <Text size="sm" c="dimmed" data-testid="duplicates-undo-note">
          {t('duplicates.undoNote')}
        </Text>
      )}

      <ProblemAlert error={pairs.error} />
      {pairs.isPending && <Loader size="sm" />}
      {pairs.data && items.length === 0 && (
        <Text c="dimmed" data-testid="duplicates-empty">
          {offset > 0 ? t('duplicates.noMore') : t('duplicates.empty')}
        </Text>
      )}
      <Stack gap="sm" data-testid="duplicate-pairs">
        {items.map((pair) => {
          const merge = recent.items.find(
            (item) => samePair(pair, item.merge) && item.merge.reversedAt === null,
          )?.merge;
          const pending =
            decide.isPending &&
            decide.variables?.personA === pair.a.id &&
            decide.variables.personB === pair.b.id;
          return (
            <PairCard
              key={`${pair.a.id}:${pair.b.id}`}
              pair={pair}
              busy={pending ? decide.variables?.decision : undefined}
              onDecide={(decision) =>
                decide.mutate({ personA: pair.a.id, personB: pair.b.id, decision })
              }
              onMerge={() => setMerging(pair)}
              merge={merge}
              reversing={reverse.isPending && reverse.variables?.id === merge?.id}
              onReverse={() => merge && reverse.mutate(merge)}
            />
          );
        })}
      </Stack>
      {(offset > 0 || hasNext) && (
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('common.previous')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!hasNext}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('common.next')}
          </Button>
        </Group>
      )}
      <MergeDialog pair={merging} onClose={() => setMerging(null)} onMerged={onMerged} />
    </Stack>
  );
}

function PersonSide({ person }: { person: PersonSummary }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="pair-person">
      <Stack gap={4}>
        <PersonLink id={person.id} names={person.names} newTab />
        <Text size="sm">
          <Text span c="dimmed">
            {t('persons.sex')}:
          </Text>{' '}
          {t(`persons.sexes.${person.sex}`, { defaultValue: person.sex })}
        </Text>
        <Text size="sm">
          <Text span c="dimmed">
            {t('persons.birthYear')}:
          </Text>{' '}
          {person.birthYear ?? '—'}
        </Text>
      </Stack>
    </Paper>
  );
}

interface PairCardProps {
  pair: DuplicatePair;
  /** The decision being sent for this pair, if any. */
  busy: DuplicateDecisionRequest['decision'] | undefined;
  onDecide: (decision: DuplicateDecisionRequest['decision']) => void;
  onMerge: () => void;
  /** The merge made from this pair in this session, if it can still be undone. */
  merge: Merge | undefined;
  reversing: boolean;
  onReverse: () => void;
}

function PairCard({ pair, busy, onDecide, onMerge, merge, reversing, onReverse }: PairCardProps) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="duplicate-pair">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="xs">
            <Badge size="lg" variant="filled" color="blue" tt="none" data-testid="pair-score">
              {t('duplicates.scoreValue', { score: formatPercent(pair.score, i18n.language) })}
            </Badge>
            <Badge variant="light" color="gray" tt="none">
              {t(`duplicates.statuses.${pair.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {pair.decidedAt
              ? t('duplicates.decidedAt', { at: formatDateTime(pair.decidedAt, i18n.language) })
              : t('duplicates.foundAt', { at: formatDateTime(pair.foundAt, i18n.language) })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <PersonSide person={pair.a} />
          <PersonSide person={pair.b} />
        </SimpleGrid>
        <DuplicateReasons reasons={pair.reasons} />
        <Group justify="flex-end" gap="xs">
          {(pair.status === 'open' || pair.status === 'confirmed') && (
            <Button
              variant="default"
              size="xs"
              loading={busy === 'rejected'}
              disabled={busy !== undefined}
              onClick={() => onDecide('rejected')}
              data-testid="pair-reject"
            >
              {t('duplicates.actions.reject')}
            </Button>
          )}
          {(pair.status === 'open' || pair.status === 'rejected') && (
            <Button
              variant="default"
              size="xs"
              loading={busy === 'confirmed'}
              disabled={busy !== undefined}
              onClick={() => onDecide('confirmed')}
              data-testid="pair-confirm"
            >
              {t('duplicates.actions.confirm')}
            </Button>
          )}
          {pair.status !== 'merged' && (
            <Button
              size="xs"
              color="orange"
              disabled={busy !== undefined}
              onClick={onMerge}
              data-testid="pair-merge"
            >
              {t('duplicates.actions.merge')}
            </Button>
          )}
          {pair.status === 'merged' && merge && (
            <Button
              size="xs"
              variant="outline"
              color="orange"
              loading={reversing}
              onClick={onReverse}
              data-testid="pair-undo"
            >
              {t('duplicates.actions.undo')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

interface RecentMergesProps {
  items: RecentMerge[];
  /** Id of the merge being reversed, if any. */
  reversing: string | undefined;
  onReverse: (merge: Merge) => void;
}

/** Merges made in this session, each with an undo until it is reversed. */
function RecentMerges({ items, reversing, onReverse }: RecentMergesProps) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const nameOf = (pair: DuplicatePair, id: string) => {
    const person = pair.a.id === id ? pair.a : pair.b;
    return summaryName(person.names) || t('persons.unnamed');
  };
  return (
    <Alert color="orange" title={t('duplicates.recent.title')} data-testid="recent-merges">
      <Stack gap="xs">
        {items.map(({ merge, pair }) => (
          <Group key={merge.id} justify="space-between" gap="xs" data-testid="recent-merge">
            <Text size="sm">
              {merge.reversedAt
                ? t('duplicates.recent.reversed', {
                    absorbed: nameOf(pair, merge.absorbedId),
                    survivor: nameOf(pair, merge.survivorId),
                  })
                : t('duplicates.recent.merged', {
                    absorbed: nameOf(pair, merge.absorbedId),
                    survivor: nameOf(pair, merge.survivorId),
                  })}
            </Text>
            {!merge.reversedAt && (
              <Button
                size="xs"
                variant="outline"
                color="orange"
                loading={reversing === merge.id}
                disabled={reversing !== undefined && reversing !== merge.id}
                onClick={() => onReverse(merge)}
                data-testid="recent-merge-undo"
              >
                {t('duplicates.actions.undo')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
