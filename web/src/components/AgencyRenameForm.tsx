import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion } from '../api/client';
import { agenciesApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { Agency } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { ProblemAlert } from './ProblemAlert';

interface AgencyRenameFormProps {
  agency: Agency;
  onDone: () => void;
}

export function AgencyRenameForm({ agency, onDone }: AgencyRenameFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(agency.name);
  const rename = useMutation({
    // There is no GET /agencies/:id, so the ETag comes from the listed version.
    mutationFn: () =>
      agenciesApi.rename(agency.id, { name: name.trim() }, etagFromVersion(agency.version)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.agencies });
      onDone();
    },
  });
  const errors = fieldErrors(rename.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate();
      }}
    >
      <Stack gap="md">
        <ProblemAlert
          error={rename.error}
          fields={['name']}
          onReload={() => {
            void queryClient.invalidateQueries({ queryKey: queryKeys.agencies });
            onDone();
          }}
          testId="agency-rename-error"
        />
        <TextInput
          label={t('agencies.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="agency-rename-name"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={rename.isPending} data-testid="agency-rename-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
