/**
 * Transliteration of Arabic-script (and Cyrillic) names to readable Latin.
 * One stage of registry/names.ts (see docs/names.md).
 */

import { wawClass } from './keys.ts';
import { AR_RE, AR_VOWEL_LETTERS, CYR_RE, normaliseName } from './normalise.ts';

// ---------------------------------------------------------------------------------------------
// 2. Transliteration to Latin (readable; used for nameTokens and searchText)
// ---------------------------------------------------------------------------------------------

// prettier-ignore
const AR_LATIN = new Map(
  Object.entries({
    ب: 'b', پ: 'p', ت: 't', ث: 's', ج: 'j', چ: 'ch', ح: 'h', خ: 'kh', د: 'd', ذ: 'z', ر: 'r',
    ز: 'z', ژ: 'zh', س: 's', ش: 'sh', ص: 's', ض: 'z', ط: 't', ظ: 'z', غ: 'gh', ف: 'f', ق: 'q',
    ک: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n', ڤ: 'v', ڕ: 'r', ڵ: 'l', ۆ: 'o', ێ: 'e', ە: 'e',
    ے: 'e', ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n', ځ: 'z', څ: 's', ډ: 'd', ړ: 'r', ښ: 'sh', ږ: 'zh',
    ڼ: 'n',
  }),
);

// prettier-ignore
const CYR_LATIN = new Map(
  Object.entries({
    а: 'a', б: 'b', в: 'v', г: 'g', ғ: 'gh', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k',
    қ: 'q', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
    х: 'kh', ҳ: 'h', ц: 'ts', ч: 'ch', ҷ: 'j', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
    э: 'e', ю: 'yu', я: 'ya', і: 'i', є: 'ye', ґ: 'g', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj',
    ћ: 'c', џ: 'dzh', ѕ: 'dz', ә: 'e', ө: 'o', ү: 'u', ұ: 'u', ң: 'ng', һ: 'h',
  }),
);

const DOUBLE_VOWEL_RE = /([aiu])\1+/g;

export function arabicToLatin(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charAt(i);
    const prev = w.charAt(i - 1);
    const next = w.charAt(i + 1);
    if (c === 'ا') out += 'a';
    else if (c === 'ع') out += i > 0 && (next === '' || prev === 'ا' || next === 'ا') ? '' : 'a';
    else if (c === 'ی') out += i === 0 ? 'y' : 'i';
    else if (c === 'و') out += wawClass(w, i, i === 0, 0) === 'v' ? 'v' : 'u';
    else if (c === 'ه') out += hehToLatin(w, i);
    else out += AR_LATIN.get(c) ?? c;
  }
  return out.replace(DOUBLE_VOWEL_RE, '$1');
}

/** Final ه after a consonant is the vowel -eh (Fatemeh), after لل the h of Allah. */
function hehToLatin(w: string, i: number): string {
  const prev = w.charAt(i - 1);
  if (i + 1 < w.length || i === 0 || AR_VOWEL_LETTERS.has(prev)) return 'h';
  return prev === 'ل' && w.charAt(i - 2) === 'ل' ? 'ah' : 'eh';
}

function cyrillicToLatin(w: string): string {
  let out = '';
  for (const c of w) out += CYR_LATIN.get(c) ?? c;
  return out;
}

/** Latin approximation of a name: Arabic, Persian (and Cyrillic) letters mapped; vowels guessed. */
export function transliterate(s: string): string {
  const norm = normaliseName(s);
  return norm === '' ? '' : norm.split(' ').map(toLatin).join(' ');
}

export function toLatin(w: string): string {
  if (AR_RE.test(w)) return arabicToLatin(w);
  return CYR_RE.test(w) ? cyrillicToLatin(w) : w;
}
