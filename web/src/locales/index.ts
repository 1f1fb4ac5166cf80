/**
 * The UI texts, one tree per language: the base files (`en.json`, …) merged with each area's own
 * files (`<area>/en.json`, …), so that areas of the app keep their texts beside each other without
 * editing one shared file. Two files defining the same key is a mistake and fails loudly.
 */
export const LANGUAGES = [
  { code: 'en', nativeName: 'English', dir: 'ltr' },
  { code: 'sq', nativeName: 'Shqip', dir: 'ltr' },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl' },
  { code: 'fa', nativeName: 'فارسی', dir: 'rtl' },
] as const;

export type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>(['./*.json', './*/*.json'], {
  eager: true,
  import: 'default',
});

function merge(target: Tree, source: Tree, file: string, prefix = ''): Tree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') {
      merge(existing, value, file, `${prefix}${key}.`);
    } else if (existing !== undefined) {
      throw new Error(`${file} defines "${prefix}${key}" again`);
    } else {
      target[key] = typeof value === 'object' ? merge({}, value, file, `${prefix}${key}.`) : value;
    }
  }
  return target;
}

/** Texts by language code, from the base file and every area file of that language. */
export const messages: Record<string, Tree> = {};
for (const [file, tree] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  const language = /([a-z]{2})\.json$/.exec(file)?.[1];
  if (!language) throw new Error(`${file}: locale files are named by language code`);
  merge((messages[language] ??= {}), tree, file);
}
