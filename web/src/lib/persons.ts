import type { PersonName } from '../api/types';

/** A name as one line: given, middle and family parts in that order. */
export function formatName(name: PersonName): string {
  return [name.given, name.middle, name.family]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
}

/** The primary name (the first name when none is marked primary). */
export function primaryName(names: readonly PersonName[]): PersonName | undefined {
  return names.find((name) => name.use === 'primary') ?? names[0];
}

/** Names written in another script than Latin (or marked as the original). */
export function originalScriptNames(names: readonly PersonName[]): PersonName[] {
  return names.filter((name) => name.script !== 'Latn' || name.use === 'original');
}

/** Scripts offered for an original-script name (ISO 15924). */
export const NAME_SCRIPTS = ['Arab', 'Latn', 'Cyrl'] as const;
export type NameScript = (typeof NAME_SCRIPTS)[number];

export function isNameScript(value: string): value is NameScript {
  return (NAME_SCRIPTS as readonly string[]).includes(value);
}

/** Splits comma-, space- or semicolon-separated codes, trimmed and without duplicates. */
export function splitCodes(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,;]+/)
        .map((code) => code.trim())
        .filter(Boolean),
    ),
  ];
}

/** A nationality code as the server stores it: ISO alpha-3 in capitals, or `stateless`. */
export function normaliseNationality(code: string): string {
  return code.toLowerCase() === 'stateless' ? 'stateless' : code.toUpperCase();
}
