import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, messages } from './locales/index.ts';

export { LANGUAGES };

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

export const LANGUAGE_STORAGE_KEY = 'asylon.lang';
const DEFAULT_LANGUAGE: LanguageCode = 'en';

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && LANGUAGES.some((l) => l.code === value);
}

export function directionOf(language: string): TextDirection {
  return LANGUAGES.find((l) => l.code === language)?.dir ?? 'ltr';
}

function readStoredLanguage(): LanguageCode | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguageCode(stored) ? stored : null;
  } catch {
    return null;
  }
}

function storeLanguage(language: LanguageCode): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode, policy); the choice then lasts for the session.
  }
}

/** First supported language from the browser preferences, by primary subtag. */
function browserLanguage(): LanguageCode | null {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = tag?.toLowerCase().split('-')[0];
    if (isLanguageCode(primary)) return primary;
  }
  return null;
}

/** Reflects the language on <html lang dir> so the browser, screen readers and CSS agree. */
export function applyDocumentLanguage(language: string): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = directionOf(language);
}

export const initialLanguage: LanguageCode =
  readStoredLanguage() ?? browserLanguage() ?? DEFAULT_LANGUAGE;

// Set before the first render so Mantine's DirectionProvider picks up the direction.
applyDocumentLanguage(initialLanguage);

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(
    LANGUAGES.map(({ code }) => [code, { translation: messages[code] ?? {} }]),
  ),
  lng: initialLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES.map((l) => l.code),
  interpolation: { escapeValue: false }, // React already escapes.
  returnNull: false,
  initAsync: false,
});

i18n.on('languageChanged', (language) => {
  applyDocumentLanguage(language);
});

/** Switches the UI language and remembers the choice. */
export async function changeLanguage(language: LanguageCode): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

export default i18n;
