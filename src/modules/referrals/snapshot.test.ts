import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARE_FIELDS, type ShareField } from './schema.ts';
import { buildSnapshot, statusOn, type PersonSource } from './snapshot.ts';

const person: PersonSource = {
  names: [{ given: 'Amina', family: 'Yusuf', script: 'Latn', use: 'primary' }],
  sex: 'F',
  birth_year: 1991,
  nationalities: ['SOM'],
  languages: ['so', 'ar'],
  specific_needs: [{ code: 'WR' }],
  contact: { phone: '+252-canary' },
};
const extra = {
  legalStatus: { status: 'asylum_seeker', grantedBy: 'UNHCR', from: '2025-01-01' },
  summary: 'needs shelter',
};

describe('a referral snapshot', () => {
  it('has exactly the chosen fields as keys, whatever the choice', () => {
    fc.assert(
      fc.property(fc.subarray([...SHARE_FIELDS]), (fields: ShareField[]) => {
        const snapshot = buildSnapshot(fields, person, extra);
        expect(Object.keys(snapshot).sort()).toEqual([...fields].sort());
        if (!fields.includes('contact')) expect(JSON.stringify(snapshot)).not.toContain('canary');
      }),
    );
  });

  it('copies values, so later changes to the source do not reach it', () => {
    const source = { ...person, languages: ['so'] };
    const snapshot = buildSnapshot(['languages'], source, extra);
    source.languages.push('en');
    expect(snapshot.languages).toEqual(['so']);
  });

  it('takes the legal status in force on the day', () => {
    const statuses = [
      { status: 'asylum_seeker', grantedBy: 'MoI', from: '2024-01-01', to: '2025-05-31' },
      { status: 'humanitarian_admission', grantedBy: 'MoI', from: '2025-06-01', to: null },
    ];
    expect(statusOn(statuses, '2025-01-01')?.status).toBe('asylum_seeker');
    expect(statusOn(statuses, '2026-03-02')?.status).toBe('humanitarian_admission');
    expect(statusOn(statuses, '2023-01-01')).toBeNull();
  });
});
