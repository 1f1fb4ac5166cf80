import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

interface PagerProps {
  offset: number;
  pageSize: number;
  total: number;
  onChange: (offset: number) => void;
}

/** Previous/next paging for offset-based lists. */
export function Pager({ offset, pageSize, total, onChange }: PagerProps) {
  const { t, i18n } = useTranslation();
  if (total <= pageSize) return null;
  const from = offset + 1;
  const to = Math.min(offset + pageSize, total);
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.range', {
          from: formatNumber(from, i18n.language),
          to: formatNumber(to, i18n.language),
          total: formatNumber(total, i18n.language),
        })}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - pageSize))}
        >
          {t('common.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={to >= total}
          onClick={() => onChange(offset + pageSize)}
        >
          {t('common.next')}
        </Button>
      </Group>
    </Group>
  );
}
