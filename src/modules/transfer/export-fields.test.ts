import { describe, expect, it } from 'vitest';
import { abilitiesOf, type Role } from '../../platform/access/roles.ts';
import { defaultFields, exportColumns, exportRow, mayExport } from './export-fields.ts';

const actor = (role: Role) => ({
  userId: 'u',
  operationId: 'o',
  agencyId: null,
  roles: [role],
  abilities: abilitiesOf([role]),
  via: 'session' as const,
});

describe('export columns', () => {
  it('gives contact details only to roles that work with the person, and nothing without persons.read', () => {
    expect(mayExport(actor('registration_clerk'), 'phone')).toBe(true);
    expect(mayExport(actor('programme_officer'), 'phone')).toBe(false);
    expect(defaultFields(actor('programme_officer'))).not.toContain('phone');
    expect(defaultFields(actor('programme_officer'))).toContain('givenName');
    expect(defaultFields(actor('analyst'))).toEqual([]);
    expect(defaultFields(actor('administrator'))).toEqual([]);
  });

  it('tags every column for HXL, with the hashtags the importer reads', () => {
    const columns = exportColumns(['externalId', 'givenName', 'birthYear', 'phone', 'asylonId']);
    expect(columns.map((c) => c.hxl)).toEqual([
      '#beneficiary+id',
      '#beneficiary+name+given',
      '#date+birth+year',
      '#contact+phone',
      '#x_person+asylon_id',
    ]);
  });

  it('writes a person as the import reads one', () => {
    const row = exportRow({
      id: 'id-1',
      external_id: 'P-1',
      names: [
        { given: 'Amina', family: 'Haddad', script: 'Latn', use: 'primary' },
        { given: 'أمينة', script: 'Arab', use: 'original' },
      ],
      sex: 'F',
      birth_date: '1985-03-02',
      birth_year: 1985,
      birth_year_estimated: false,
      nationalities: ['SYR', 'IRQ'],
      languages: ['ar'],
      specific_needs: [{ code: 'SM', subCode: 'SM-CI' }, { code: 'DS' }],
      phone: null,
      sensitivity: 'normal',
      registered_on: '2024-01-01',
      household_external_id: 'H-1',
      relationship: 'focal_point',
      status: 'asylum_seeker',
      granted_by: 'host-state',
      valid_from: '2024-01-10',
      valid_to: null,
    });
    expect(row).toMatchObject({
      givenName: 'Amina',
      nativeGivenName: 'أمينة',
      nativeScript: 'Arab',
      birthDate: '1985-03-02',
      birthYear: null,
      nationality: 'SYR IRQ',
      specificNeeds: 'SM-CI DS',
      relationship: 'focal_point',
      legalStatus: 'asylum_seeker',
    });
  });
});
