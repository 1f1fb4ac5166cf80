import {
  Drawer,
  Modal,
  createTheme,
  darken,
  luminance,
  type CSSVariablesResolver,
  type MantineThemeOverride,
} from '@mantine/core';
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

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Text on light-variant backgrounds (badges, light buttons, the active navigation link) is the
 * colour's darkest shade by default, which is not dark enough on a pale orange, yellow or teal,
 * nor on the hover shade of blue. Darken it until it reads at 4.5:1 (WCAG AA) on the hover
 * background, the darker of the two it sits on.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  dark: {},
  light: {
    ...Object.fromEntries(
      Object.entries(theme.colors).map(([name, shades]) => {
        let text = shades[9];
        for (let amount = 0.05; contrast(text, shades[2]) < 4.5 && amount < 1; amount += 0.05)
          text = darken(shades[9], amount);
        return [`--mantine-color-${name}-light-color`, text];
      }),
    ),
    // Field errors: the default red (shade 6) reads at 3.3:1 on white.
    '--mantine-color-error': theme.colors.red[9],
  },
});
