import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FullPageLoader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center mih="50vh" role="status">
      <Loader />
      <VisuallyHidden>{label ?? t('app.loading')}</VisuallyHidden>
    </Center>
  );
}
