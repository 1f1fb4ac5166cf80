import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import { CONSENT_PURPOSES, isOneOf, RECIPIENT_TYPES } from '../dataprotection/api';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  downloadBlob,
  EXPORT_FIELDS,
  EXPORT_FORMATS,
  transferApi,
  type ExportField,
  type ExportFormat,
  type ExportQuery,
} from './transferApi';

const FILE_NAMES: Record<ExportFormat, string> = {
  csv: 'persons.csv',
  xlsx: 'persons.xlsx',
  'hxl-csv': 'persons.hxl.csv',
};

function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * Exports the persons the user may see as a file. The server records who received what and
 * why (a transfer record) before the first row leaves, so purpose and recipient are required.
 */
export function ExportPersonsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  // The phone column is for those who work with the person (persons.write); the server checks it.
  const canWrite = useHasAbility('persons.write');
  const allowed = EXPORT_FIELDS.filter((f) => f !== 'phone' || canWrite);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [fields, setFields] = useState<ExportField[]>(allowed);
  const [purpose, setPurpose] = useState('');
  const [recipient, setRecipient] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [recipientType, setRecipientType] =
    useState<(typeof RECIPIENT_TYPES)[number]>('unspecified');
  const [consentPurpose, setConsentPurpose] = useState('');
  const [override, setOverride] = useState('');

  const download = useMutation({
    mutationFn: async () => {
      const query: ExportQuery = {
        format,
        purpose: purpose.trim(),
        recipient: recipient.trim(),
        fields: EXPORT_FIELDS.filter((f) => fields.includes(f)).join(','),
      };
      if (legalBasis.trim()) query.legalBasis = legalBasis.trim();
      query.recipientType = recipientType;
      if (isOneOf(CONSENT_PURPOSES, consentPurpose)) query.consentPurpose = consentPurpose;
      if (override.trim()) query.consentOverride = override.trim();
      downloadBlob(await transferApi.exportPersons(query), FILE_NAMES[format]);
    },
  });
  const errors = fieldPathErrors(download.error);
  // Offered once the server has said who lacks consent, or once a reason is being written.
  const askOverride = !!errors['query.consentPurpose'] || override !== '';

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('registry.export.title')}
      size="lg"
      data-testid="export-dialog"
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          download.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('registry.export.intro')}
          </Text>
          <ProblemAlert error={download.error} fields={['query']} testId="export-error" />
          <NativeSelect
            label={t('registry.export.format')}
            value={format}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isExportFormat(value)) setFormat(value);
            }}
            error={errors['query.format']}
            data-testid="export-format"
          >
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`registry.export.formats.${f}`)}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('registry.export.purpose')}
            description={t('registry.export.purposeHelp')}
            required
            value={purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
            error={errors['query.purpose']}
            data-testid="export-purpose"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('registry.export.recipient')}
              required
              value={recipient}
              onChange={(e) => setRecipient(e.currentTarget.value)}
              error={errors['query.recipient']}
              data-testid="export-recipient"
            />
            <TextInput
              label={t('registry.export.legalBasis')}
              value={legalBasis}
              onChange={(e) => setLegalBasis(e.currentTarget.value)}
              error={errors['query.legalBasis']}
              data-testid="export-legal-basis"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('dpo.recipientType')}
              description={t('registry.export.recipientTypeHelp')}
              value={recipientType}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isOneOf(RECIPIENT_TYPES, value)) setRecipientType(value);
              }}
              error={errors['query.recipientType']}
              data-testid="export-recipient-type"
            >
              {RECIPIENT_TYPES.map((r) => (
                <option key={r} value={r}>
                  {t(`dpo.recipientTypes.${r}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('registry.export.consentPurpose')}
              description={t('registry.export.consentPurposeHelp')}
              value={consentPurpose}
              onChange={(e) => setConsentPurpose(e.currentTarget.value)}
              error={errors['query.consentPurpose']}
              data-testid="export-consent-purpose"
            >
              <option value="">{t('registry.export.noConsentCheck')}</option>
              {CONSENT_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`dpo.purposes.${p}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          {askOverride && (
            <TextInput
              label={t('registry.export.consentOverride')}
              description={t('registry.export.consentOverrideHelp')}
              value={override}
              onChange={(e) => setOverride(e.currentTarget.value)}
              error={errors['query.consentOverride']}
              data-testid="export-consent-override"
            />
          )}
          <Checkbox.Group
            label={t('registry.export.fields')}
            value={fields}
            onChange={(values) => setFields(allowed.filter((f) => values.includes(f)))}
            error={errorAt(errors, 'query.fields')}
          >
            <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} mt="xs">
              {allowed.map((field) => (
                <Checkbox
                  key={field}
                  value={field}
                  label={t(`registry.fields.${field}`)}
                  data-testid={`export-field-${field}`}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {download.isSuccess && (
            <Alert color="green" data-testid="export-done">
              {t('registry.export.done')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={download.isPending}
              disabled={fields.length === 0}
              data-testid="export-submit"
            >
              {t('registry.export.download')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
