/**
 * The auditor's questions, answered without internal ids: a case found by its reference or by the
 * child's name and date of birth; who saw it, when, through what and what they did (as JSON, and
 * as CSV and PDF documents read back and compared); one person's access over a period, as JSON
 * and as CSV and tagged PDF documents read back and compared. Refusals
 * name the field and change nothing; only auditors may ask; every question is itself audited,
 * with the kinds of terms only (never a child's name).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { AccessReport, AuditCaseMatch, AuditRecord, CaseAuditRecord } from '@mashboard/shared';
import { expectResult, rest, signIn, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, startWorld, type World } from '../support/fixtures.ts';
import { bodyTextPerPage, pdfInfo, pdfTagging, pdfText } from '../support/pdf.ts';

const CHILD = { firstName: 'Łukasz', lastName: 'Wiśniewski', dateOfBirth: '2015-06-30' };
type ErrorBody = { error: { code: string; message: string; issues: { path: string; message: string }[] } };

describe("the auditor's questions", () => {
  let world: World;
  let auditor: Rest;
  let auditorSession: Session;
  let police: Rest;
  let health: Rest;
  let reference: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    world = await startWorld();
    auditorSession = await signIn(world.baseUrl, 'audit.demo');
    auditor = rest(world.baseUrl, auditorSession);
    police = rest(world.baseUrl, await signIn(world.baseUrl, 'pc.evans'));
    health = rest(world.baseUrl, await signIn(world.baseUrl, 'hv.patel'));
    const opened = expectResult(await police.command('case.open', openCasePayload({ children: [CHILD] })));
    reference = (await police.view(opened.caseId)).summary.reference;
    const entryId = expectResult(await police.command('contribution.add', factPayload(opened.caseId))).entryId!;
    await health.view(opened.caseId);
    const decision = expectResult(
      await police.command('sharing.decide', {
        commandId: newCommandId(),
        caseId: opened.caseId,
        direction: 'outgoing',
        purpose: 'The school nurse monitors the child',
        hasClearPurpose: true,
        consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
        identifiesPerson: true,
        lawfulBases: ['uk-gdpr-6-1-e'],
        decision: 'share',
        reasons: 'Risk of significant harm',
        selection: { contributionIds: [entryId] },
        recipient: { organisation: 'Larch Primary School', role: 'School nurse' },
        channel: 'secure-email',
        familyTold: { told: false, why: 'Unsafe' },
      }),
    );
    expect((await police.post(`/api/cases/${opened.caseId}/sharing-decisions/${decision.entryId}/exports`, { format: 'pdf' })).status).toBe(200);
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('finds a case by its reference and says who saw it, when, through what and what they did, naming cases by reference only', async () => {
    const res = await auditor.get<CaseAuditRecord>(`/api/audit/record?reference=${encodeURIComponent(reference.toLowerCase())}`);
    expect(res.status).toBe(200);
    expect(res.body.reference).toBe(reference);
    const read = res.body.entries.find((e) => e.action === 'case.read' && e.actor?.name === 'Priya Patel');
    expect(read).toMatchObject({ outcome: 'allowed', channel: 'rest', reference });
    expect(res.body.entries.some((e) => e.action === 'sharing.export' && e.actor?.name === 'DC Sam Evans')).toBe(true);
    expect(res.body.entries.every((e) => !('caseId' in e))).toBe(true);

    const unknown = await auditor.get<ErrorBody>('/api/audit/record?reference=MASH-1999-99999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/^No case with reference MASH-1999-99999/);
    expect(unknown.body.error.issues).toEqual([{ path: 'reference', message: 'no case has this reference' }]);
    expect((await auditor.get<ErrorBody>('/api/audit/record?reference=')).body.error.issues[0]!.path).toBe('reference');
  });

  it("finds a child's cases by name and date of birth, answering references only, and audits the search without the name", async () => {
    const found = await auditor.post<{ cases: AuditCaseMatch[] }>('/api/audit/children', CHILD);
    expect(found.status).toBe(200);
    expect(found.body.cases.map((c) => c.reference)).toEqual([reference]);
    expect(found.body.cases[0]).toMatchObject({ child: CHILD, strength: 'strong' });
    expect(JSON.stringify(found.body)).not.toMatch(/"caseId"|"id"/);

    const otherBirthday = await auditor.post<{ cases: AuditCaseMatch[] }>('/api/audit/children', { ...CHILD, dateOfBirth: '2015-06-29' });
    expect(otherBirthday.body.cases).toEqual([]);
    const impossible = await auditor.post<ErrorBody>('/api/audit/children', { ...CHILD, dateOfBirth: '2015-02-31' });
    expect(impossible.status).toBe(400);
    expect(impossible.body.error.issues.map((i) => i.path)).toEqual(['dateOfBirth']);

    const mine = await auditor.get<{ entries: (AuditRecord & { reference?: string })[] }>(`/api/audit?userId=${(await auditor.get<{ user: { userId: string } }>('/api/session')).body.user.userId}`);
    const searches = mine.body.entries.filter((e) => e.action === 'audit.child-search');
    expect(searches.map((e) => [e.outcome, e.detail])).toEqual([
      ['failed', 'invalid'],
      ['allowed', 'name, date of birth'],
      ['allowed', 'name, date of birth'],
    ]);
    expect(JSON.stringify(mine.body)).not.toContain('Wiśniewski');
  });

  it("exports who saw the child's record as CSV and PDF, read back to the same records, and audits each export", async () => {
    const json = (await auditor.get<CaseAuditRecord>(`/api/audit/record?reference=${reference}`)).body;
    const csv = await fetch(`${world.baseUrl}/api/audit/record?reference=${reference}&format=csv`, { headers: { cookie: auditorSession.cookie, origin: world.baseUrl } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="${reference}-audit-`));
    const rows: string[][] = parse(await csv.text(), { bom: true });
    expect(rows[0]).toEqual(['When (UK time)', 'Who', 'Agency', 'Role', 'What they did', 'Outcome', 'Detail', 'Through', 'Address', 'Record id', 'Hash']);
    const body = rows.slice(1);
    // Every record of the JSON answer before it is in the file (the export adds its own record after).
    for (const e of json.entries) expect(body.find((r) => r[9] === e.id)?.[10]).toBe(e.hash);
    expect(body.find((r) => r[1] === 'Priya Patel' && r[4] === 'Read the case')).toBeDefined();

    const pdf = await fetch(`${world.baseUrl}/api/audit/record?reference=${reference}&format=pdf`, { headers: { cookie: auditorSession.cookie, origin: world.baseUrl } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const recordPdf = Buffer.from(await pdf.arrayBuffer());
    const text = await pdfText(recordPdf);
    expect(text).toContain(`Who saw case ${reference}`);
    expect(text).toContain('Priya Patel');
    expect(text).toContain('Exported a share pack');
    const info = await pdfInfo(recordPdf);
    expect(info.Tagged).toBe('yes');
    for (const [i, page] of (await bodyTextPerPage(recordPdf, Number(info.Pages))).entries()) expect(page, `page ${i + 1}`).not.toBe('');
    expect(await pdfTagging(recordPdf)).toMatchObject({ marked: true, language: 'en-GB', title: `Who saw case ${reference}`, displaysTitle: true });

    const after = (await auditor.get<CaseAuditRecord>(`/api/audit/record?reference=${reference}`)).body;
    const exports = after.entries.filter((e) => e.action === 'audit.export');
    expect(exports.map((e) => e.detail?.replace(/ export .*/, ' export'))).toEqual([`reference ${reference}, pdf export`, `reference ${reference}, csv export`]);
  });

  it("reports one person's access over a period: what they opened, exported and shared", async () => {
    const users = (await auditor.get<{ users: { userId: string; username?: string; name: string }[] }>('/api/audit/users')).body.users;
    const pc = users.find((u) => u.name === 'DC Sam Evans')!;
    const hv = users.find((u) => u.name === 'Priya Patel')!;
    const police = await auditor.get<AccessReport>(`/api/audit/access-report?userId=${pc.userId}&from=${today}&to=${today}`);
    expect(police.status).toBe(200);
    expect(police.body.user).toMatchObject({ name: 'DC Sam Evans', agency: 'police' });
    const onCase = police.body.cases.find((c) => c.reference === reference)!;
    expect(onCase).toMatchObject({ exported: 1, shared: 1 });
    expect(onCase.changed).toBeGreaterThanOrEqual(2);
    expect(police.body.exportsAndShares.map((e) => [e.action, e.reference])).toEqual(
      expect.arrayContaining([
        ['sharing.export', reference],
        ['sharing.decide', reference],
      ]),
    );

    const health = (await auditor.get<AccessReport>(`/api/audit/access-report?userId=${hv.userId}&from=${today}&to=${today}`)).body;
    expect(health.cases.find((c) => c.reference === reference)).toMatchObject({ opened: 1, exported: 0, shared: 0 });
    // A period that ended before today holds none of it.
    const before = (await auditor.get<AccessReport>(`/api/audit/access-report?userId=${hv.userId}&from=2020-01-01&to=2020-12-31`)).body;
    expect(before.total).toBe(0);
    expect(before.cases).toEqual([]);
  });

  it("exports one person's access report as CSV and PDF, read back to the same records, and audits each export", async () => {
    const users = (await auditor.get<{ users: { userId: string; name: string }[] }>('/api/audit/users')).body.users;
    const pc = users.find((u) => u.name === 'DC Sam Evans')!;
    const query = `userId=${pc.userId}&from=${today}&to=${today}`;
    const report = (await auditor.get<AccessReport>(`/api/audit/access-report?${query}`)).body;
    const download = (format: string) => fetch(`${world.baseUrl}/api/audit/access-report?${query}&format=${format}`, { headers: { cookie: auditorSession.cookie, origin: world.baseUrl } });

    const csv = await download('csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="access-report-${today}-to-${today}-`));
    const rows: string[][] = parse(await csv.text(), { bom: true });
    expect(rows[0]).toEqual(['When (UK time)', 'Who', 'Agency', 'Role', 'What they did', 'Counted as', 'Case', 'Outcome', 'Detail', 'Through', 'Address', 'Record id', 'Hash']);
    const body = rows.slice(1);
    // One row per record the report counts: the same totals, every one theirs.
    expect(body).toHaveLength(report.total);
    expect(body.every((r) => r[1] === 'DC Sam Evans')).toBe(true);
    for (const kind of ['opened', 'exported', 'shared', 'searched', 'changed'] as const) {
      expect(body.filter((r) => r[5] === kind[0]!.toUpperCase() + kind.slice(1)).length, kind).toBe(report.counts[kind]);
    }
    expect(body.filter((r) => r[5] === 'Refused').length).toBe(report.counts.refused);
    for (const e of report.exportsAndShares) expect(body.find((r) => r[11] === e.id)).toMatchObject({ 6: e.reference, 12: e.hash });

    const pdfRes = await download('pdf');
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Access report: DC Sam Evans');
    expect(text).toContain(reference);
    expect(text).toContain('Recorded a sharing decision');
    expect(text).toContain('Exported a share pack');
    const info = await pdfInfo(pdf);
    expect(info.Tagged).toBe('yes');
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(1);
    for (let p = 1; p <= pages; p++) expect(await pdfText(pdf, p), `page ${p}`).toContain(`page ${p} of ${pages}`);
    // Body text besides the marking and the footer: no page of furniture alone.
    for (const [i, page] of (await bodyTextPerPage(pdf, pages)).entries()) expect(page, `page ${i + 1}`).not.toBe('');
    const tagging = await pdfTagging(pdf);
    expect(tagging).toMatchObject({ marked: true, language: 'en-GB', displaysTitle: true });
    expect(tagging.title).toMatch(/^Access report: DC Sam Evans, /);
    expect(tagging.structure[0]).toBe('H1');
    expect(tagging.structure).toEqual(expect.arrayContaining(['H2', 'P', 'Table', 'TH', 'TD']));

    const me = (await auditor.get<{ user: { userId: string } }>('/api/session')).body.user.userId;
    const mine = (await auditor.get<{ entries: AuditRecord[] }>(`/api/audit?userId=${me}`)).body.entries;
    expect(mine.filter((e) => e.action === 'audit.export' && e.objectId === pc.userId).map((e) => e.detail?.replace(/ export .*/, ' export'))).toEqual([
      `access report ${today} to ${today}, pdf export`,
      `access report ${today} to ${today}, csv export`,
    ]);
  });

  it('refuses an access report export over the documented period, in an unknown format or to anyone but an auditor, and records no export', async () => {
    const users = (await auditor.get<{ users: { userId: string; name: string }[] }>('/api/audit/users')).body.users;
    const hv = users.find((u) => u.name === 'Priya Patel')!;
    const me = (await auditor.get<{ user: { userId: string } }>('/api/session')).body.user.userId;
    const exportsOf = async () => (await auditor.get<{ entries: AuditRecord[] }>(`/api/audit?userId=${me}`)).body.entries.filter((e) => e.action === 'audit.export' && e.objectId === hv.userId).length;
    const before = await exportsOf();

    const long = await auditor.get<ErrorBody>(`/api/audit/access-report?userId=${hv.userId}&from=2024-01-01&to=2025-01-01&format=csv`);
    expect(long.status).toBe(400);
    expect(long.body.error.issues).toEqual([{ path: 'to', message: 'the period must be at most 366 days: choose a shorter one' }]);
    const xls = await auditor.get<ErrorBody>(`/api/audit/access-report?userId=${hv.userId}&from=${today}&to=${today}&format=xls`);
    expect(xls.status).toBe(400);
    expect(xls.body.error.issues).toEqual([{ path: 'format', message: 'format must be csv or pdf' }]);
    for (const format of ['csv', 'pdf']) {
      const refused = await police.get<ErrorBody>(`/api/audit/access-report?userId=${hv.userId}&from=${today}&to=${today}&format=${format}`);
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain('Priya Patel');
    }
    expect(await exportsOf()).toBe(before);
  });

  it('refuses a bad period, an unknown person, and anyone but an auditor, naming the field', async () => {
    const users = (await auditor.get<{ users: { userId: string; name: string }[] }>('/api/audit/users')).body.users;
    const hv = users.find((u) => u.name === 'Priya Patel')!;
    const long = await auditor.get<ErrorBody>(`/api/audit/access-report?userId=${hv.userId}&from=2024-01-01&to=2025-06-30`);
    expect(long.status).toBe(400);
    expect(long.body.error.issues).toEqual([{ path: 'to', message: 'the period must be at most 366 days: choose a shorter one' }]);
    const backwards = await auditor.get<ErrorBody>(`/api/audit/access-report?userId=${hv.userId}&from=2025-06-30&to=2025-06-01`);
    expect(backwards.body.error.issues).toEqual([{ path: 'to', message: 'must be on or after the start of the period' }]);
    const impossible = await auditor.get<ErrorBody>(`/api/audit/access-report?userId=${hv.userId}&from=2025-02-30&to=2025-03-01`);
    expect(impossible.body.error.issues.map((i) => i.path)).toEqual(['from']);
    const nobody = await auditor.get<ErrorBody>(`/api/audit/access-report?userId=no-such-user&from=${today}&to=${today}`);
    expect(nobody.status).toBe(404);

    for (const res of [
      await police.get<ErrorBody>(`/api/audit/record?reference=${reference}`),
      await police.get<ErrorBody>(`/api/audit/record?reference=${reference}&format=csv`),
      await police.post<ErrorBody>('/api/audit/children', CHILD),
      await police.get<ErrorBody>(`/api/audit/access-report?userId=${hv.userId}&from=${today}&to=${today}`),
    ]) {
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('Priya Patel');
    }
  });
});
