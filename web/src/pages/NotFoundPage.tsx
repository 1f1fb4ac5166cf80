import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1}>{t('access.notFound')}</Title>
      <Anchor component={Link} to="/">
        {t('access.goHome')}
      </Anchor>
    </Stack>
  );
}
