import { AppShell, Burger, Button, Group, Menu, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { useMe } from '../api/queries';
import { ChangePasswordForm } from './ChangePasswordForm';
import { FullPageLoader } from './FullPageLoader';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { MeContext } from './MeContext';
import { MfaWarning } from './MfaWarning';
import { NotificationsBell } from './NotificationsBell';
import { ProblemAlert } from './ProblemAlert';

/** Signed-in shell: header, role-based navbar, warnings and the current page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [passwordOpened, { open: openPassword, close: closePassword }] = useDisclosure(false);
  const me = useMe();
  const navigate = useNavigate();

  const logout = useMutation({
    mutationFn: () => authApi.logout(),
    // The login page drops every cached query when it mounts; clearing here would make this
    // still-mounted layout refetch /auth/me without a session.
    onSettled: () => void navigate('/login', { replace: true }),
  });

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    // A 401 has already triggered the redirect to /login.
    if (isApiError(me.error) && me.error.status === 401) return <FullPageLoader />;
    return (
      <main id="main-content">
        <ProblemAlert error={me.error} />
        <Button mt="md" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </Button>
      </main>
    );
  }

  const { user, abilities, warnings } = me.data;

  return (
    <MeContext value={me.data}>
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="md"
      >
        <AppShell.Header className="no-print">
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
                aria-expanded={navOpened}
              />
              <Text fw={700} size="lg" component="span">
                {t('app.name')}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <NotificationsBell />
              <LanguageSwitch />
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="subtle" size="xs" maw={220} data-testid="current-user">
                    {user.displayName}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown aria-label={t('account.menu')}>
                  <Menu.Label dir="ltr">{user.email}</Menu.Label>
                  {/* Colleagues name each other on restricted records by this id. */}
                  <Menu.Label data-testid="current-user-id">
                    {t('account.userId')}:{' '}
                    <Text span ff="monospace" size="xs" dir="ltr" className="break-all">
                      {user.id}
                    </Text>
                  </Menu.Label>
                  <Menu.Item onClick={openPassword} data-testid="menu-change-password">
                    {t('account.changePassword')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
              <Button
                variant="default"
                size="xs"
                onClick={() => logout.mutate()}
                loading={logout.isPending}
                data-testid="logout"
              >
                {t('auth.signOut')}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" className="no-print">
          <MainNav abilities={abilities} onNavigate={closeNav} />
        </AppShell.Navbar>
        <AppShell.Main id="main-content" tabIndex={-1}>
          <MfaWarning warnings={warnings} />
          <Outlet />
        </AppShell.Main>
      </AppShell>
      <Modal opened={passwordOpened} onClose={closePassword} title={t('account.changePassword')}>
        {passwordOpened && <ChangePasswordForm onClose={closePassword} />}
      </Modal>
    </MeContext>
  );
}
