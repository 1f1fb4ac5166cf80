import { setImmediate } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import { LABELS } from './labels.ts';
import { drawLine, layoutParagraph, lineHeight, type Style } from './lines.ts';

/** A4 in points, and the margins the content stays within. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 50, right: 50, top: 64, bottom: 76 };
const LABEL_WIDTH = 140;

export interface Decoration {
  /** A small line at the top of every page. */
  header: string;
  /** The footer of every page: who downloaded it, when, under which request. */
  watermark: string;
  /** Drawn large and faint across every page. */
  diagonal: string;
}

const BODY: Style = { size: 10 };
const LABEL: Style = { size: 9, bold: true, color: '#4a4a4a' };
const HEADING: Style = { size: 13, bold: true, color: '#1a3d6d' };
const ITEM_HEAD: Style = { size: 9, bold: true, color: '#333333' };

/**
 * The page flow of the summary over pdfkit: a cursor that moves down the page and onto a new
 * one when a line does not fit, the watermark on every page as it is added (pages are not kept
 * in memory: pdfkit writes each page out when the next begins), and backpressure towards the
 * response, so a case with thousands of notes streams without piling up in memory.
 */
export class PdfWriter {
  y = MARGIN.top;
  private pages = 0;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly out: Writable,
    private readonly decoration: Decoration,
  ) {
    doc.on('pageAdded', () => this.decorate());
  }

  readonly left = MARGIN.left;
  readonly width = PAGE.width - MARGIN.left - MARGIN.right;

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
  }

  /** A new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > PAGE.height - MARGIN.bottom) this.newPage();
  }

  gap(points: number): void {
    this.y += points;
  }

  /** Wrapped text within [x, x + width]; each line break starts a paragraph. */
  text(text: string, style: Style = BODY, x = this.left, width = this.width): void {
    const height = lineHeight(style);
    for (const paragraph of text.split(/\r?\n/)) {
      const lines = layoutParagraph(this.doc, paragraph, style, width);
      if (lines.length === 0) this.y += height / 2;
      for (const line of lines) {
        this.ensure(height);
        drawLine(this.doc, line, x, width, this.y, style);
        this.y += height;
      }
    }
  }

  heading(text: string): void {
    this.ensure(lineHeight(HEADING) + 3 * lineHeight(BODY));
    this.gap(10);
    this.text(text, HEADING);
    this.doc
      .save()
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.5)
      .strokeColor('#1a3d6d')
      .stroke()
      .restore();
    this.gap(5);
  }

  /** A label in the left column and its value (one line per entry) beside it. */
  field(label: string, value: string | string[]): void {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
    this.ensure(lineHeight(BODY));
    const top = this.y;
    for (const line of layoutParagraph(this.doc, label, LABEL, LABEL_WIDTH - 10).slice(0, 1))
      drawLine(this.doc, line, this.left, LABEL_WIDTH - 10, top + 1, LABEL);
    const x = this.left + LABEL_WIDTH;
    for (const v of values.length ? values : ['—']) this.text(v, BODY, x, this.width - LABEL_WIDTH);
    this.gap(2);
  }

  /** An entry of a list: a heading line, then its text indented. */
  item(head: string, body: string[] = []): void {
    this.ensure(lineHeight(ITEM_HEAD) + lineHeight(BODY));
    this.gap(3);
    this.text(head, ITEM_HEAD);
    for (const b of body.filter((t) => t !== ''))
      this.text(b, BODY, this.left + 12, this.width - 12);
  }

  /**
   * Lets the document's bytes reach the response, and waits while the response has more than
   * it can take. False once the response is gone (the client left): stop writing then.
   */
  async breathe(): Promise<boolean> {
    if (this.doc.readableLength > 0) await setImmediate();
    if (this.out.destroyed) return false;
    if (!this.out.writableNeedDrain) return true;
    return new Promise<boolean>((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve(!this.out.destroyed);
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }

  /** The header, the diagonal mark and the footer watermark of a new page. */
  private decorate(): void {
    const { doc } = this;
    this.pages++;
    const diagonal: Style = { size: 26, bold: true, color: '#9a9a9a' };
    const span = 760;
    doc.save();
    doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc.fillOpacity(0.18);
    const lines = layoutParagraph(doc, this.decoration.diagonal, diagonal, span);
    let top = PAGE.height / 2 - (lines.length * lineHeight(diagonal)) / 2;
    for (const line of lines) {
      drawLine(doc, line, PAGE.width / 2 - span / 2, span, top, diagonal, 'center');
      top += lineHeight(diagonal);
    }
    doc.restore();

    const small: Style = { size: 7.5, color: '#666666' };
    const header = layoutParagraph(doc, this.decoration.header, small, this.width - 80);
    for (const line of header.slice(0, 1))
      drawLine(doc, line, this.left, this.width - 80, 28, small);
    for (const line of layoutParagraph(doc, `${LABELS.page} ${this.pages}`, small, 80))
      drawLine(doc, line, this.left + this.width - 80, 80, 28, small, 'end');

    const footer: Style = { size: 7.5, bold: true, color: '#8b0000' };
    let y = PAGE.height - 62;
    for (const line of layoutParagraph(doc, this.decoration.watermark, footer, this.width)) {
      drawLine(doc, line, this.left, this.width, y, footer);
      y += lineHeight(footer);
    }
    this.y = MARGIN.top;
  }
}
