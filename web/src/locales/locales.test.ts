import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';
import fa from './fa.json';
import sq from './sq.json';

type Tree = { [key: string]: string | Tree };

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

const locales: Record<string, Tree> = { sq, ar, fa };
const enKeys = leafKeys(en).sort();
const enValues = new Map(leafValues(en));

describe('locales', () => {
  it('en has keys', () => {
    expect(enKeys.length).toBeGreaterThan(50);
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
