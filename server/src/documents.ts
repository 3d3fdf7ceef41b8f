/**
 * Printable documents that leave the board (share packs, minutes): one frame for both, as HTML
 * and PDF, with the OFFICIAL-SENSITIVE marking and the case or meeting reference on every page.
 *
 * PDFs are tagged (PDF/UA's structure: headings, paragraphs, lists and tables in reading order,
 * the document's language and title), set in Unicode fonts chosen per script (`document-fonts.ts`),
 * and the marking, reference and page numbers are page furniture (artifacts) that a screen reader
 * skips and that never starts a page of its own.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { DOCUMENT_FONT_FAMILY, MARKING, pageFootText, printedPageCss } from '@mashboard/shared';
import { readsRightToLeft, textRuns, useRunFont, type FontWeight } from './document-fonts.ts';

export { MARKING };
/** Every document is written in British English; names and words in other languages keep their own scripts. */
export const DOCUMENT_LANGUAGE = 'en-GB';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The printable page's stylesheet: the PDF's layout (the printed page's frame from shared/, Noto
 * fonts per script, headings, tables, quoted words with a rule). It is the same for every document, so its hash is allowed by the application's CSP
 * (`DOCUMENT_STYLE_SOURCE`): a page opened from the board (a blob: URL inherits the board's CSP)
 * is styled too.
 */
export const DOCUMENT_STYLES = `
  ${printedPageCss()}
  body { font: 11pt/1.45 ${DOCUMENT_FONT_FAMILY}; color: #0b0c0c; margin: 2rem auto; max-width: 46rem; padding: 0 1rem; }
  .marking { text-align: center; font-weight: 700; font-size: 9pt; letter-spacing: .08em; margin: 0 0 1rem; }
  h1 { font-size: 18pt; margin: 0 0 .6rem; line-height: 1.2; }
  h2 { font-size: 14pt; margin: 1.4rem 0 .4rem; break-after: avoid; }
  h3 { font-size: 11.5pt; margin: 1rem 0 .2rem; break-after: avoid; }
  p { margin: 0 0 .45rem; }
  .small { font-size: 9pt; color: #505a5f; }
  .note { font-style: italic; }
  table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; break-inside: auto; }
  th, td { text-align: start; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid #b1b4b6; }
  th { border-bottom: 2px solid #0b0c0c; }
  tr { break-inside: avoid; }
  blockquote { margin: .3rem 0 .6rem; padding: .1rem 0 .1rem .8rem; border-inline-start: 4px solid #b1b4b6; font-size: 12pt; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .8rem; } dt { font-weight: 700; } dd { margin: 0; }
  h4 { font-size: 11pt; margin: .6rem 0 .2rem; }
  ul { margin: 0 0 .6rem; padding-inline-start: 1.4rem; }
  li { margin-bottom: .2rem; }
  .item { break-inside: avoid; }
  footer { margin-top: 2rem; font-size: 8pt; color: #505a5f; border-top: 1px solid #b1b4b6; padding-top: .4rem; }
  @media print { body { margin: 0; max-width: none; padding: 0; } .marking { display: none; } }
`;

/** The CSP source that lets the document stylesheet apply wherever the page is opened. */
export const DOCUMENT_STYLE_SOURCE = `'sha256-${createHash('sha256').update(DOCUMENT_STYLES).digest('base64')}'`;

/** A self-contained HTML document, laid out as the PDF (served with its own CSP: it carries its own styles). */
export function htmlDocument(title: string, reference: string, exportId: string, body: string): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${DOCUMENT_LANGUAGE}"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>${DOCUMENT_STYLES}</style></head>
<body>
<p class="marking">${MARKING}</p>
<main>
${body}
</main>
<footer>${MARKING} · ${e(reference)} · export ${e(exportId)} · produced by Mashboard</footer>
</body></html>`;
}

/** Text someone recorded, in any script and direction: its own paragraph direction, never the page's. */
export const userText = (text: string) => `<bdi>${escapeHtml(text)}</bdi>`;

export const HTML_DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A stretch of a paragraph in one weight: `[{text: 'Purpose: ', weight: 'bold'}, {text: purpose}]`. */
export interface Segment {
  text: string;
  weight?: FontWeight;
}

const SIZES = { body: 10.5, small: 9, h1: 18, h2: 14, h3: 11.5 } as const;
const GREY = '#505a5f';
const MARGIN = { top: 64, bottom: 64, left: 56, right: 56 };

type TableHeaderCellOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' | 'Row' };

/**
 * Writes a tagged PDF: every call adds one structure element (in reading order) and the text it
 * holds, in the fonts its scripts need.
 */
export class PdfWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  private get left() {
    return this.doc.page.margins.left;
  }
  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Write segments as one flowing paragraph at the current position (or at `at`), inside the open marked content. */
  private runs(segments: Segment[], size: number, options: { at?: { x: number; y: number }; width?: number; color?: string; alignLeft?: boolean } = {}): void {
    const { doc } = this;
    const runs = segments.filter((s) => s.text).flatMap((s) => textRuns(s.text, s.weight ?? 'regular'));
    if (runs.length === 0) return;
    // Text wholly right to left is set flush right (pdfkit aligns one run at a time, so only a single run).
    const flushRight = !options.alignLeft && runs.length === 1 && readsRightToLeft(runs[0]!.text);
    const textOptions: PDFKit.Mixins.TextOptions = { width: options.width ?? this.width, align: flushRight ? 'right' : 'left', lineGap: 1.5 };
    doc.fontSize(size).fillColor(options.color ?? '#0b0c0c');
    runs.forEach((run, i) => {
      useRunFont(doc, run.font);
      const continued = i < runs.length - 1;
      // pdfkit lays text out word by word unless features are named; a right-to-left run must be shaped whole, or its words lose their spaces.
      const runOptions = { ...textOptions, continued, ...(run.rightToLeft ? { features: [] } : {}) };
      if (i === 0 && options.at) doc.text(run.shown, options.at.x, options.at.y, runOptions);
      else doc.text(run.shown, runOptions);
    });
    doc.fillColor('#0b0c0c');
  }

  /** A structure element holding a paragraph of segments, added to `parent` or to the document. */
  private block(type: string, segments: Segment[], size: number, parent?: PDFKit.PDFStructureElement, color?: string): void {
    const element = this.doc.struct(type);
    if (parent) parent.add(element);
    else this.doc.addStructure(element);
    element.add(() => this.runs(segments, size, { color }));
    element.end();
  }

  heading(level: 1 | 2 | 3, text: string): this {
    const size = level === 1 ? SIZES.h1 : level === 2 ? SIZES.h2 : SIZES.h3;
    this.keepWithNext(size * 4);
    this.doc.moveDown(level === 1 ? 0 : 0.6);
    this.block(`H${level}`, [{ text, weight: 'bold' }], size);
    this.doc.moveDown(0.2);
    return this;
  }

  paragraph(content: string | Segment[], options: { small?: boolean; italic?: boolean } = {}): this {
    const segments = typeof content === 'string' ? [{ text: content, weight: options.italic ? ('italic' as const) : ('regular' as const) }] : content;
    this.block('P', segments, options.small ? SIZES.small : SIZES.body, undefined, options.small ? GREY : undefined);
    this.doc.moveDown(0.3);
    return this;
  }

  /** Someone's own words, verbatim: set apart with a rule, not wrapped in quotation marks (which would read the wrong way round in right-to-left text). */
  quote(words: string): this {
    const { doc } = this;
    const top = doc.y;
    const indent = 12;
    const element = doc.struct('BlockQuote');
    doc.addStructure(element);
    element.add(() => this.runs([{ text: words }], SIZES.body + 1, { at: { x: this.left + indent, y: top }, width: this.width - indent }));
    element.end();
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .save()
      .lineWidth(3)
      .strokeColor('#b1b4b6')
      .moveTo(this.left + 2, top)
      .lineTo(this.left + 2, doc.y)
      .stroke()
      .restore();
    doc.endMarkedContent();
    doc.x = this.left;
    doc.moveDown(0.3);
    return this;
  }

  /** "Label: value" with the label in bold. */
  line(label: string, value: string): this {
    return this.paragraph([{ text: `${label}: `, weight: 'bold' }, { text: value }]);
  }

  /** A bulleted list (L › LI › Lbl + LBody); "None recorded." when empty. */
  list(items: (string | Segment[])[], empty = 'None recorded.'): this {
    const { doc } = this;
    if (items.length === 0) return this.paragraph(empty);
    const list = doc.struct('L');
    doc.addStructure(list);
    const indent = 14;
    for (const content of items) {
      const segments = typeof content === 'string' ? [{ text: content }] : content;
      this.keepWithNext(SIZES.body * 2.5);
      const item = doc.struct('LI');
      list.add(item);
      const y = doc.y;
      const label = doc.struct('Lbl');
      item.add(label);
      label.add(() => {
        useRunFont(doc, textRuns('•')[0]!.font);
        doc.fontSize(SIZES.body).text('•', this.left + 3, y, { lineBreak: false });
      });
      label.end();
      const body = doc.struct('LBody');
      item.add(body);
      body.add(() => this.runs(segments, SIZES.body, { at: { x: this.left + indent, y }, width: this.width - indent }));
      body.end();
      item.end();
      doc.x = this.left;
      doc.moveDown(0.25);
    }
    list.end();
    return this;
  }

  /** A table with a header row (TH, scope Column) and body rows (TD); columns share the width by `weights`. */
  table(headers: string[], rows: string[][], weights: number[] = headers.map(() => 1)): this {
    const { doc } = this;
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (this.width * w) / total);
    const pad = 4;
    const table = doc.struct('Table');
    doc.addStructure(table);
    const row = (cells: string[], header: boolean) => {
      doc.fontSize(SIZES.body);
      useRunFont(doc, textRuns('x', header ? 'bold' : 'regular')[0]!.font);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
      this.keepWithNext(height + 4);
      const top = doc.y;
      const tr = doc.struct('TR');
      table.add(tr);
      let x = this.left;
      let bottom = top;
      cells.forEach((text, i) => {
        const options: TableHeaderCellOptions = header ? { scope: 'Column' } : {};
        const cell = doc.struct(header ? 'TH' : 'TD', options);
        tr.add(cell);
        cell.add(() => this.runs([{ text: text || ' ', weight: header ? 'bold' : 'regular' }], SIZES.body, { at: { x: x + pad, y: top + pad }, width: widths[i]! - 2 * pad, alignLeft: true }));
        cell.end();
        bottom = Math.max(bottom, doc.y + pad);
        x += widths[i]!;
      });
      tr.end();
      doc.markContent('Artifact', { type: 'Layout' });
      doc
        .save()
        .lineWidth(header ? 1 : 0.5)
        .strokeColor(header ? '#0b0c0c' : '#b1b4b6')
        .moveTo(this.left, bottom)
        .lineTo(this.left + this.width, bottom)
        .stroke()
        .restore();
      doc.endMarkedContent();
      doc.x = this.left;
      doc.y = bottom + 2;
    };
    row(headers, true);
    for (const cells of rows) row(cells, false);
    table.end();
    doc.moveDown(0.5);
    return this;
  }

  space(lines = 0.6): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** Start a new page when less than `height` is left, so a heading or a list item is never stranded at a page's foot. */
  private keepWithNext(height: number): void {
    const { doc } = this;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  }
}

/**
 * Write a tagged PDF with `write`, then stamp every page with the marking, reference and page
 * number as artifacts. The footer sits in the bottom margin, so it never makes a page of its own.
 */
export function pdfDocument(title: string, reference: string, exportId: string, write: (pdf: PdfWriter) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      tagged: true,
      lang: DOCUMENT_LANGUAGE,
      displayTitle: true,
      pdfVersion: '1.7',
      info: { Title: title, Author: 'Mashboard', Subject: `${MARKING}: ${reference}` },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      write(new PdfWriter(doc));
      const range = doc.bufferedPageRange();
      for (let p = range.start; p < range.start + range.count; p++) {
        doc.switchToPage(p);
        const width = doc.page.width - MARGIN.left - MARGIN.right;
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
        doc.markContent('Artifact', { type: 'Pagination' });
        useRunFont(doc, textRuns(MARKING, 'bold')[0]!.font);
        doc.fontSize(9).fillColor('#0b0c0c').text(MARKING, MARGIN.left, 30, { width, align: 'center', lineBreak: false });
        const footer = `${pageFootText(`${reference} · export ${exportId}`)}page ${p - range.start + 1} of ${range.count}`;
        doc.fontSize(8).fillColor(GREY);
        const runs = textRuns(footer);
        runs.forEach((run, i) => {
          useRunFont(doc, run.font);
          if (i === 0) doc.text(run.shown, MARGIN.left, doc.page.height - 40, { width, align: 'center', lineBreak: false, continued: i < runs.length - 1 });
          else doc.text(run.shown, { width, align: 'center', lineBreak: false, continued: i < runs.length - 1 });
        });
        doc.endMarkedContent();
        doc.page.margins.bottom = bottom;
      }
      doc.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
