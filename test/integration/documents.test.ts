/**
 * Documents that leave the building: a share pack and signed minutes about children whose names
 * are in Polish, Romanian, Arabic, Urdu and Chinese come out of the PDF exactly as recorded (read
 * back with poppler's pdftotext), every page holds body text (no page of footer alone), and the
 * PDF is tagged with a structure tree, a title and a language.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, MeetingResult } from '@mashboard/shared';
import { expectResult, rest, signIn, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, startWorld, voicePayload, type World } from '../support/fixtures.ts';
import { bodyTextPerPage, pdfInfo, pdfTagging, pdfText } from '../support/pdf.ts';
import { launchBrowser } from '../support/chromium.ts';

const CHILDREN = [
  { firstName: 'Łukasz', lastName: 'Wiśniewski', language: 'Polish' },
  { firstName: 'Ștefan', lastName: 'Țăranu', language: 'Romanian' },
  { firstName: 'محمد', lastName: 'عبد الله', language: 'Arabic' },
  { firstName: 'عمران', lastName: 'خان', language: 'Urdu' },
  { firstName: '小明', lastName: '王', language: 'Chinese' },
];
const NAMES = CHILDREN.map((c) => `${c.firstName} ${c.lastName}`);
/** The child's own words, verbatim, in Urdu. */
const WORDS_URDU = 'میں گھر نہیں جانا چاہتا';
const WORDS_CHINESE = '我不想回家。';
const ATTENDEE = 'Wiktoria Łukasiewicz';

async function post(world: World, session: Session, path: string, body: unknown): Promise<Response> {
  return fetch(`${world.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: world.baseUrl },
    body: JSON.stringify(body),
  });
}

describe('documents in every script', () => {
  let world: World;
  let police: Session;
  let chair: Session;
  let caseId: string;
  let contributionId: string;
  let meetingId = '';

  beforeAll(async () => {
    world = await startWorld();
    [police, chair] = await Promise.all([signIn(world.baseUrl, 'pc.evans'), signIn(world.baseUrl, 'lead.hughes')]);
    const api = rest(world.baseUrl, police);
    caseId = expectResult(await api.command('case.open', openCasePayload({ children: CHILDREN.map(({ firstName, lastName }, i) => ({ firstName, lastName, dateOfBirth: `201${i}-03-14` })) }))).caseId;
    contributionId = expectResult(
      await api.command('contribution.add', factPayload(caseId, { text: `Officers spoke with the father, ${NAMES[2]}, and the lodger ${NAMES[4]}; the neighbour ${NAMES[0]} called police.` })),
    ).entryId!;
    const view = (await api.get<CaseView>(`/api/cases/${caseId}`)).body;
    expectResult(await api.command('voice.record', voicePayload(caseId, view.summary.children[3]!.id, { words: WORDS_URDU, howExpressed: 'interpreter', interpreterLanguage: 'Urdu' })));
    expectResult(await api.command('voice.record', voicePayload(caseId, view.summary.children[4]!.id, { words: WORDS_CHINESE, howExpressed: 'interpreter', interpreterLanguage: 'Mandarin' })));
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('a one-page share pack: every name and the child’s words come back exactly, on one page, tagged', async () => {
    const api = rest(world.baseUrl, police);
    const decided = expectResult(
      await api.command('sharing.decide', {
        commandId: newCommandId(),
        caseId,
        direction: 'outgoing',
        purpose: 'The school nurse needs to know of the injuries to monitor the children',
        hasClearPurpose: true,
        consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
        identifiesPerson: true,
        lawfulBases: ['uk-gdpr-6-1-e'],
        decision: 'share',
        reasons: 'The children may be at risk of significant harm',
        selection: { contributionIds: [contributionId], includeChildVoice: true },
        recipient: { organisation: 'Larch Primary School', role: 'School nurse' },
        channel: 'secure-email',
        familyTold: { told: false, why: 'Telling the family now could put the children at risk' },
      }),
    );
    const res = await post(world, police, `/api/cases/${caseId}/sharing-decisions/${decided.entryId}/exports`, { format: 'pdf' });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());

    const text = await pdfText(pdf);
    for (const [i, name] of NAMES.entries()) expect(text, `${CHILDREN[i]!.language}: ${name}`).toContain(name);
    expect(text).toContain(WORDS_URDU);
    expect(text).toContain(WORDS_CHINESE);

    const info = await pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect((await bodyTextPerPage(pdf, 1))[0]).toContain('Information shared');
    expect(info.Tagged).toBe('yes');

    // The printable page: the same names, laid out by a stylesheet the board's CSP allows (opened from the board, it inherits that CSP).
    const html = await (await post(world, police, `/api/cases/${caseId}/sharing-decisions/${decided.entryId}/exports`, { format: 'html' })).text();
    for (const name of NAMES) expect(html).toContain(name);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const boardPolicy = (await fetch(`${world.baseUrl}/`)).headers.get('content-security-policy')!;
    const styleSrc = boardPolicy
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('style-src'))!;
    expect(styleSrc.split(' ')).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);

    const tagging = await pdfTagging(pdf);
    expect(tagging).toMatchObject({ marked: true, language: 'en-GB', displaysTitle: true });
    expect(tagging.title).toMatch(/^MASH-\d{4}-\d{5} – information shared$/);
    expect(tagging.structure[0]).toBe('H1');
    expect(tagging.structure).toEqual(expect.arrayContaining(['H2', 'P', 'Table', 'TH', 'TD']));
  });

  it('minutes over more than one page: every page has body text, every name comes back, tagged with headings, lists and the attendance table', async () => {
    const api = rest(world.baseUrl, police);
    // Enough recorded information to fill more than a page.
    for (let i = 0; i < 14; i++) {
      expectResult(
        await api.command(
          'contribution.add',
          factPayload(caseId, {
            text: `Record ${i + 1}: ${NAMES[i % NAMES.length]} was seen at the address by an officer on a welfare check; the officer noted the state of the home, who was present, what the children said and what was done next, and made a referral to children's social care the same day.`,
          }),
        ),
      );
    }
    const meeting = async (path: string, body: Record<string, unknown> = {}) => {
      const res = await post(world, chair, path, { commandId: newCommandId(), ...body });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
      return (await res.json()) as MeetingResult;
    };
    ({ meetingId } = await meeting('/api/meetings', { kind: 'triage', title: 'Morning triage', scheduledFor: new Date().toISOString(), agenda: [caseId] }));
    await meeting(`/api/meetings/${meetingId}/attendance`, { agency: 'police', name: ATTENDEE, status: 'present' });
    await meeting(`/api/meetings/${meetingId}/start`);
    await meeting(`/api/meetings/${meetingId}/end`);
    await meeting(`/api/meetings/${meetingId}/minutes/sign`);

    const res = await post(world, police, `/api/meetings/${meetingId}/minutes/exports`, { format: 'pdf' });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const info = await pdfInfo(pdf);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThan(1);
    const bodies = await bodyTextPerPage(pdf, pages);
    bodies.forEach((body, i) => expect(body.length, `page ${i + 1} of ${pages} has body text`).toBeGreaterThan(100));

    const text = await pdfText(pdf);
    for (const name of [...NAMES, ATTENDEE, WORDS_URDU, WORDS_CHINESE]) expect(text).toContain(name);
    expect(text).toContain(`page ${pages} of ${pages}`);

    const tagging = await pdfTagging(pdf);
    expect(tagging).toMatchObject({ marked: true, language: 'en-GB', title: 'Minutes: MASH triage meeting, Morning triage' });
    expect(tagging.structure).toEqual(expect.arrayContaining(['H1', 'H2', 'H3', 'L', 'LI', 'LBody', 'Table', 'TR', 'TH', 'TD']));
  });

  it("the minutes' printable page, printed by Chromium, is the same document as the minutes PDF", async () => {
    expect(meetingId, 'the minutes of the test before').not.toBe('');
    const exported = async (format: 'pdf' | 'html') => Buffer.from(await (await post(world, police, `/api/meetings/${meetingId}/minutes/exports`, { format })).arrayBuffer());
    const browser = await launchBrowser();
    let printed: Buffer;
    try {
      const page = await browser.newPage();
      await page.setContent((await exported('html')).toString('utf8'));
      printed = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }
    // The words of each, without the page furniture (marking, reference, export id, page numbers) and
    // without the punctuation at their ends: a decision's labels are a definition list on the page and
    // "Label:" lines in the PDF, list bullets are drawn in the PDF, and where a right-to-left run meets
    // Latin text the two renderers' bidi layouts put the spaces and quotation marks differently.
    const words = async (pdf: Buffer) =>
      (await pdfText(pdf))
        .split('\n')
        .filter((line) => !line.includes('OFFICIAL-SENSITIVE'))
        .join(' ')
        .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
        .replace(/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+/g, ' $& ')
        .split(/\s+/)
        .map((word) => word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
        .filter(Boolean)
        .sort();
    expect(await words(printed)).toEqual(await words(await exported('pdf')));
    // Framed alike: the marking at the head and "page n of m" at the foot of every printed page.
    const pages = Number((await pdfInfo(printed)).Pages);
    for (let p = 1; p <= pages; p++) expect(await pdfText(printed, p), `printed page ${p}`).toMatch(new RegExp(`^OFFICIAL-SENSITIVE[\\s\\S]*page ${p} of ${pages}`));
  });
});
