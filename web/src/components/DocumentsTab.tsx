import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion } from '../api/client';
import { personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { DOCUMENT_HOLDERS, DOCUMENT_TYPES, isDocumentHolder, isDocumentType } from '../api/types';
import type {
  DocumentHolder,
  DocumentRequest,
  DocumentType,
  DocumentUpdateRequest,
  IdentityDocument,
} from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatDay } from '../lib/format';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

const FIELDS = ['type', 'issuer', 'number', 'expiresOn', 'holder', 'holderDetail'] as const;

/** Today as `YYYY-MM-DD` in local time, to compare with expiry days. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Identity documents and who holds them. Papers held by a third party are a protection concern
 * and are flagged; numbers show only to users allowed to read them.
 */
export function DocumentsTab({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('persons.write');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<IdentityDocument | null>(null);
  const documents = useQuery({
    queryKey: queryKeys.documents(personId),
    queryFn: ({ signal }) => personsApi.documents(personId, signal),
  });

  const items = documents.data?.items ?? [];
  const concerns = items.filter((d) => d.protectionConcern).length;
  const day = today();

  return (
    <Stack gap="md">
      {concerns > 0 && (
        <Alert
          color="red"
          variant="filled"
          title={t('documents.concernTitle')}
          data-testid="documents-concern"
        >
          {t('documents.concernText')}
        </Alert>
      )}
      {canWrite && !adding && (
        <Group>
          <Button onClick={() => setAdding(true)} data-testid="document-add">
            {t('documents.add')}
          </Button>
        </Group>
      )}
      {canWrite && adding && (
        <DocumentForm
          personId={personId}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}
      <ProblemAlert error={documents.error} />
      {documents.isPending && <Loader size="sm" />}
      {documents.data && items.length === 0 && <Text c="dimmed">{t('documents.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="documents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('documents.type')}</Table.Th>
                <Table.Th scope="col">{t('documents.issuer')}</Table.Th>
                <Table.Th scope="col">{t('documents.number')}</Table.Th>
                <Table.Th scope="col">{t('documents.expiresOn')}</Table.Th>
                <Table.Th scope="col">{t('documents.holder')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((doc) => (
                <Table.Tr key={doc.id} data-testid="document-row">
                  <Table.Td>{t(`documents.types.${doc.type}`)}</Table.Td>
                  <Table.Td dir="auto">{doc.issuer}</Table.Td>
                  <Table.Td>
                    {doc.number !== null ? (
                      <Text span ff="monospace" dir="ltr" data-testid="document-number">
                        {doc.number}
                      </Text>
                    ) : doc.hasNumber ? (
                      <Text span c="dimmed" data-testid="document-number-on-file">
                        {t('documents.numberOnFile')}
                      </Text>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {doc.expiresOn ? (
                      <Group gap="xs">
                        {formatDay(doc.expiresOn, i18n.language)}
                        {doc.expiresOn < day && (
                          <Badge color="orange" variant="light" size="sm">
                            {t('documents.expired')}
                          </Badge>
                        )}
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm">{t(`documents.holders.${doc.holder}`)}</Text>
                      {doc.holderDetail && (
                        <Text size="sm" c="dimmed" dir="auto">
                          {doc.holderDetail}
                        </Text>
                      )}
                      {doc.protectionConcern && (
                        <Badge
                          color="red"
                          variant="filled"
                          tt="none"
                          data-testid="document-concern-badge"
                        >
                          {t('documents.thirdPartyWarning')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(doc)}
                        aria-label={t('documents.changeHolderOf', {
                          type: t(`documents.types.${doc.type}`),
                        })}
                        data-testid={`document-holder-edit-${doc.id}`}
                      >
                        {t('documents.changeHolder')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('documents.changeHolder')}
      >
        {editing && (
          <HolderForm
            key={editing.id}
            personId={personId}
            document={editing}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

interface HolderSelectProps {
  value: DocumentHolder;
  onChange: (holder: DocumentHolder) => void;
  error?: string;
  testId: string;
}

function HolderSelect({ value, onChange, error, testId }: HolderSelectProps) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('documents.holder')}
      description={t('documents.holderHelp')}
      required
      value={value}
      onChange={(e) => {
        const next = e.currentTarget.value;
        if (isDocumentHolder(next)) onChange(next);
      }}
      error={error}
      data-testid={testId}
    >
      {DOCUMENT_HOLDERS.map((holder) => (
        <option key={holder} value={holder}>
          {t(`documents.holders.${holder}`)}
        </option>
      ))}
    </NativeSelect>
  );
}

interface DocumentDraft {
  type: DocumentType;
  issuer: string;
  number: string;
  expiresOn: string;
  holder: DocumentHolder;
  holderDetail: string;
}

const EMPTY: DocumentDraft = {
  type: 'passport',
  issuer: '',
  number: '',
  expiresOn: '',
  holder: 'person',
  holderDetail: '',
};

function toRequest(draft: DocumentDraft): DocumentRequest {
  const request: DocumentRequest = {
    type: draft.type,
    issuer: draft.issuer.trim(),
    holder: draft.holder,
  };
  if (draft.number.trim()) request.number = draft.number.trim();
  if (draft.expiresOn) request.expiresOn = draft.expiresOn;
  if (draft.holderDetail.trim()) request.holderDetail = draft.holderDetail.trim();
  return request;
}

interface DocumentFormProps {
  personId: string;
  onDone: () => void;
  onCancel: () => void;
}

function DocumentForm({ personId, onDone, onCancel }: DocumentFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<DocumentDraft>(EMPTY);
  const set = <K extends keyof DocumentDraft>(key: K, value: DocumentDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => personsApi.addDocument(personId, toRequest(draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.documents(personId) });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert error={save.error} fields={FIELDS} testId="document-error" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('documents.type')}
              required
              value={draft.type}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isDocumentType(value)) set('type', value);
              }}
              error={errors.type}
              data-testid="document-type"
            >
              {DOCUMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`documents.types.${type}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              label={t('documents.issuer')}
              description={t('documents.issuerHelp')}
              required
              dir="auto"
              value={draft.issuer}
              onChange={(e) => set('issuer', e.currentTarget.value)}
              error={errors.issuer}
              data-testid="document-issuer"
            />
            <TextInput
              label={t('documents.number')}
              description={t('documents.numberHelp')}
              dir="ltr"
              autoComplete="off"
              value={draft.number}
              onChange={(e) => set('number', e.currentTarget.value)}
              error={errors.number}
              data-testid="document-number-input"
            />
            <TextInput
              type="date"
              label={t('documents.expiresOn')}
              value={draft.expiresOn}
              onChange={(e) => set('expiresOn', e.currentTarget.value)}
              error={errors.expiresOn}
              data-testid="document-expires-on"
            />
            <HolderSelect
              value={draft.holder}
              onChange={(holder) => set('holder', holder)}
              error={errors.holder}
              testId="document-holder"
            />
            <TextInput
              label={t('documents.holderDetail')}
              description={t('documents.holderDetailHelp')}
              dir="auto"
              value={draft.holderDetail}
              onChange={(e) => set('holderDetail', e.currentTarget.value)}
              error={errors.holderDetail}
              data-testid="document-holder-detail"
            />
          </SimpleGrid>
          {draft.holder === 'third_party' && (
            <Alert color="red" data-testid="document-third-party-note">
              {t('documents.thirdPartyNote')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="document-submit">
              {t('documents.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

interface HolderFormProps {
  personId: string;
  document: IdentityDocument;
  onDone: () => void;
  onCancel: () => void;
}

/** Records who holds the papers now (the list gives each document's version for If-Match). */
function HolderForm({ personId, document, onDone, onCancel }: HolderFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [holder, setHolder] = useState<DocumentHolder>(document.holder);
  const [holderDetail, setHolderDetail] = useState(document.holderDetail ?? '');

  const save = useMutation({
    mutationFn: () => {
      const body: DocumentUpdateRequest = { holder, holderDetail: holderDetail.trim() || null };
      return personsApi.updateDocument(
        personId,
        document.id,
        body,
        etagFromVersion(document.version),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.documents(personId) });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm">
          {t(`documents.types.${document.type}`)} · <span dir="auto">{document.issuer}</span>
        </Text>
        <ProblemAlert
          error={save.error}
          fields={['holder', 'holderDetail']}
          onReload={() => {
            save.reset();
            void queryClient.invalidateQueries({ queryKey: queryKeys.documents(personId) });
            onCancel();
          }}
          testId="document-holder-error"
        />
        <HolderSelect
          value={holder}
          onChange={setHolder}
          error={errors.holder}
          testId="document-holder-change"
        />
        <TextInput
          label={t('documents.holderDetail')}
          description={t('documents.holderDetailHelp')}
          dir="auto"
          value={holderDetail}
          onChange={(e) => setHolderDetail(e.currentTarget.value)}
          error={errors.holderDetail}
          data-testid="document-holder-detail-change"
        />
        {holder === 'third_party' && <Alert color="red">{t('documents.thirdPartyNote')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="document-holder-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
