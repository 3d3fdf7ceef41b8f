/**
 * Printable documents that leave the board (share packs, minutes): one frame for both, as HTML
 * and PDF, with the OFFICIAL-SENSITIVE marking and the case or meeting reference on every page.
 */
import PDFDocument from 'pdfkit';
import type { Happened } from '@mashboard/shared';

export const MARKING = 'OFFICIAL-SENSITIVE';

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "21/11/2026 09:10", "About 03/2024 …", or "Date not known". */
export function happenedText(h: Happened): string {
  if (h.precision === 'unknown' || !h.date) return 'Date not known';
  const [y, m, d] = h.date.split('-');
  return `${h.precision === 'approximate' ? 'About ' : ''}${d}/${m}/${y}${h.time ? ` ${h.time}` : ''}`;
}

/** A self-contained HTML document (served with its own CSP: it carries its own styles). */
export function htmlDocument(title: string, reference: string, exportId: string, body: string): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>
  body { font: 12pt/1.45 system-ui, sans-serif; color: #0b0c0c; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; }
  .marking { text-align: center; font-weight: 700; letter-spacing: .08em; border: 2px solid #0b0c0c; padding: .2rem; }
  h1 { font-size: 1.5rem; margin: 1rem 0 .25rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; border-bottom: 1px solid #b1b4b6; }
  h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 700; }
  .item { border-left: 4px solid #0b0c0c; padding: .2rem .8rem; margin: .8rem 0; break-inside: avoid; }
  .tags, .when { margin: 0; font-size: .9rem; } .basis { font-size: .95rem; }
  blockquote { margin: .4rem 0; font-size: 1.05rem; }
  footer { margin-top: 2rem; font-size: .85rem; color: #505a5f; }
  @page { size: A4; margin: 18mm 16mm; }
  @media print { body { margin: 0; } }
</style></head>
<body>
<p class="marking">${MARKING}</p>
${body}
<footer>${MARKING} · ${e(reference)} · export ${e(exportId)} · produced by Mashboard</footer>
</body></html>`;
}

export const HTML_DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Write a PDF with `write`, then stamp every page with the marking, reference and page number. */
export function pdfDocument(title: string, reference: string, exportId: string, write: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 60, bottom: 60, left: 56, right: 56 }, bufferPages: true, info: { Title: title, Author: 'Mashboard' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    write(doc);
    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      doc.font('Helvetica-Bold').fontSize(9).text(MARKING, 56, 28, { width: doc.page.width - 112, align: 'center', lineBreak: false });
      doc.font('Helvetica').fontSize(8).text(`${MARKING} · ${reference} · export ${exportId} · page ${p - range.start + 1} of ${range.count}`, 56, doc.page.height - 40, { width: doc.page.width - 112, align: 'center', lineBreak: false });
    }
    doc.end();
  });
}

/** "Label: value" with the label in bold. */
export function pdfLine(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
}
