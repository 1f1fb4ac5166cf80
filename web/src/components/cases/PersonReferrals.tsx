import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, dataOf } from '../../api/client';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { casesKeys, providersApi, type Provider } from './api';
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
 * The person's referrals across the cases the reader works on (one request: the API applies the
 * case rule, and answers 404 for a person the reader may not see), newest first; and the
 * "Refer" form.
 */
export function PersonReferrals({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canSend = useHasAbility('referrals.send');
  const [referring, setReferring] = useState(false);
  const providers = useProviders();
  const referrals = useQuery({
    queryKey: casesKeys.personReferrals(personId),
    queryFn: ({ signal }) =>
      dataOf(
        client.GET('/api/v1/persons/{id}/referrals', {
          params: { path: { id: personId } },
          signal,
        }),
      ),
  });
  const items = referrals.data?.items ?? [];

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
