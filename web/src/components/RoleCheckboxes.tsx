import { Checkbox, Loader, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../api/queries';
import { isRoleCode, type RoleCode } from '../api/types';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

interface RoleCheckboxesProps {
  value: RoleCode[];
  onChange: (roles: RoleCode[]) => void;
  error?: string;
}

/** Multi-select of roles (from GET /roles) as a labelled group of checkboxes. */
export function RoleCheckboxes({ value, onChange, error }: RoleCheckboxesProps) {
  const { t } = useTranslation();
  const canReadRoles = useHasAbility('roles.read');
  const roles = useRoles(canReadRoles);
  if (!canReadRoles) return null;
  if (roles.isPending) return <Loader size="sm" />;
  if (roles.isError) return <ProblemAlert error={roles.error} />;
  return (
    <Checkbox.Group
      label={t('users.roles')}
      value={value}
      onChange={(codes) => onChange(codes.filter(isRoleCode))}
      error={error}
      data-testid="user-roles"
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
        {roles.data.items.map((role) => (
          <Checkbox
            key={role.code}
            value={role.code}
            label={t(`roles.${role.code}`, { defaultValue: role.code })}
            data-testid={`role-${role.code}`}
          />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
