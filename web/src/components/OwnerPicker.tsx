import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Who owns a safety-plan step. A caseworker cannot list users (GET /users is for
 * administrators), so a colleague is named by the user ID they read in their account menu.
 */
export interface OwnerChoice {
  kind: 'me' | 'none' | 'other';
  userId: string;
}

const KINDS = ['me', 'none', 'other'] as const;

function isOwnerKind(value: string): value is OwnerChoice['kind'] {
  return (KINDS as readonly string[]).includes(value);
}

export function ownerFromChoice(choice: OwnerChoice, me: string): string | null {
  if (choice.kind === 'me') return me;
  if (choice.kind === 'other') return choice.userId.trim() || null;
  return null;
}

interface OwnerPickerProps {
  value: OwnerChoice;
  onChange: (value: OwnerChoice) => void;
  error?: string;
  testId?: string;
}

export function OwnerPicker({ value, onChange, error, testId }: OwnerPickerProps) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <NativeSelect
        label={t('protection.steps.owner')}
        value={value.kind}
        onChange={(e) => {
          const kind = e.currentTarget.value;
          if (isOwnerKind(kind)) onChange({ ...value, kind });
        }}
        error={value.kind === 'other' ? undefined : error}
        data-testid={testId}
      >
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`protection.steps.ownerChoices.${kind}`)}
          </option>
        ))}
      </NativeSelect>
      {value.kind === 'other' && (
        <TextInput
          label={t('protection.userId')}
          dir="ltr"
          value={value.userId}
          onChange={(e) => onChange({ ...value, userId: e.currentTarget.value })}
          error={error}
          data-testid={testId ? `${testId}-id` : undefined}
        />
      )}
    </Group>
  );
}
