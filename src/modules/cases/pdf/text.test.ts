import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fontFor,
  paragraphDirection,
  piecesOf,
  reversedNeutrals,
  visualOrder,
  type Direction,
} from './text.ts';

const shape = (text: string, dir: Direction = paragraphDirection(text)) =>
  piecesOf(text, dir).map((p) => `${p.text}|${p.font}|${p.dir}`);

describe('fonts and directions of the PDF text', () => {
  it('picks the font that has the character, and none for scripts we carry no font for', () => {
    expect(['A', 'ë', 'Ş', 'И', 'س', 'ی', '۱', '—'].map((c) => fontFor(c.codePointAt(0)!))).toEqual(
      ['latin', 'latin', 'latinExt', 'cyrillic', 'arabic', 'arabic', 'arabic', 'latin'],
    );
    expect(fontFor('ተ'.codePointAt(0)!)).toBeNull();
    expect(piecesOf('ተስ', 'ltr').map((p) => p.text)).toEqual(['\ufffd\ufffd']);
  });

  it('takes the paragraph direction from the first letter', () => {
    expect(paragraphDirection('2024 سمير حداد')).toBe('rtl');
    expect(paragraphDirection('Samir سمير')).toBe('ltr');
    expect(paragraphDirection('— 12 —')).toBe('ltr');
  });

  it('cuts text into pieces by font and direction; neutrals between Arabic read right to left', () => {
    expect(shape('Samir سمير حداد.')).toEqual([
      'Samir|latin|ltr',
      ' |latin|ltr',
      'سمير|arabic|rtl',
      ' |latin|rtl',
      'حداد|arabic|rtl',
      '.|latin|ltr',
    ]);
    expect(shape('کند. او')).toEqual([
      'کند|arabic|rtl',
      '.|latin|rtl',
      ' |latin|rtl',
      'او|arabic|rtl',
    ]);
    // Digits read left to right, in whichever font; a Persian ZWNJ stays inside its word.
    expect(shape('سال ۱۴۰۲ می‌خواهد')).toEqual([
      'سال|arabic|rtl',
      ' |latin|rtl',
      '۱۴۰۲|arabic|ltr',
      ' |latin|rtl',
      'می‌خواهد|arabic|rtl',
    ]);
    expect(shape('Şêrko  Bêkes')).toEqual([
      'Ş|latinExt|ltr',
      'êrko|latin|ltr',
      ' |latin|ltr',
      'Bêkes|latin|ltr',
    ]);
  });

  it('orders runs for the page as UAX #9 rule L2 does', () => {
    const runs = (spec: string) =>
      [...spec].map((c) => ({ c, dir: (c === c.toUpperCase() ? 'rtl' : 'ltr') as Direction }));
    const order = (spec: string, dir: Direction) =>
      visualOrder(runs(spec), dir)
        .map((r) => r.c)
        .join('');
    expect(order('abCDe', 'ltr')).toBe('abDCe');
    expect(order('ABcdE', 'rtl')).toBe('EcdBA');
    expect(order('abc', 'ltr')).toBe('abc');
    expect(order('ABC', 'rtl')).toBe('CBA');
  });

  it('keeps every run exactly once, whatever the mix', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Direction>('ltr', 'rtl'), { maxLength: 30 }),
        fc.constantFrom<Direction>('ltr', 'rtl'),
        (dirs, paragraph) => {
          const items = dirs.map((dir, i) => ({ i, dir }));
          const out = visualOrder(items, paragraph);
          expect(out.map((x) => x.i).sort((a, b) => a - b)).toEqual(items.map((x) => x.i));
          // Right-to-left runs next to each other come out reversed, left-to-right ones not.
          if (dirs.every((d) => d === paragraph))
            expect(out.map((x) => x.i)).toEqual(
              paragraph === 'ltr' ? items.map((x) => x.i) : items.map((x) => x.i).reverse(),
            );
        },
      ),
    );
  });

  it('reverses and mirrors punctuation drawn inside right-to-left text', () => {
    expect(reversedNeutrals('. (')).toBe(') .');
    expect(reversedNeutrals('«')).toBe('»');
  });
});
