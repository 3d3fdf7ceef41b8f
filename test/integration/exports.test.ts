/**
 * Exports people open elsewhere, read back with the libraries they would use: the timeliness
 * report and the audit log as CSV (csv-parse) match what the API says, a period over the
 * documented limit is refused naming the field, and a meeting's calendar invitation (ical.js)
 * holds its time, title and chair but no child or case.
 */
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord, MeetingResult, TimelinessReport } from '@mashboard/shared';
import { expectResult, rest, signIn, type Session } from '../support/clients.ts';
import { newCommandId, openCasePayload, startWorld, type World } from '../support/fixtures.ts';

const CHILD = { firstName: 'Kacper', lastName: 'Zieliński', dateOfBirth: '2016-04-09' };
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function download(world: World, session: Session, path: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer; text: string }> {
  const res = await fetch(`${world.baseUrl}${path}`, { headers: { cookie: session.cookie } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes, text: bytes.toString('utf8') };
}

const rows = (csv: string): Record<string, string>[] => parse(csv, { bom: true, columns: true, skip_empty_lines: true });

describe('CSV and calendar exports', () => {
  let world: World;
  let lead: Session;
  let auditor: Session;
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    world = await startWorld();
    [lead, auditor] = await Promise.all([signIn(world.baseUrl, 'lead.hughes'), signIn(world.baseUrl, 'audit.demo')]);
    const api = rest(world.baseUrl, lead);
    ({ caseId, reference } = expectResult(await api.command('case.open', openCasePayload({ children: [CHILD] }))));
    const version = (await api.view(caseId)).summary.version;
    expectResult(await api.command('rating.set', { commandId: newCommandId(), caseId, expectedVersion: version, rating: 'amber', reason: 'Neglect concerns from school' }));
    expectResult(await api.command('information.request', { commandId: newCommandId(), caseId, agency: 'health', question: 'Any missed appointments?' }));
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('the timeliness report as CSV holds the same figures as the report', async () => {
    const period = `from=${day(-1)}&to=${day(1)}`;
    const report = (await rest(world.baseUrl, lead).get<TimelinessReport>(`/api/reports/timeliness?${period}`)).body;
    const res = await download(world, lead, `/api/reports/timeliness.csv?${period}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.disposition).toBe(`attachment; filename="timeliness-${day(-1)}-to-${day(1)}.csv"`);
    const figures = (f: { met: number; breached: number; pending: number }) => ({ Met: String(f.met), Breached: String(f.breached), Pending: String(f.pending) });
    const csv = rows(res.text);
    expect(csv.filter((r) => r.Deadline === 'Triage decision').map((r) => ({ Met: r.Met, Breached: r.Breached, Pending: r.Pending }))).toEqual(Object.values(report.byRating).map(figures));
    expect(csv.find((r) => r.Deadline === 'Information request' && r['Rating or agency'] === 'Health')).toMatchObject(figures(report.byAgency.health!));
    expect(Object.keys(report.byRating)).toContain('amber');
    expect(csv.find((r) => r['Rating or agency'] === 'Amber')).toMatchObject(figures(report.byRating.amber!));
  });

  it('the audit log of a case as CSV lists the same entries as the auditor sees, newest first, dates in both styles', async () => {
    const period = `from=${day(-1)}&to=${day(1)}`;
    const entries = (await rest(world.baseUrl, auditor).get<{ entries: AuditRecord[] }>(`/api/audit?caseId=${caseId}&${period}&limit=5000`)).body.entries;
    const res = await download(world, auditor, `/api/audit.csv?caseId=${caseId}&${period}`);
    expect(res.status).toBe(200);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark: Excel reads every script
    const csv = rows(res.text);
    // The export itself is audited after the read, so the CSV holds what was there when it was made.
    expect(csv.map((r) => [r['Entry id'], r.Action, r.Outcome, r.User, r['When (ISO 8601, UTC)']])).toEqual(entries.map((e) => [e.id, e.action, e.outcome, e.actor?.name ?? '', e.at]));
    expect(csv.every((r) => /^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}:\d{2}$/.test(r['When (UK time)']!))).toBe(true);
    expect(csv.some((r) => r.Action === 'rating.set' && r.User === 'Rhian Hughes')).toBe(true);
    const after = (await rest(world.baseUrl, auditor).get<{ entries: AuditRecord[] }>(`/api/audit?userId=${auditor.user.userId}&${period}`)).body.entries;
    expect(after.some((e) => e.action === 'audit.export' && e.objectId === caseId && e.outcome === 'allowed')).toBe(true);
  });

  it('refuses a CSV period over the documented limit of 366 days, or with no period, naming the field', async () => {
    for (const path of [`/api/reports/timeliness.csv?from=2025-01-01&to=2026-01-03`, `/api/audit.csv?caseId=${caseId}&from=2025-01-01&to=2026-01-03`]) {
      const res = await download(world, path.startsWith('/api/audit') ? auditor : lead, path);
      expect(res.status, path).toBe(400);
      const { error } = JSON.parse(res.text) as { error: { code: string; issues: { path: string; message: string }[] } };
      expect(error.code).toBe('invalid');
      expect(error.issues).toEqual([{ path: 'to', message: 'the period can be at most 366 days for one CSV export: export a year at a time' }]);
    }
    const noPeriod = await download(world, auditor, `/api/audit.csv?caseId=${caseId}`);
    expect(noPeriod.status).toBe(400);
    const noPeriodError = JSON.parse(noPeriod.text) as { error: { issues: { path: string }[] } };
    expect(noPeriodError.error.issues.map((i) => i.path).sort()).toEqual(['from', 'to']);
    // A full year, 29 February included, is allowed.
    expect((await download(world, lead, '/api/reports/timeliness.csv?from=2028-01-01&to=2029-01-01')).status).toBe(200);
    // Only an auditor reads the audit log, as CSV too.
    expect((await download(world, lead, `/api/audit.csv?caseId=${caseId}&from=${day(-1)}&to=${day(1)}`)).status).toBe(403);
  });

  it('a meeting as a calendar invitation: its time, title and chair, and no child or case named', async () => {
    const scheduledFor = new Date(Date.now() + 26 * 3_600_000);
    scheduledFor.setUTCSeconds(0, 0);
    const res = await fetch(`${world.baseUrl}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: lead.cookie, 'x-csrf-token': lead.csrfToken, origin: world.baseUrl },
      body: JSON.stringify({ commandId: newCommandId(), kind: 'triage', title: 'Morning triage', scheduledFor: scheduledFor.toISOString(), agenda: [caseId] }),
    });
    expect(res.status).toBe(201);
    const { meetingId } = (await res.json()) as MeetingResult;
    const police = await signIn(world.baseUrl, 'pc.evans');
    const ics = await download(world, police, `/api/meetings/${meetingId}/invitation.ics`);
    expect(ics.status).toBe(200);
    expect(ics.type).toBe('text/calendar; charset=utf-8');

    const calendar = new ICAL.Component(ICAL.parse(ics.text) as unknown[]);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.uid).toBe(`${meetingId}@mashboard`);
    expect(event.summary).toBe('MASH triage meeting: Morning triage');
    expect(event.startDate.toJSDate().toISOString()).toBe(scheduledFor.toISOString());
    expect(event.endDate.toJSDate().getTime() - scheduledFor.getTime()).toBe(60 * 60_000);
    expect(event.description).toContain('Chair: Rhian Hughes');
    expect(event.description).toContain('1 case on the agenda');
    for (const secret of [CHILD.firstName, CHILD.lastName, reference, caseId]) expect(ics.text).not.toContain(secret);

    const unknown = await download(world, police, '/api/meetings/no-such-meeting/invitation.ics');
    expect(unknown.status).toBe(404);
  });
});
