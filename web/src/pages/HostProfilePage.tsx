import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { etagFromVersion } from '../api/client';
import { rightsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { ProblemAlert } from '../components/ProblemAlert';
import { fieldPathErrors } from '../lib/errors';
import { type Draft, toDraft, toRequest } from '../components/hostprofile/draft';
import {
  PartySection,
  ReservationsSection,
  StatusMeaningSection,
  InterpretationSection,
} from '../components/hostprofile/HostProfileSections';

/**
 * The host state's profile for the rights engine: which instruments bind it, its reservations,
 * what each legal status means under its law, and how the contested points are read.
 */
export function HostProfilePage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keys = useRef(1);
  const nextKey = () => keys.current++;
  const record = useQuery({
    queryKey: queryKeys.hostProfile,
    queryFn: ({ signal }) => rightsApi.hostProfile(signal),
    staleTime: 0,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const loaded = record.data?.data;
  useEffect(() => {
    if (loaded) setDraft(toDraft(loaded, () => keys.current++));
  }, [loaded]);

  const save = useMutation({
    mutationFn: (d: Draft) => {
      const etag = record.data?.etag ?? (loaded ? etagFromVersion(loaded.version) : null);
      return rightsApi.saveHostProfile(toRequest(d), etag);
    },
    onSuccess: (response) => {
      setSaved(true);
      queryClient.setQueryData(queryKeys.hostProfile, response);
      // Every person's entitlements and every matrix read the profile.
      void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
      void queryClient.invalidateQueries({ queryKey: queryKeys.rightsMatrices });
    },
  });

  if (record.isPending) return <Loader size="sm" />;
  if (record.isError) return <ProblemAlert error={record.error} />;
  if (!draft || !loaded) return <Loader size="sm" />;
  const errors = fieldPathErrors(save.error);
  const update = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...change } : d));
  };

  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to="/operation">
        {t('hostProfile.back')}
      </Anchor>
      <Title order={1}>{t('hostProfile.title')}</Title>
      <Text c="dimmed">{t('hostProfile.intro')}</Text>
      <Group gap="xs">
        <Badge variant="outline" color="gray" tt="none" data-testid="host-profile-catalogue">
          {t('hostProfile.catalogue', { version: loaded.catalogueVersion })}
        </Badge>
        <Badge variant="outline" color="gray" tt="none">
          {loaded.version === 0
            ? t('hostProfile.defaults')
            : t('hostProfile.version', { version: loaded.version })}
        </Badge>
      </Group>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.mutate(draft);
        }}
        data-testid="host-profile-form"
      >
        <Stack gap="lg">
          <ProblemAlert
            error={save.error}
            fields={[]}
            onReload={() => {
              save.reset();
              setDraft(null);
              void record.refetch().then((r) => {
                if (r.data) setDraft(toDraft(r.data.data, nextKey));
              });
            }}
            testId="host-profile-error"
          />
          {saved && (
            <Alert color="green" role="status" data-testid="host-profile-saved">
              {t('common.saved')}
            </Alert>
          )}

          <PartySection draft={draft} update={update} errors={errors} />
          <ReservationsSection draft={draft} update={update} errors={errors} nextKey={nextKey} />
          <StatusMeaningSection draft={draft} update={update} />
          <InterpretationSection draft={draft} update={update} />

          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="host-profile-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
