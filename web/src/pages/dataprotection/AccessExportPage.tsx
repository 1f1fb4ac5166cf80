import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AccessExportButton } from '../../components/dataprotection/AccessExport';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a protection officer answers an access request the data-protection officer recorded (the
 * officer sends the link): the export needs someone who sees the person's cases and, for a
 * restricted record, someone named on it.
 */
export function AccessExportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <Stack gap="md">
      <Title order={1}>{t('dpo.access.title')}</Title>
      <Text size="sm">{t('dpo.access.explanation')}</Text>
      <Text size="sm" c="dimmed">
        {t('dpo.access.requestId')}{' '}
        <Text span ff="monospace" size="sm" dir="ltr" data-testid="access-request-id">
          {id}
        </Text>
      </Text>
      {UUID.test(id) ? (
        <AccessExportButton requestId={id} />
      ) : (
        <Alert color="yellow">{t('errors.notFound')}</Alert>
      )}
    </Stack>
  );
}
