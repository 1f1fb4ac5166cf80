import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IndependenceClass } from './api';

const CLASS_COLORS: Record<IndependenceClass, string> = {
  independent_humanitarian: 'teal',
  host_state_service: 'blue',
  group_linked_sponsor: 'red',
};

/** The provider's independence class; a group-linked sponsor is marked as a risk (not a ban). */
export function IndependenceBadge({ value }: { value: IndependenceClass }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={CLASS_COLORS[value]}
      variant="light"
      data-testid="independence-badge"
      data-value={value}
    >
      {t(`assistance.independence.${value}`)}
      {value === 'group_linked_sponsor' ? ` · ${t('assistance.riskMarker')}` : ''}
    </Badge>
  );
}

/** Dependency flag: over the threshold, or not. */
export function DependencyFlag({ flagged }: { flagged: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={flagged ? 'red' : 'gray'} variant="light" data-testid="dependency-flag">
      {flagged ? t('assistance.dependency.flagged') : t('assistance.dependency.notFlagged')}
    </Badge>
  );
}
