import { describe, expect, it } from 'vitest';
import { LANGUAGES, messages, type Tree } from './index.ts';

/** All leaf keys as dotted paths. */
function leafKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function leafValues(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value]]
      : leafValues(value, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const en = messages.en!;
const locales = Object.fromEntries(
  LANGUAGES.filter((l) => l.code !== 'en').map((l) => [l.code, messages[l.code]!]),
);
const enKeys = leafKeys(en).sort();
const enValues = new Map(leafValues(en));

describe('locales', () => {
  it('en has keys, and every language has texts', () => {
    expect(enKeys.length).toBeGreaterThan(50);
    expect(Object.keys(messages).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const [code, tree] of Object.entries(locales)) {
    it(`${code} has exactly the same keys as en`, () => {
      expect(leafKeys(tree).sort()).toEqual(enKeys);
    });

    it(`${code} has no empty strings and keeps every {{placeholder}}`, () => {
      for (const [key, value] of leafValues(tree)) {
        expect(value.trim(), key).not.toBe('');
        expect(placeholders(value), key).toEqual(placeholders(enValues.get(key) ?? ''));
      }
    });
  }
});
