import { isLegalStatusCode, LEGAL_STATUS_CODES } from '../../api/types';
import type {
  HostProfile,
  HostProfileRequest,
  Interpretation,
  ReservationEffect,
  StatusMeaning,
} from '../../api/types';

// The host profile as the edit form holds it, and back to the request the API takes.

export interface ReservationDraft {
  key: number;
  article: string;
  effect: ReservationEffect;
  text: string;
}

export interface Draft {
  party1951: boolean;
  party1951Date: string;
  party1967: boolean;
  party1967Date: string;
  reservations: ReservationDraft[];
  statusMeaning: [code: string, meaning: StatusMeaning][];
  interpretation: Interpretation;
}

/** Standard codes first, in the registry's order, then national (x_…) codes. */
export function orderedMeanings(meaning: HostProfile['statusMeaning']): [string, StatusMeaning][] {
  const standard = LEGAL_STATUS_CODES.filter((code) => Object.hasOwn(meaning, code));
  const others = Object.keys(meaning)
    .filter((code) => !isLegalStatusCode(code))
    .sort();
  return [...standard, ...others].map((code) => [code, meaning[code]!]);
}

export function toDraft(profile: HostProfile, nextKey: () => number): Draft {
  return {
    party1951: profile.party1951,
    party1951Date: profile.party1951Date ?? '',
    party1967: profile.party1967,
    party1967Date: profile.party1967Date ?? '',
    reservations: profile.reservations.map((r) => ({ ...r, key: nextKey() })),
    statusMeaning: orderedMeanings(profile.statusMeaning),
    interpretation: { ...profile.interpretation },
  };
}

export function toRequest(d: Draft): HostProfileRequest {
  const body: HostProfileRequest = {
    party1951: d.party1951,
    party1967: d.party1967,
    reservations: d.reservations.map(({ article, effect, text }) => ({
      article: article.trim(),
      effect,
      text: text.trim(),
    })),
    statusMeaning: Object.fromEntries(d.statusMeaning),
    interpretation: d.interpretation,
  };
  if (d.party1951 && d.party1951Date) body.party1951Date = d.party1951Date;
  if (d.party1967 && d.party1967Date) body.party1967Date = d.party1967Date;
  return body;
}

export const NATIONAL_CODE = /^x_[a-z0-9_]{1,40}$/;
