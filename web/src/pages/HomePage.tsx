import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../components/MeContext';

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  return (
    <Stack gap="md">
      <Title order={1} data-testid="home-greeting">
        {t('home.greeting', { name: user.displayName })}
      </Title>
      <section aria-labelledby="home-roles">
        <Title order={2} size="h4" id="home-roles" mb="xs">
          {t('home.yourRoles')}
        </Title>
        {user.roles.length === 0 ? (
          <Text c="dimmed">{t('home.noRoles')}</Text>
        ) : (
          <Group gap="xs" data-testid="home-roles-list">
            {user.roles.map((role) => (
              <Badge key={role} variant="light" size="lg">
                {t(`roles.${role}`, { defaultValue: role })}
              </Badge>
            ))}
          </Group>
        )}
      </section>
    </Stack>
  );
}
