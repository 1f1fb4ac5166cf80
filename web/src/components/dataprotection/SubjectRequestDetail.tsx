import {
  Alert,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { formatDateTime, formatDay } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { AccessExportButton } from './AccessExport';
import { dpoApi, type SubjectRequest, type SubjectRequestPatch } from './api';
import { OverdueBadge, ShortId, SubjectStatusBadge, useAbilities } from './shared';

type Move = SubjectRequestPatch['status'];

/** One subject request: the identity check, what was asked, and the next step of its life. */
export function SubjectRequestDetail({
  request: r,
  onChanged,
  onClose,
}: {
  request: SubjectRequest;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const can = useAbilities();
  const open = r.status === 'received' || r.status === 'in_progress';
  const rows: [string, ReactNode][] = [
    [t('dpo.personId'), <ShortId key="p" id={r.personId} />],
    [t('dpo.subject.receivedOn'), formatDay(r.receivedOn, i18n.language)],
    [t('dpo.subject.dueOn'), formatDay(r.dueOn, i18n.language)],
    [t('dpo.subject.method'), t(`dpo.subject.methods.${r.verification.method}`)],
    [
      t('dpo.subject.verifiedOn'),
      <>
        {formatDay(r.verification.verifiedOn, i18n.language)} ·{' '}
        <ShortId id={r.verification.verifiedBy} />
      </>,
    ],
    [t('dpo.subject.inPerson'), r.inPerson ? t('common.yes') : t('common.no')],
  ];
  if (r.verification.note) rows.push([t('dpo.subject.verificationNote'), r.verification.note]);
  if (r.details) rows.push([t('dpo.subject.details'), r.details]);
  if (r.exportedAt)
    rows.push([t('dpo.subject.exportedAt'), formatDateTime(r.exportedAt, i18n.language)]);
  if (r.outcomeNote) rows.push([t('dpo.subject.outcomeNote'), r.outcomeNote]);
  if (r.refusalReason) rows.push([t('dpo.subject.refusalReason'), r.refusalReason]);

  return (
    <Paper withBorder p="md" data-testid="subject-detail" aria-labelledby="subject-detail-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <Title order={2} size="h3" id="subject-detail-title">
              {t(`dpo.subject.kinds.${r.kind}`)}
            </Title>
            <SubjectStatusBadge status={r.status} />
            {r.overdue && <OverdueBadge />}
          </Group>
          <Button size="xs" variant="subtle" onClick={onClose} data-testid="subject-close">
            {t('common.close')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {rows.map(([label, value]) => (
            <div key={label}>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
              <Text size="sm" component="div" dir="auto">
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {r.kind === 'access' && open && (
          <Stack gap="xs">
            {can('subject_access.export') ? (
              <AccessExportButton requestId={r.id} onDone={onChanged} />
            ) : (
              <Alert color="blue" title={t('dpo.access.byOfficer')} data-testid="access-link">
                <Text size="sm">{t('dpo.access.byOfficerHint')}</Text>
                <Code block dir="ltr" mt="xs">
                  {`${window.location.origin}/access-export/${r.id}`}
                </Code>
              </Alert>
            )}
          </Stack>
        )}
        {open && can('dataprotection.manage') && <MoveForm request={r} onChanged={onChanged} />}
      </Stack>
    </Paper>
  );
}

function MoveForm({ request: r, onChanged }: { request: SubjectRequest; onChanged: () => void }) {
  const { t } = useTranslation();
  const [refusing, setRefusing] = useState(false);
  const [text, setText] = useState('');
  const move = useMutation({
    mutationFn: (status: Move) => {
      const body: SubjectRequestPatch = { status };
      if (status === 'refused') body.reason = text.trim();
      else if (text.trim()) body.note = text.trim();
      return dpoApi.moveSubjectRequest(r.id, r.version, body);
    },
    onSuccess: () => {
      setText('');
      setRefusing(false);
      onChanged();
    },
  });
  const errors = fieldErrors(move.error);
  const next: Move = r.status === 'received' ? 'in_progress' : 'completed';
  const exportMissing = next === 'completed' && r.kind === 'access' && !r.exportedAt;
  return (
    <Stack gap="sm" data-testid="subject-move">
      <ProblemAlert
        error={move.error}
        fields={['note', 'reason']}
        onReload={() => {
          move.reset();
          onChanged();
        }}
        testId="subject-move-error"
      />
      <Textarea
        label={t(refusing ? 'dpo.subject.refusalReason' : 'dpo.subject.outcomeNote')}
        description={t('dpo.sealedHint')}
        required={refusing}
        dir="auto"
        autosize
        minRows={2}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={refusing ? errors.reason : errors.note}
        data-testid="subject-move-text"
      />
      {exportMissing && (
        <Text size="sm" c="dimmed" data-testid="subject-export-first">
          {t('dpo.subject.exportFirst')}
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        {refusing ? (
          <>
            <Button variant="default" onClick={() => setRefusing(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={text.trim() === ''}
              onClick={() => move.mutate('refused')}
              loading={move.isPending}
              data-testid="subject-refuse-confirm"
            >
              {t('dpo.subject.refuseConfirm')}
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="default"
              color="red"
              onClick={() => setRefusing(true)}
              data-testid="subject-refuse"
            >
              {t('dpo.subject.refuse')}
            </Button>
            <Button
              onClick={() => move.mutate(next)}
              disabled={exportMissing}
              loading={move.isPending}
              data-testid={`subject-move-${next}`}
            >
              {t(next === 'in_progress' ? 'dpo.subject.start' : 'dpo.subject.complete')}
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}
