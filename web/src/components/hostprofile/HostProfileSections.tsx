import {
  Button,
  Checkbox,
  CloseButton,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INTERPRETATION_KEYS,
  INTERPRETATION_OPTIONS,
  isLegalStatusCode,
  isRefugeeStatusReading,
  isReservationEffect,
  LEGAL_STATUS_CODES,
  REFUGEE_STATUS_READINGS,
  RESERVATION_EFFECTS,
} from '../../api/types';
import type { Interpretation, InterpretationKey, StatusMeaning } from '../../api/types';
import { errorAt } from '../../lib/errors';
import { type ReservationDraft, type Draft, NATIONAL_CODE } from './draft';

interface SectionProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
}

export function PartySection({
  draft,
  update,
  errors,
}: SectionProps & { errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('hostProfile.party.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('hostProfile.party.explain')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap="xs">
            <Checkbox
              label={t('hostProfile.party.party1951')}
              checked={draft.party1951}
              onChange={(e) => update({ party1951: e.currentTarget.checked })}
              data-testid="host-party1951"
            />
            <TextInput
              type="date"
              label={t('hostProfile.party.since')}
              description={t('hostProfile.party.sinceHint')}
              disabled={!draft.party1951}
              value={draft.party1951Date}
              onChange={(e) => update({ party1951Date: e.currentTarget.value })}
              error={errors.party1951Date}
              data-testid="host-party1951-date"
            />
          </Stack>
          <Stack gap="xs">
            <Checkbox
              label={t('hostProfile.party.party1967')}
              checked={draft.party1967}
              onChange={(e) => update({ party1967: e.currentTarget.checked })}
              data-testid="host-party1967"
            />
            <TextInput
              type="date"
              label={t('hostProfile.party.since')}
              description={t('hostProfile.party.sinceHint')}
              disabled={!draft.party1967}
              value={draft.party1967Date}
              onChange={(e) => update({ party1967Date: e.currentTarget.value })}
              error={errors.party1967Date}
              data-testid="host-party1967-date"
            />
          </Stack>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

export function ReservationsSection({
  draft,
  update,
  errors,
  nextKey,
}: SectionProps & { errors: Record<string, string>; nextKey: () => number }) {
  const { t } = useTranslation();
  const change = (key: number, patch: Partial<ReservationDraft>) =>
    update({
      reservations: draft.reservations.map((r) => (r.key === key ? { ...r, ...patch } : r)),
    });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('hostProfile.reservations.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('hostProfile.reservations.explain')}
        </Text>
        {draft.reservations.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="host-reservations-empty">
            {t('hostProfile.reservations.empty')}
          </Text>
        )}
        {draft.reservations.map((r, index) => (
          <Paper
            key={r.key}
            withBorder
            p="sm"
            role="group"
            aria-label={t('hostProfile.reservations.item', { n: index + 1 })}
            data-testid="host-reservation"
          >
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                {t('hostProfile.reservations.item', { n: index + 1 })}
              </Text>
              <CloseButton
                aria-label={t('hostProfile.reservations.remove', { n: index + 1 })}
                onClick={() =>
                  update({ reservations: draft.reservations.filter((x) => x.key !== r.key) })
                }
                data-testid="host-reservation-remove"
              />
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('hostProfile.reservations.article')}
                description={t('hostProfile.reservations.articleHint')}
                required
                dir="ltr"
                value={r.article}
                onChange={(e) => change(r.key, { article: e.currentTarget.value })}
                error={errorAt(errors, `reservations.${index}.article`)}
                data-testid="host-reservation-article"
              />
              <NativeSelect
                label={t('hostProfile.reservations.effect')}
                required
                value={r.effect}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  if (isReservationEffect(value)) change(r.key, { effect: value });
                }}
                data-testid="host-reservation-effect"
              >
                {RESERVATION_EFFECTS.map((effect) => (
                  <option key={effect} value={effect}>
                    {t(`hostProfile.reservations.effects.${effect}`)}
                  </option>
                ))}
              </NativeSelect>
            </SimpleGrid>
            <Textarea
              mt="xs"
              label={t('hostProfile.reservations.text')}
              required
              dir="auto"
              autosize
              minRows={2}
              value={r.text}
              onChange={(e) => change(r.key, { text: e.currentTarget.value })}
              error={errorAt(errors, `reservations.${index}.text`)}
              data-testid="host-reservation-text"
            />
          </Paper>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() =>
              update({
                reservations: [
                  ...draft.reservations,
                  { key: nextKey(), article: '', effect: 'excluded', text: '' },
                ],
              })
            }
            data-testid="host-reservation-add"
          >
            {t('hostProfile.reservations.add')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function StatusMeaningSection({ draft, update }: SectionProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const rows = draft.statusMeaning;
  const change = (target: string, patch: Partial<StatusMeaning>) =>
    update({
      statusMeaning: rows.map(([c, m]): [string, StatusMeaning] => {
        if (c !== target) return [c, m];
        const next = { ...m, ...patch };
        // Lawful stay implies lawful presence; no presence means no stay.
        if (patch.lawfulStay) next.lawfulPresence = true;
        if (patch.lawfulPresence === false) next.lawfulStay = false;
        return [c, next];
      }),
    });
  const missing = LEGAL_STATUS_CODES.filter((c) => !rows.some(([code]) => code === c));
  const newCode = code.trim().toLowerCase();
  const codeValid =
    (NATIONAL_CODE.test(newCode) || isLegalStatusCode(newCode)) &&
    !rows.some(([c]) => c === newCode);

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('hostProfile.meaning.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('hostProfile.meaning.explain')}
        </Text>
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="host-status-meaning">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('hostProfile.meaning.code')}</Table.Th>
                <Table.Th scope="col">{t('hostProfile.meaning.lawfulPresence')}</Table.Th>
                <Table.Th scope="col">{t('hostProfile.meaning.lawfulStay')}</Table.Th>
                <Table.Th scope="col">{t('hostProfile.meaning.refugeeStatus')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([c, m]) => {
                const label = isLegalStatusCode(c) ? t(`legalStatus.codes.${c}`) : c;
                return (
                  <Table.Tr key={c} data-testid="host-meaning-row" data-code={c}>
                    <Table.Th scope="row" fw={500}>
                      {label}
                      {isLegalStatusCode(c) && (
                        <Text size="xs" c="dimmed" ff="monospace" dir="ltr">
                          {c}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('hostProfile.meaning.lawfulPresenceFor', { status: label })}
                        checked={m.lawfulPresence}
                        onChange={(e) => change(c, { lawfulPresence: e.currentTarget.checked })}
                        data-testid="host-meaning-presence"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('hostProfile.meaning.lawfulStayFor', { status: label })}
                        checked={m.lawfulStay}
                        onChange={(e) => change(c, { lawfulStay: e.currentTarget.checked })}
                        data-testid="host-meaning-stay"
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('hostProfile.meaning.refugeeStatusFor', { status: label })}
                        value={m.refugeeStatus ?? 'undetermined'}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          if (isRefugeeStatusReading(value)) change(c, { refugeeStatus: value });
                        }}
                        data-testid="host-meaning-refugee"
                      >
                        {REFUGEE_STATUS_READINGS.map((value) => (
                          <option key={value} value={value}>
                            {t(`rights.refugeeStatus.values.${value}`)}
                          </option>
                        ))}
                      </NativeSelect>
                    </Table.Td>
                    <Table.Td>
                      <CloseButton
                        aria-label={t('hostProfile.meaning.remove', { status: label })}
                        onClick={() => update({ statusMeaning: rows.filter(([x]) => x !== c) })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {t('hostProfile.meaning.unlisted')}
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('hostProfile.meaning.addCode')}
            description={t('hostProfile.meaning.addCodeHint')}
            dir="ltr"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            list="host-status-codes"
            data-testid="host-meaning-new-code"
          />
          <datalist id="host-status-codes">
            {missing.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <Button
            variant="default"
            disabled={!codeValid}
            onClick={() => {
              update({
                statusMeaning: [...rows, [newCode, { lawfulPresence: false, lawfulStay: false }]],
              });
              setCode('');
            }}
            data-testid="host-meaning-add"
          >
            {t('hostProfile.meaning.add')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The settings with one reading changed; a value the setting does not know changes nothing. */
function withReading(
  current: Interpretation,
  key: InterpretationKey,
  value: string,
): Interpretation {
  const options: readonly string[] = INTERPRETATION_OPTIONS[key];
  return options.includes(value) ? { ...current, [key]: value } : current;
}

export function InterpretationSection({ draft, update }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('hostProfile.interpretation.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('hostProfile.interpretation.explain')}
        </Text>
        {INTERPRETATION_KEYS.map((key) => (
          <Radio.Group
            key={key}
            label={t(`hostProfile.interpretation.settings.${key}.label`)}
            description={t(`hostProfile.interpretation.settings.${key}.about`)}
            value={draft.interpretation[key]}
            onChange={(value) =>
              update({ interpretation: withReading(draft.interpretation, key, value) })
            }
            data-testid={`host-interpretation-${key}`}
          >
            <Stack gap="xs" mt="xs">
              {INTERPRETATION_OPTIONS[key].map((option) => (
                <Radio
                  key={option}
                  value={option}
                  label={t(`hostProfile.interpretation.settings.${key}.options.${option}.label`)}
                  description={t(
                    `hostProfile.interpretation.settings.${key}.options.${option}.why`,
                  )}
                  data-testid={`host-interpretation-${key}-${option}`}
                />
              ))}
            </Stack>
          </Radio.Group>
        ))}
      </Stack>
    </Paper>
  );
}
