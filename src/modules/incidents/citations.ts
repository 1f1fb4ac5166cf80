/**
 * Citations: a claim made in an incident, linked to a passage of a source (page or other locator
 * and the quoted words). Pure rules for what makes a citation suspect; the service stores the
 * malformed flags with the row and finds duplicates by fingerprint.
 *
 * Rejected outright (400, by the schema): a reliability grade outside A–F, a credibility outside
 * 1–6, empty or over-long text. Accepted but flagged, so a reviewer fixes them:
 * - `missing_locator_and_passage`: nothing to find the claim by in the source;
 * - `passage_implausible`: the "quote" is not one: no letters, under 3 words or 12 letters, a
 *   link instead of words, or the claim itself copied into the passage;
 * - `locator_implausible`: a locator with no letter or digit in it ("–", "?");
 * - `duplicate` (found across rows, not here): the same incident, source, locator and passage
 *   as another citation, once normalised (case, accents, spacing, punctuation, "p."/"page").
 */
import crypto from 'node:crypto';

export const CITATION_FLAGS = [
  'duplicate',
  'missing_locator_and_passage',
  'passage_implausible',
  'locator_implausible',
] as const;
export type CitationFlag = (typeof CITATION_FLAGS)[number];
export type MalformedFlag = Exclude<CitationFlag, 'duplicate'>;

/** Lowercase, no accents, letters and digits kept, every run of anything else one space. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "p. 12", "page 12", "P12" → "12"; "pp. 3-4" → "3 4"; "para 5" stays "para 5". */
export function normaliseLocator(s: string): string {
  return normaliseText(s)
    .replace(/^(?:pages?|pp|p)\s*(?=\p{N})/u, '')
    .trim();
}

const LETTER = /\p{L}/gu;
const LINK = /^(?:https?:\/\/|www\.)\S+$/i;

function passageImplausible(passage: string, claim: string): boolean {
  const letters = passage.match(LETTER)?.length ?? 0;
  const words = normaliseText(passage).split(' ').filter(Boolean).length;
  if (letters < 12 || words < 3) return true;
  if (LINK.test(passage.trim())) return true;
  return normaliseText(passage) === normaliseText(claim);
}

export interface CitationText {
  claim: string;
  locator: string | null;
  passage: string | null;
}

/** The flags a citation earns by itself (everything but `duplicate`), in CITATION_FLAGS order. */
export function malformedFlags(c: CitationText): MalformedFlag[] {
  const flags: MalformedFlag[] = [];
  if (!c.locator && !c.passage) flags.push('missing_locator_and_passage');
  if (c.passage && passageImplausible(c.passage, c.claim)) flags.push('passage_implausible');
  if (c.locator && !/[\p{L}\p{N}]/u.test(c.locator)) flags.push('locator_implausible');
  return flags;
}

/**
 * What two citations share when they are duplicates, as an HMAC: the passage is sealed at rest,
 * and a plain hash of a short quote could be confirmed by guessing. The key is derived from the
 * master key, so a copy of the database alone cannot test guesses.
 */
export function citationFingerprint(
  masterKey: Buffer,
  c: { incidentId: string; sourceId: string; locator: string | null; passage: string | null },
): Buffer {
  const key = Buffer.from(
    crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'asylon/citation-fingerprint', 32),
  );
  return crypto
    .createHmac('sha256', key)
    .update(
      [
        c.incidentId,
        c.sourceId,
        normaliseLocator(c.locator ?? ''),
        normaliseText(c.passage ?? ''),
      ].join('\u0000'),
    )
    .digest();
}

/** The grade as analysts write it: source reliability then claim credibility, e.g. "B2". */
export const gradeOf = (reliability: string, credibility: number): string =>
  `${reliability}${credibility}`;
