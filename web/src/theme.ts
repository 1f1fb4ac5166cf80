import { Drawer, Modal, createTheme, type MantineThemeOverride } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The application's theme, in the current UI language: every dialog's close button is named
 * ("Close" in the reader's language) here once, so no dialog can be left without a name for
 * screen readers.
 */
export function useAppTheme(): MantineThemeOverride {
  const { t } = useTranslation();
  const close = t('common.close');
  return useMemo(() => {
    const closeButtonProps = { 'aria-label': close };
    return createTheme({
      primaryColor: 'blue',
      // The darker shade keeps links and filled buttons at 4.5:1 contrast or better (WCAG AA).
      primaryShade: { light: 8, dark: 6 },
      defaultRadius: 'sm',
      // System fonts only (no web fonts to fetch); these cover Latin, Arabic and Persian script.
      fontFamily:
        'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, Arial, sans-serif',
      components: {
        Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
        Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
      },
    });
  }, [close]);
}
