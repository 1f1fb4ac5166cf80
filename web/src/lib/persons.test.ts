import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { PersonName } from '../api/types';
import { errorAt, fieldPath, fieldPathErrors } from './errors';
import {
  formatName,
  normaliseNationality,
  originalScriptNames,
  primaryName,
  splitCodes,
} from './persons';

describe('person names', () => {
  const alias: PersonName = { given: 'Ahmad', family: 'Karimi', script: 'Latn', use: 'alias' };
  const primary: PersonName = {
    given: 'Ahmad',
    middle: 'Reza',
    family: 'Karimi',
    script: 'Latn',
    use: 'primary',
  };
  const original: PersonName = { given: 'احمد', family: 'کریمی', script: 'Arab', use: 'original' };
  const names = [alias, primary, original];

  it('formats given, middle and family in order', () => {
    expect(formatName(primary)).toBe('Ahmad Reza Karimi');
    expect(formatName({ family: 'Karimi', script: 'Latn', use: 'primary' })).toBe('Karimi');
  });

  it('finds the primary and original-script names', () => {
    expect(primaryName(names)).toBe(primary);
    expect(primaryName([alias])).toBe(alias);
    expect(originalScriptNames(names)).toEqual([original]);
  });
});

describe('codes', () => {
  it('splits and deduplicates codes', () => {
    expect(splitCodes(' syr, afg;SYR  stateless ')).toEqual(['syr', 'afg', 'SYR', 'stateless']);
  });

  it('normalises nationalities', () => {
    expect(['syr', 'Stateless'].map(normaliseNationality)).toEqual(['SYR', 'stateless']);
  });
});

describe('field paths', () => {
  it('keeps the full path without the body prefix', () => {
    expect(fieldPath('body.names.0.given')).toBe('names.0.given');
    expect(fieldPath('/names/0')).toBe('names.0');
  });

  it('maps problem errors to paths, most specific first', () => {
    const error = new ApiError(400, '/persons', {
      errors: [
        { field: 'body.names.0', message: 'A name needs a given or family part' },
        { field: 'body.birthYear', message: 'Too early' },
      ],
    });
    const errors = fieldPathErrors(error);
    expect(errorAt(errors, 'names.0.given', 'names.0', 'names')).toBe(
      'A name needs a given or family part',
    );
    expect(errorAt(errors, 'names.1.given', 'names.1')).toBeUndefined();
    expect(errors.birthYear).toBe('Too early');
  });
});
