/**
 * The frame of every printed page, whether it comes from a PDF export (server/src/documents.ts)
 * or from the browser's print of a screen (the chronology): A4, the OFFICIAL-SENSITIVE marking at
 * the head of every page, "OFFICIAL-SENSITIVE · <reference> · page n of m" at its foot, and the
 * Noto fonts per script. In CSS, the head and foot are @page margin boxes (Chromium 131+; other
 * browsers print without them).
 */

export const MARKING = 'OFFICIAL-SENSITIVE';

/** Noto per script (Latin, Arabic and Urdu, Chinese, Bengali, Devanagari), as the PDFs embed them. */
export const DOCUMENT_FONT_FAMILY = '"Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans CJK SC", "Noto Sans Bengali", "Noto Sans Devanagari", Arial, sans-serif';

/** The text of a printed page's foot, before its page number: "OFFICIAL-SENSITIVE · MASH-2026-00004 · ". */
export const pageFootText = (reference?: string) => `${MARKING} · ${reference ? `${reference} · ` : ''}`;

/** A CSS string literal (quotes and backslashes escaped, no line breaks). */
const cssString = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;

/** The @page rule: A4 with the PDF's margins, the marking at the head and the reference and "page n of m" at the foot of every page. */
export function printedPageCss(reference?: string): string {
  return `@page { size: A4; margin: 22mm 20mm;
    @top-center { content: "${MARKING}"; font: 700 9pt ${DOCUMENT_FONT_FAMILY}; color: #0b0c0c; }
    @bottom-center { content: ${cssString(pageFootText(reference))} "page " counter(page) " of " counter(pages); font: 8pt ${DOCUMENT_FONT_FAMILY}; color: #505a5f; } }`;
}
