import { Alert, Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useHasAbility, type Ability } from './MeContext';

/** Renders children only when the user has the ability; the server enforces it as well. */
export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = useHasAbility(ability);
  if (allowed) return <>{children}</>;
  return (
    <Alert color="yellow" title={t('access.denied')} data-testid="access-denied">
      <Anchor component={Link} to="/">
        {t('access.goHome')}
      </Anchor>
    </Alert>
  );
}
