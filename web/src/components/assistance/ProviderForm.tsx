import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { ProblemAlert } from '../ProblemAlert';
import {
  assistanceApi,
  INDEPENDENCE_CLASSES,
  isOneOf,
  ORGANISATION_TYPES,
  type IndependenceClass,
  type Provider,
  type ProviderRequest,
} from './api';

const FIELDS = ['name', 'independenceClass', 'organisationType', 'iatiRef', 'notes'] as const;

interface ProviderFormProps {
  /** Edit this provider; omit to create one. */
  provider?: Provider;
  onDone: (provider: Provider) => void;
  onCancel: () => void;
}

/** A provider of assistance and its independence class (a group-linked sponsor is a risk marker). */
export function ProviderForm({ provider, onDone, onCancel }: ProviderFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(provider?.name ?? '');
  const [independenceClass, setClass] = useState<IndependenceClass>(
    provider?.independenceClass ?? 'independent_humanitarian',
  );
  const [organisationType, setOrgType] = useState(provider?.organisationType ?? '');
  const [iatiRef, setIatiRef] = useState(provider?.iatiRef ?? '');
  const [notes, setNotes] = useState(provider?.notes ?? '');

  const save = useMutation({
    mutationFn: () => {
      const orgType = isOneOf(ORGANISATION_TYPES, organisationType) ? organisationType : undefined;
      if (provider)
        return assistanceApi.updateProvider(
          provider.id,
          {
            name: name.trim(),
            independenceClass,
            organisationType: orgType ?? null,
            iatiRef: iatiRef.trim() || null,
            notes: notes.trim() || null,
          },
          provider.version,
        );
      const body: ProviderRequest = { name: name.trim(), independenceClass };
      if (orgType) body.organisationType = orgType;
      if (iatiRef.trim()) body.iatiRef = iatiRef.trim();
      if (notes.trim()) body.notes = notes.trim();
      return assistanceApi.createProvider(body);
    },
    onSuccess: onDone,
  });
  const errors = fieldErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <ProblemAlert error={save.error} fields={FIELDS} testId="provider-error" />
        <TextInput
          label={t('assistance.providers.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="provider-name"
        />
        <NativeSelect
          label={t('assistance.providers.independenceClass')}
          description={t('assistance.providers.independenceHint')}
          value={independenceClass}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isOneOf(INDEPENDENCE_CLASSES, v)) setClass(v);
          }}
          error={errors.independenceClass}
          data-testid="provider-class"
        >
          {INDEPENDENCE_CLASSES.map((c) => (
            <option key={c} value={c}>
              {t(`assistance.independence.${c}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('assistance.providers.organisationType')}
          value={organisationType}
          onChange={(e) => setOrgType(e.currentTarget.value)}
          error={errors.organisationType}
          data-testid="provider-org-type"
        >
          <option value="">—</option>
          {ORGANISATION_TYPES.map((o) => (
            <option key={o} value={o}>
              {t(`assistance.organisationTypes.${o}`)}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t('assistance.providers.iatiRef')}
          description={t('assistance.iatiRefHint')}
          value={iatiRef}
          onChange={(e) => setIatiRef(e.currentTarget.value)}
          error={errors.iatiRef}
          dir="ltr"
          data-testid="provider-iati-ref"
        />
        <Textarea
          label={t('assistance.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="provider-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
