import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isDuplicateReasonCode } from '../api/types';
import type { DuplicateReason, DuplicateReasonCode } from '../api/types';

/** Evidence for (blue), against (orange) or neither (grey) the two records being one person. */
const REASON_COLORS: Record<DuplicateReasonCode, string> = {
  names: 'blue',
  birth_date_equal: 'blue',
  birth_year_equal: 'blue',
  birth_year_off_by_one_same_day: 'blue',
  nationality_shared: 'blue',
  birth_date_differs: 'orange',
  birth_year_differs: 'orange',
  sex_differs: 'orange',
  nationality_differs: 'orange',
  birth_unknown: 'gray',
};

export function formatPercent(value: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    value,
  );
}

/** The reasons a pair was scored as it was, each in the reader's language. */
export function DuplicateReasons({ reasons }: { reasons: readonly DuplicateReason[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={6} data-testid="duplicate-reasons">
      {reasons.map((reason, index) => {
        const code = reason.code;
        return (
          <Badge
            key={`${code}-${index}`}
            color={isDuplicateReasonCode(code) ? REASON_COLORS[code] : 'gray'}
            variant="light"
            tt="none"
            data-testid={`reason-${code}`}
          >
            {t(`duplicates.reasons.${code}`, {
              defaultValue: code,
              similarity: formatPercent(reason.similarity ?? 0, i18n.language),
              years: reason.years ?? 0,
            })}
          </Badge>
        );
      })}
    </Group>
  );
}
