import { Button, Code, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface RecoveryCodesProps {
  codes: string[];
  onDone: () => void;
}

/** Shows freshly issued recovery codes once. */
export function RecoveryCodes({ codes, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('auth.recoveryCodesTitle')}
      </Title>
      <Text size="sm">{t('auth.recoveryCodesIntro')}</Text>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ul"
        data-testid="recovery-codes"
        dir="ltr"
        m={0}
        p={0}
        className="plain-list"
      >
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md">{code}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Button onClick={onDone} data-testid="recovery-codes-saved">
        {t('auth.recoveryCodesSaved')}
      </Button>
    </Stack>
  );
}
