/**
 * Reading a PDF back as its readers do: its text and pages with poppler (pdftotext, pdfinfo, from
 * Debian's poppler-utils), and its tagging (structure tree, language, title) with pdf-lib.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';

const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'mash-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    await writeFile(path, pdf);
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text pdftotext extracts, of the whole document or one page (1-based). */
export function pdfText(pdf: Buffer, page?: number): Promise<string> {
  return withFile(pdf, async (path) => (await run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', path, '-'])).stdout);
}

/** Each page's text without the page furniture (marking, reference and page number): empty for a page of footer alone. */
export async function bodyTextPerPage(pdf: Buffer, pages: number): Promise<string[]> {
  const out: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const text = await pdfText(pdf, p);
    out.push(
      text
        .split('\n')
        .filter((line) => line.trim() && line.trim() !== 'OFFICIAL-SENSITIVE' && !/page \d+ of \d+/.test(line))
        .join('\n'),
    );
  }
  return out;
}

/** pdfinfo's fields ("Pages", "Tagged", "Title" …). */
export function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withFile(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', path]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
    );
  });
}

export interface PdfTagging {
  marked: boolean;
  language?: string;
  title?: string;
  displaysTitle: boolean;
  /** Structure element types in reading order (depth first): "H1", "P", "Table", "TH" … */
  structure: string[];
}

const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/** What an accessibility checker looks at first: is the file tagged, in what language, with what title and structure. */
export async function pdfTagging(pdf: Buffer): Promise<PdfTagging> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const catalog = doc.catalog;
  const resolve = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const markInfo = resolve(catalog.get(PDFName.of('MarkInfo')));
  const prefs = resolve(catalog.get(PDFName.of('ViewerPreferences')));
  const structure: string[] = [];
  const walk = (node: PDFObject | undefined): void => {
    const o = resolve(node);
    if (o instanceof PDFArray) for (let i = 0; i < o.size(); i++) walk(o.get(i));
    else if (o instanceof PDFDict) {
      const type = o.get(PDFName.of('S'));
      if (type instanceof PDFName) structure.push(type.decodeText());
      walk(o.get(PDFName.of('K')));
    }
  };
  const root = resolve(catalog.get(PDFName.of('StructTreeRoot')));
  if (root instanceof PDFDict) walk(root.get(PDFName.of('K')));
  return {
    marked: markInfo instanceof PDFDict && markInfo.get(PDFName.of('Marked')) === PDFBool.True,
    language: text(resolve(catalog.get(PDFName.of('Lang')))),
    title: doc.getTitle(),
    displaysTitle: prefs instanceof PDFDict && prefs.get(PDFName.of('DisplayDocTitle')) === PDFBool.True,
    structure,
  };
}
