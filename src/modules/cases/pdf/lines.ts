import { ARABIC_TEXT_LAYER, fontName, UNSHAPED, useFont } from './fonts.ts';
import {
  paragraphDirection,
  piecesOf,
  reversedNeutrals,
  visualOrder,
  type Direction,
  type FontKey,
  type Piece,
} from './text.ts';

/**
 * Lines of text on a pdfkit page: a paragraph is cut into pieces (text.ts), wrapped at spaces
 * (a word longer than the line is cut where it must), and each line drawn piece by piece at
 * positions in visual order — but written to the page in logical order, so that text
 * extraction reads it in reading order. pdfkit's own wrapping is not used: it knows one font
 * per call and no right-to-left lines.
 */

export interface Style {
  size: number;
  bold?: boolean;
  color?: string;
}

interface Seg extends Piece {
  width: number;
}

export interface Line {
  dir: Direction;
  segs: Seg[];
  width: number;
}

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

/** Height of one line: Arabic's marks reach higher and lower than Latin's. */
export const lineHeight = (style: Style) => style.size * 1.5;

function select(doc: PDFKit.PDFDocument, font: FontKey, style: Style) {
  useFont(doc, fontName(font, style.bold === true));
  doc.fontSize(style.size);
}

/**
 * What pdfkit is given for a segment. An Arabic-font segment is laid out as one run (fontkit
 * then reverses it into visual order); a left-to-right one in that font (Arabic-Indic digits)
 * is handed over reversed, so that fontkit's reversal restores it. Punctuation of another font
 * inside right-to-left text is reversed and mirrored here (fontkit does not reverse it).
 */
function drawnText(seg: Piece): string {
  if (seg.font === 'arabic')
    return seg.dir === 'ltr' && ARABIC_SCRIPT.test(seg.text)
      ? [...seg.text].reverse().join('')
      : seg.text;
  return seg.dir === 'rtl' ? reversedNeutrals(seg.text) : seg.text;
}

const runOptions = (seg: Piece): PDFKit.Mixins.TextOptions =>
  seg.font === 'arabic' ? { features: [] } : {};

function measure(doc: PDFKit.PDFDocument, seg: Piece, style: Style): number {
  if (seg.text === '') return 0;
  select(doc, seg.font, style);
  return doc.widthOfString(drawnText(seg), runOptions(seg));
}

/** How many code points of `seg` fit in `room` (at least one: a line never stays empty). */
function fitting(doc: PDFKit.PDFDocument, seg: Seg, room: number, style: Style): number {
  const chars = [...seg.text];
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const w = measure(doc, { ...seg, text: chars.slice(0, mid).join('') }, style);
    if (w <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Joins neighbouring pieces of one font and direction, so each is drawn once. */
function finish(doc: PDFKit.PDFDocument, parts: Seg[], dir: Direction, style: Style): Line {
  while (parts[0]?.space) parts.shift();
  while (parts.at(-1)?.space) parts.pop();
  const segs: Seg[] = [];
  for (const p of parts) {
    const last = segs.at(-1);
    if (last && last.dir === p.dir && !last.space && (last.font === p.font || p.space)) {
      last.text += p.text;
    } else if (last && last.space && last.dir === p.dir && !p.space) {
      last.text += p.text;
      last.font = p.font;
      last.space = false;
    } else {
      segs.push({ ...p });
    }
  }
  for (const s of segs) s.width = measure(doc, s, style);
  return { dir, segs, width: segs.reduce((sum, s) => sum + s.width, 0) };
}

/** The lines of one paragraph (no line breaks in `text`) within `width` points. */
export function layoutParagraph(
  doc: PDFKit.PDFDocument,
  text: string,
  style: Style,
  width: number,
): Line[] {
  const dir = paragraphDirection(text);
  const pieces: Seg[] = piecesOf(text, dir).map((p) => ({ ...p, width: measure(doc, p, style) }));
  const lines: Line[] = [];
  let current: Seg[] = [];
  let used = 0;
  const flush = () => {
    if (current.some((s) => !s.space)) lines.push(finish(doc, current, dir, style));
    current = [];
    used = 0;
  };
  for (let i = 0; i < pieces.length;) {
    // One word: the pieces up to the next space; then that space.
    let j = i;
    while (j < pieces.length && !pieces[j]!.space) j++;
    const word = pieces.slice(i, j);
    const space = pieces[j];
    const wordWidth = word.reduce((sum, p) => sum + p.width, 0);
    if (current.length > 0 && used + wordWidth > width) flush();
    if (wordWidth <= width - used) {
      current.push(...word);
      used += wordWidth;
    } else {
      for (const piece of word) {
        let rest: Seg = piece;
        while (rest.width > width - used) {
          const room = width - used;
          const chars = [...rest.text];
          const head = { ...rest, text: chars.slice(0, fitting(doc, rest, room, style)).join('') };
          const headWidth = measure(doc, head, style);
          if (headWidth > room && used > 0) {
            flush(); // not even one character fits after what the line holds
            continue;
          }
          current.push({ ...head, width: headWidth });
          flush();
          const tail = { ...rest, text: chars.slice([...head.text].length).join('') };
          rest = { ...tail, width: measure(doc, tail, style) };
        }
        if (rest.text) {
          current.push(rest);
          used += rest.width;
        }
      }
    }
    if (space && current.length > 0) {
      current.push(space);
      used += space.width;
    }
    i = j + 1;
  }
  flush();
  return lines;
}

/**
 * Draws a line whose top is `top`, within [x, x + width]: left-aligned when it reads left to
 * right, right-aligned otherwise (or as `align` says).
 */
export function drawLine(
  doc: PDFKit.PDFDocument,
  line: Line,
  x: number,
  width: number,
  top: number,
  style: Style,
  align: 'start' | 'center' | 'end' = 'start',
): void {
  const atRight = (align === 'start') === (line.dir === 'rtl');
  let pen =
    align === 'center' ? x + (width - line.width) / 2 : atRight ? x + width - line.width : x;
  const xs = new Map<Seg, number>();
  for (const seg of visualOrder(line.segs, line.dir)) {
    xs.set(seg, pen);
    pen += seg.width;
  }
  const baseline = top + style.size * 1.1;
  doc.fillColor(style.color ?? '#000000');
  for (const seg of line.segs) {
    if (seg.space) continue;
    const at = xs.get(seg)!;
    const text = drawnText(seg);
    select(doc, seg.font, style);
    doc.text(text, at, baseline, { lineBreak: false, baseline: 'alphabetic', ...runOptions(seg) });
    if (seg.font === 'arabic') {
      // The invisible, unshaped copy that text extraction reads (fonts.ts).
      useFont(doc, ARABIC_TEXT_LAYER);
      const plain = doc.widthOfString(text, { features: UNSHAPED });
      const options: PDFKit.Mixins.TextOptions & { horizontalScaling?: number } = {
        lineBreak: false,
        baseline: 'alphabetic',
        features: UNSHAPED,
        horizontalScaling: plain > 0 ? (100 * seg.width) / plain : 100,
      };
      doc.save();
      doc.fillOpacity(0);
      doc.text(text, at, baseline, options);
      doc.restore();
    }
  }
}
