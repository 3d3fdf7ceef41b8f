/**
 * The browser's print of the chronology is the document the PDF exports are: printed by Chromium
 * (page.pdf(), the print media and the page's own @page rules) and read back with pdftotext,
 * every line of a chronology over several pages comes back in full, with every name in Polish,
 * Romanian, Arabic, Urdu and Chinese; every page carries the marking at its head and the case
 * reference and "page n of m" at its foot, and holds body text (no page of furniture alone).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '@mashboard/shared';
import { expectResult, rest, signIn } from '../support/clients.ts';
import { factPayload, openCasePayload, voicePayload } from '../support/fixtures.ts';
import { bodyTextPerPage, pdfInfo, pdfText } from '../support/pdf.ts';
import { useBrowserWorld } from '../support/browser.ts';

const { world, openAs } = useBrowserWorld();

const CHILDREN = [
  { firstName: 'Łukasz', lastName: 'Wiśniewski' },
  { firstName: 'Ștefan', lastName: 'Țăranu' },
  { firstName: 'محمد', lastName: 'عبد الله' },
  { firstName: 'عمران', lastName: 'خان' },
  { firstName: '小明', lastName: '王' },
];
const NAMES = CHILDREN.map((c) => `${c.firstName} ${c.lastName}`);
/** Enough lines for several A4 pages. */
const LINES = Array.from({ length: 36 }, (_, i) => `[print line ${String(i + 1).padStart(2, '0')}] Officers visited the address and spoke with ${NAMES[i % NAMES.length]} about the weekend.`);
const WORDS = 'میں گھر نہیں جانا چاہتا';

let caseId = '';
let reference = '';

beforeAll(async () => {
  const base = world.current.baseUrl;
  const police = rest(base, await signIn(base, 'pc.evans'));
  caseId = expectResult(await police.command('case.open', openCasePayload({ children: CHILDREN.map((c, i) => ({ ...c, dateOfBirth: `201${i}-03-14` })) }))).caseId;
  for (const [i, text] of LINES.entries()) {
    expectResult(await police.command('contribution.add', factPayload(caseId, { text, happened: { precision: 'exact', date: `2025-10-${String((i % 28) + 1).padStart(2, '0')}`, time: '09:00' } })));
  }
  const view = (await police.get<CaseView>(`/api/cases/${caseId}`)).body;
  reference = view.summary.reference;
  expectResult(await police.command('voice.record', voicePayload(caseId, view.summary.children[3]!.id, { words: WORDS, howExpressed: 'interpreter', interpreterLanguage: 'Urdu' })));
}, 180_000);

/** pdftotext's text with its line breaks and column gaps as single spaces. */
const words = (text: string) => text.replace(/\s+/g, ' ');
/**
 * The characters alone, in order: pdftotext marks a right-to-left run with bidi controls and
 * moves the space beside it, so text is compared without spaces or controls.
 */
const letters = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
/** pdftotext sets a Chinese run apart from the Latin line it sits in (a block of its own). */
const setApart = (name: string) => /\p{Script=Han}/u.test(name);

/**
 * Every word of `line` comes back in order, each close after the one before: pdftotext reads a
 * table cell's wrapped lines with the neighbouring cells' text (the author, the date) between them.
 */
function comesBack(all: string, line: string): boolean {
  const [first, ...rest] = line.split(/\s+/).map(letters).filter(Boolean);
  for (let from = all.indexOf(first!); from >= 0; from = all.indexOf(first!, from + 1)) {
    let at = from + first!.length;
    const found = rest.every((word) => {
      const next = all.indexOf(word, at);
      if (next < 0 || next - at > 120) return false;
      at = next + word.length;
      return true;
    });
    if (found) return true;
  }
  return false;
}

describe("the chronology's print", () => {
  it('prints every line and name in full, framed as the PDF exports are, over several pages', async () => {
    const { page } = await openAs('pc.evans', { hash: `#/cases/${caseId}/chronology` });
    await page.getByRole('heading', { level: 1, name: /Chronology/ }).waitFor();
    await page.getByRole('row').filter({ hasText: '[print line 36]' }).waitFor();
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });

    const pages = Number((await pdfInfo(pdf)).Pages);
    expect(pages).toBeGreaterThan(1);
    const text = words(await pdfText(pdf));
    expect(text).toContain(`Case ${reference} Chronology`);
    const all = letters(text);
    for (const [i, line] of LINES.entries()) {
      const name = NAMES[i % NAMES.length]!;
      expect(comesBack(all, setApart(name) ? line.replace(name, '') : line), line).toBe(true);
    }
    for (const name of NAMES) {
      // Each name as written, at least once for every line naming it.
      const naming = LINES.filter((l) => l.includes(name)).length;
      expect(all.split(letters(name)).length - 1, name).toBeGreaterThanOrEqual(naming);
      expect(text, name).toContain(name);
    }
    expect(letters(text)).toContain(letters(WORDS));
    // Nothing of the screen's furniture: no filters, no buttons, no navigation.
    expect(text).not.toContain('Filter the chronology');
    expect(text).not.toContain('Print or save as PDF');

    for (let p = 1; p <= pages; p++) {
      const pageText = await pdfText(pdf, p);
      expect(pageText.trim().split('\n')[0], `page ${p}'s head`).toBe('OFFICIAL-SENSITIVE');
      expect(words(pageText), `page ${p}'s foot`).toContain(`OFFICIAL-SENSITIVE · Case ${reference} – chronology · page ${p} of ${pages}`);
    }
    for (const [i, body] of (await bodyTextPerPage(pdf, pages)).entries()) expect(body, `page ${i + 1}`).not.toBe('');
    // The column headings are repeated at the head of every page's table.
    for (let p = 2; p <= pages; p++) expect(comesBack(letters(await pdfText(pdf, p)), 'Date What Agency Entry'), `page ${p}`).toBe(true);
  });
});
