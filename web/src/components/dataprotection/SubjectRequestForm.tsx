import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import { ProblemAlert } from '../ProblemAlert';
import {
  dpoApi,
  isOneOf,
  SUBJECT_REQUEST_KINDS,
  utcToday,
  VERIFICATION_METHODS,
  type SubjectRequest,
  type SubjectRequestBody,
  type SubjectRequestKind,
  type VerificationMethod,
} from './api';

const FIELDS = ['personId', 'kind', 'receivedOn', 'inPerson', 'verification', 'details'];

/**
 * Records a person's request about their own data, with how their identity was checked. The
 * officer gives the person's id (from the registry staff who met them): the officer does not
 * search the registry.
 */
export function SubjectRequestForm({
  onCreated,
  onCancel,
}: {
  onCreated: (r: SubjectRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const today = utcToday();
  const [personId, setPersonId] = useState('');
  const [kind, setKind] = useState<SubjectRequestKind>('access');
  const [receivedOn, setReceivedOn] = useState(today);
  const [method, setMethod] = useState<VerificationMethod>('in_person_document');
  const [inPerson, setInPerson] = useState(true);
  const [verifiedOn, setVerifiedOn] = useState(today);
  const [verifiedBy, setVerifiedBy] = useState('');
  const [note, setNote] = useState('');
  const [details, setDetails] = useState('');
  const inPersonMethod = method.startsWith('in_person');

  const create = useMutation({
    mutationFn: () => {
      const body: SubjectRequestBody = {
        personId: personId.trim(),
        kind,
        receivedOn,
        inPerson: inPerson || inPersonMethod,
        verification: { method, verifiedOn },
      };
      if (verifiedBy.trim()) body.verification.verifiedBy = verifiedBy.trim();
      if (note.trim()) body.verification.note = note.trim();
      if (details.trim()) body.details = details.trim();
      return dpoApi.createSubjectRequest(body);
    },
    onSuccess: onCreated,
  });
  const errors = fieldPathErrors(create.error);

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        aria-labelledby="subject-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
        data-testid="subject-form"
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="subject-form-title">
            {t('dpo.subject.new')}
          </Title>
          <ProblemAlert error={create.error} fields={FIELDS} testId="subject-form-error" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('dpo.personId')}
              description={t('dpo.personIdHint')}
              required
              dir="ltr"
              value={personId}
              onChange={(e) => setPersonId(e.currentTarget.value)}
              error={errors.personId}
              data-testid="subject-person"
            />
            <NativeSelect
              label={t('dpo.subject.kind')}
              value={kind}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(SUBJECT_REQUEST_KINDS, v)) setKind(v);
              }}
              error={errors.kind}
              data-testid="subject-kind"
            >
              {SUBJECT_REQUEST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`dpo.subject.kinds.${k}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('dpo.subject.receivedOn')}
              required
              max={today}
              value={receivedOn}
              onChange={(e) => setReceivedOn(e.currentTarget.value)}
              error={errors.receivedOn}
              data-testid="subject-received"
            />
          </SimpleGrid>
          <Fieldset legend={t('dpo.subject.verification')}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NativeSelect
                  label={t('dpo.subject.method')}
                  value={method}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (isOneOf(VERIFICATION_METHODS, v)) {
                      setMethod(v);
                      if (v.startsWith('in_person')) setInPerson(true);
                    }
                  }}
                  error={errorAt(errors, 'verification.method')}
                  data-testid="subject-method"
                >
                  {VERIFICATION_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {t(`dpo.subject.methods.${m}`)}
                    </option>
                  ))}
                </NativeSelect>
                <TextInput
                  type="date"
                  label={t('dpo.subject.verifiedOn')}
                  required
                  max={today}
                  value={verifiedOn}
                  onChange={(e) => setVerifiedOn(e.currentTarget.value)}
                  error={errorAt(errors, 'verification.verifiedOn')}
                  data-testid="subject-verified-on"
                />
                <TextInput
                  label={t('dpo.subject.verifiedBy')}
                  description={t('dpo.subject.verifiedByHint')}
                  dir="ltr"
                  value={verifiedBy}
                  onChange={(e) => setVerifiedBy(e.currentTarget.value)}
                  error={errorAt(errors, 'verification.verifiedBy')}
                  data-testid="subject-verified-by"
                />
              </SimpleGrid>
              <Checkbox
                label={t('dpo.subject.inPerson')}
                description={t('dpo.subject.inPersonHint')}
                checked={inPerson || inPersonMethod}
                disabled={inPersonMethod}
                onChange={(e) => setInPerson(e.currentTarget.checked)}
                error={errors.inPerson}
                data-testid="subject-in-person"
              />
              <Textarea
                label={t('dpo.subject.verificationNote')}
                dir="auto"
                autosize
                minRows={1}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={errorAt(errors, 'verification.note')}
                data-testid="subject-verification-note"
              />
            </Stack>
          </Fieldset>
          <Textarea
            label={t('dpo.subject.details')}
            description={t('dpo.sealedHint')}
            dir="auto"
            autosize
            minRows={2}
            value={details}
            onChange={(e) => setDetails(e.currentTarget.value)}
            error={errors.details}
            data-testid="subject-details"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="subject-submit">
              {t('dpo.subject.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
