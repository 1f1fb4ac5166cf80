import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FontKey } from './text.ts';

/**
 * The fonts of the case summary (@fontsource Noto Sans and Noto Sans Arabic, WOFF, which
 * pdfkit's fontkit reads), and the one trick Arabic needs to stay extractable.
 *
 * Noto Sans Arabic shapes Arabic by drawing each letter as a dotless skeleton plus a separate dot
 * glyph, so one glyph stands for several letters (the medial skeleton of ب ت ث ن ي) and the dots
 * stand for none. A PDF maps each glyph to one text, so the shaped glyphs cannot say which letter
 * they are. Arabic is therefore drawn twice at the same place:
 * - the visible, shaped text, its glyphs mapped to U+2060 WORD JOINER, an invisible format
 *   character that text extraction (pdf.js included) drops;
 * - an invisible copy (fill opacity 0) in the bold cut, unshaped (features off: one glyph per
 *   letter, with its true code point), which is what extraction, search and copy read.
 * The visible Arabic is therefore always the regular cut.
 */

const require = createRequire(import.meta.url);
const file = (pkg: string, name: string) =>
  require.resolve(`@fontsource/${pkg}/files/${name}.woff`);

const FILES: Record<string, string> = {
  'latin-400': file('noto-sans', 'noto-sans-latin-400-normal'),
  'latin-700': file('noto-sans', 'noto-sans-latin-700-normal'),
  'latinExt-400': file('noto-sans', 'noto-sans-latin-ext-400-normal'),
  'latinExt-700': file('noto-sans', 'noto-sans-latin-ext-700-normal'),
  'cyrillic-400': file('noto-sans', 'noto-sans-cyrillic-400-normal'),
  'cyrillic-700': file('noto-sans', 'noto-sans-cyrillic-700-normal'),
  'arabic-400': file('noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal'),
  'arabic-text': file('noto-sans-arabic', 'noto-sans-arabic-arabic-700-normal'),
};

/** Read once per process (about 300 KB in all); pdfkit parses them per document. */
let buffers: Map<string, Buffer> | null = null;

function fontBuffers(): Map<string, Buffer> {
  buffers ??= new Map(Object.entries(FILES).map(([name, path]) => [name, fs.readFileSync(path)]));
  return buffers;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, buffer] of fontBuffers()) doc.registerFont(name, buffer);
}

/** The visible font of a piece of text. */
export function fontName(key: FontKey, bold: boolean): string {
  if (key === 'arabic') return 'arabic-400';
  return `${key}-${bold ? 700 : 400}`;
}

export const ARABIC_TEXT_LAYER = 'arabic-text';

/**
 * fontkit features for the invisible Arabic copy: all off, so every letter is its own glyph.
 * pdfkit passes the object to fontkit unchanged (its type says array; fontkit takes both).
 */
export const UNSHAPED = {
  ccmp: false,
  locl: false,
  isol: false,
  init: false,
  medi: false,
  fina: false,
  rlig: false,
  liga: false,
  calt: false,
  clig: false,
  mark: false,
  mkmk: false,
  curs: false,
  kern: false,
} as unknown as PDFKit.Mixins.OpenTypeFeatures[];

const WORD_JOINER = 0x2060;

interface FontkitRun {
  glyphs: { codePoints: number[] }[];
}
interface FontkitFont {
  layout: (...args: unknown[]) => FontkitRun;
}
/** pdfkit's current font object, which holds the fontkit font (not part of pdfkit's types). */
interface WithCurrentFont {
  _font?: { font?: FontkitFont };
}

const silenced = new WeakSet<FontkitFont>();

/**
 * Selects a font; the first time the visible Arabic font is selected in a document, its glyphs
 * are mapped to WORD JOINER (see above). The fontkit font is this document's own instance.
 */
export function useFont(doc: PDFKit.PDFDocument, name: string): void {
  doc.font(name);
  if (name !== 'arabic-400') return;
  const font = (doc as unknown as WithCurrentFont)._font?.font;
  if (!font || typeof font.layout !== 'function')
    throw new Error('pdfkit no longer exposes its fontkit font: Arabic would not be extractable');
  if (silenced.has(font)) return;
  const layout = font.layout.bind(font);
  font.layout = (...args: unknown[]) => {
    const run = layout(...args);
    // fontkit caches its glyph objects and shapes from their code points: cover, never change.
    run.glyphs = run.glyphs.map(
      (glyph) =>
        Object.create(glyph, { codePoints: { value: [WORD_JOINER] } }) as FontkitRun['glyphs'][0],
    );
    return run;
  };
  silenced.add(font);
}
