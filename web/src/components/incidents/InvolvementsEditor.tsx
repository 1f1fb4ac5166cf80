import {
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorAt } from '../../lib/errors';
import { DEGREES, isOneOf, PERPETRATOR_TYPES, ROLES, SUBJECTS } from './api';
import { emptyInvolvement, type InvolvementDraft } from './draft';
import { PersonPicker } from './PersonPicker';
import { Muted } from './shared';

interface InvolvementsEditorProps {
  value: InvolvementDraft[];
  onChange: (value: InvolvementDraft[]) => void;
  /** Field errors by full path (`involvements.0.personId`). */
  errors: Record<string, string>;
}

/**
 * Who was involved and how (HURIDOCS involvements): registered persons by id; groups and
 * authorities by name, and only authorities as alleged perpetrators; perpetrators with a type.
 */
export function InvolvementsEditor({ value, onChange, errors }: InvolvementsEditorProps) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<InvolvementDraft>) =>
    onChange(value.map((v, i) => (i === index ? { ...v, ...change } : v)));
  return (
    <Fieldset legend={t('incidents.involved.title')} data-testid="incident-involvements">
      <Stack gap="sm">
        <Muted>{t('incidents.involved.hint')}</Muted>
        {value.map((v, i) => (
          <InvolvementRow
            key={v.key}
            index={i}
            value={v}
            onChange={(change) => update(i, change)}
            onRemove={() => onChange(value.filter((_, j) => j !== i))}
            errors={errors}
          />
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => onChange([...value, emptyInvolvement()])}
            data-testid="involvement-add"
          >
            {t('incidents.involved.add')}
          </Button>
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              onChange([...value, { ...emptyInvolvement('alleged_perpetrator'), subject: 'group' }])
            }
            data-testid="involvement-add-perpetrator"
          >
            {t('incidents.involved.addPerpetrator')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function InvolvementRow({
  index,
  value: v,
  onChange,
  onRemove,
  errors,
}: {
  index: number;
  value: InvolvementDraft;
  onChange: (change: Partial<InvolvementDraft>) => void;
  onRemove: () => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const at = (field: string) => errorAt(errors, `involvements.${index}.${field}`);
  const perpetrator = v.role === 'alleged_perpetrator';
  const testId = `involvement-${index}`;
  // An authority is recorded only as an alleged perpetrator.
  const subjects = SUBJECTS.filter((s) => s !== 'authority' || perpetrator);
  return (
    <Paper withBorder p="sm" data-testid="involvement-row">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('incidents.involved.role')}
            value={v.role}
            onChange={(e) => {
              const role = e.currentTarget.value;
              if (!isOneOf(ROLES, role)) return;
              const subject = role !== 'alleged_perpetrator' && v.subject === 'authority';
              onChange({ role, ...(subject ? { subject: 'group' } : {}) });
            }}
            error={at('role')}
            data-testid={`${testId}-role`}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`incidents.roles.${r}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('incidents.involved.subject')}
            value={v.subject}
            onChange={(e) => {
              const subject = e.currentTarget.value;
              if (isOneOf(SUBJECTS, subject)) onChange({ subject });
            }}
            error={at('subject')}
            data-testid={`${testId}-subject`}
          >
            {subjects.map((s) => (
              <option key={s} value={s}>
                {t(`incidents.subjects.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        {v.subject === 'person' ? (
          <PersonPicker
            value={v.personId}
            onChange={(personId) => onChange({ personId })}
            error={at('personId') ?? at('label')}
            testId={testId}
          />
        ) : (
          <TextInput
            label={t(`incidents.involved.labelFor.${v.subject}`)}
            description={t('incidents.involved.labelHint')}
            required={v.subject !== 'unidentified'}
            dir="auto"
            value={v.label}
            onChange={(e) => onChange({ label: e.currentTarget.value })}
            error={at('label') ?? at('personId')}
            data-testid={`${testId}-label`}
          />
        )}
        {perpetrator && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('incidents.involved.perpetratorType')}
              required
              value={v.perpetratorType}
              onChange={(e) => {
                const type = e.currentTarget.value;
                onChange({ perpetratorType: isOneOf(PERPETRATOR_TYPES, type) ? type : '' });
              }}
              error={at('perpetratorType')}
              data-testid={`${testId}-perpetrator-type`}
            >
              <option value="">{t('incidents.choose')}</option>
              {PERPETRATOR_TYPES.map((p) => (
                <option key={p} value={p}>
                  {t(`incidents.perpetratorTypes.${p}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('incidents.involved.degree')}
              value={v.degree}
              onChange={(e) => {
                const degree = e.currentTarget.value;
                onChange({ degree: isOneOf(DEGREES, degree) ? degree : '' });
              }}
              error={at('degree')}
              data-testid={`${testId}-degree`}
            >
              <option value="">{t('incidents.notStated')}</option>
              {DEGREES.map((d) => (
                <option key={d} value={d}>
                  {t(`incidents.degrees.${d}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
        )}
        <Group justify="flex-end">
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={onRemove}
            aria-label={t('incidents.involved.removeNumbered', { n: index + 1 })}
            data-testid={`${testId}-remove`}
          >
            {t('incidents.involved.remove')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
