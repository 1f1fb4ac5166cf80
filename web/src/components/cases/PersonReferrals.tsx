import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { casesApi, casesKeys, providersApi, referralsApi, type Provider } from './api';
import { ReferralCard } from './ReferralCard';
import { ReferralForm } from './ReferralForm';

/** Providers by id, for naming them on referral cards. */
export function useProviders() {
  const canRead = useHasAbility('services.read');
  return useQuery({
    queryKey: casesKeys.providerList({ all: true }),
    queryFn: ({ signal }) => providersApi.list({ limit: 500 }, signal),
    enabled: canRead,
    select: (data) => new Map<string, Provider>(data.items.map((p) => [p.id, p])),
  });
}

/**
 * The person's referrals, gathered from each case the reader works on (the API lists referrals
 * per case), newest first; and the "Refer" form.
 */
export function PersonReferrals({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canSend = useHasAbility('referrals.send');
  const [referring, setReferring] = useState(false);
  const providers = useProviders();
  const referrals = useQuery({
    queryKey: casesKeys.personReferrals(personId),
    queryFn: async ({ signal }) => {
      const cases = await casesApi.list({ personId, limit: 500 }, signal);
      // While a transfer is only offered to the reader, the case's referrals are not theirs.
      const workable = cases.items.filter((c) => c.relation !== 'incoming');
      const lists = await Promise.all(workable.map((c) => referralsApi.ofCase(c.id, signal)));
      return lists.flatMap((l) => l.items).sort((a, b) => b.referredAt.localeCompare(a.referredAt));
    },
  });
  const items = referrals.data ?? [];

  return (
    <Stack gap="sm" data-testid="person-referrals">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('cases.referrals.title')}
        </Title>
        {canSend && !referring && (
          <Button onClick={() => setReferring(true)} data-testid="referral-start">
            {t('cases.referrals.refer')}
          </Button>
        )}
      </Group>
      {referring && (
        <ReferralForm
          personId={personId}
          onDone={() => setReferring(false)}
          onCancel={() => setReferring(false)}
        />
      )}
      <ProblemAlert error={referrals.error ?? providers.error} />
      {referrals.isPending && <Loader size="sm" />}
      {referrals.data && items.length === 0 && (
        <Text c="dimmed" data-testid="person-referrals-empty">
          {t('cases.referrals.none')}
        </Text>
      )}
      {items.map((r) => (
        <ReferralCard
          key={r.id}
          referral={r}
          provider={providers.data?.get(r.providerId)}
          showCaseLink
        />
      ))}
    </Stack>
  );
}
