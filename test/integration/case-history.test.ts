/**
 * Every case ever held, through the REST API: closed cases leave the open list and stay
 * reachable in the paged history, filtered; a case restricted to other agencies never appears
 * there; bad filters are refused naming the field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseListPage, CaseSummary } from '@mashboard/shared';
import { expectResult, rest, signIn, type Rest } from '../support/clients.ts';
import { newCommandId, openCasePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();
let asLead: Rest;
let asPolice: Rest;
const closed: { id: string; reference: string }[] = [];
let restricted: string;

async function close(caseId: string): Promise<void> {
  const version = (await asLead.view(caseId)).summary.version;
  expectResult(
    await asLead.command('decision.record', {
      commandId: newCommandId(),
      caseId,
      outcome: 'early-help',
      rationale: 'Family agreed to early help.',
      threshold: 'Level 2: early help (additional needs)',
      agreedBy: ['R. Hughes'],
    }),
  );
  expectResult(await asLead.command('case.change-status', { commandId: newCommandId(), caseId, expectedVersion: version + 1, status: 'closed', reason: 'Passed to early help.' }));
}

beforeAll(async () => {
  const { baseUrl } = world.current;
  asLead = rest(baseUrl, await signIn(baseUrl, 'lead.hughes'));
  asPolice = rest(baseUrl, await signIn(baseUrl, 'pc.evans'));
  for (let i = 0; i < 5; i++) {
    const opened = expectResult(
      await asLead.command(
        'case.open',
        openCasePayload({ receivedAt: new Date(Date.now() - (10 + i) * 86_400_000).toISOString(), children: [{ firstName: 'Maja', lastName: `Kowalska${i}`, dateOfBirth: '2014-02-03' }] }),
      ),
    );
    await close(opened.caseId);
    closed.push({ id: opened.caseId, reference: opened.reference });
  }
  const hidden = expectResult(await asLead.command('case.open', openCasePayload({ restrictedTo: ['childrens-social-care'], receivedAt: new Date(Date.now() - 12.5 * 86_400_000).toISOString() })));
  await close(hidden.caseId);
  restricted = hidden.caseId;
}, 60_000);

const cursorsSeen: string[] = [];

async function allPages(as: Rest, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: CaseListPage } = await as.get<CaseListPage>(`/api/cases?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.cases.map((c) => c.id));
    cursor = res.body.next;
    if (cursor) cursorsSeen.push(cursor);
  } while (cursor);
  return ids;
}

describe('case history', () => {
  it('closed cases leave the open list and are found in the history, newest received first, a page at a time', async () => {
    const open = (await asLead.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases.map((c) => c.id);
    for (const c of closed) expect(open).not.toContain(c.id);
    const ids = await allPages(asLead, 'status=closed&outcome=early-help');
    expect(ids.filter((id) => closed.some((c) => c.id === id))).toEqual(closed.map((c) => c.id));
    expect(ids).toContain(restricted);
  });

  it('filters by when received', async () => {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const ids = await allPages(asLead, `status=closed&receivedFrom=${day(12)}&receivedTo=${day(11)}`);
    expect(ids).toEqual(expect.arrayContaining([closed[1]!.id, closed[2]!.id]));
    expect(ids).not.toContain(closed[0]!.id);
    expect(ids).not.toContain(closed[4]!.id);
  });

  it('never shows a case restricted to other agencies', async () => {
    cursorsSeen.length = 0;
    const ids = await allPages(asPolice, 'status=closed');
    expect(ids).toEqual(expect.arrayContaining(closed.map((c) => c.id)));
    expect(ids).not.toContain(restricted);
    // Not even the cursor that continues a page names it.
    expect(cursorsSeen.length).toBeGreaterThan(0);
    expect(cursorsSeen.some((c) => c.includes(restricted))).toBe(false);
  });

  it('refuses filters it does not know, naming the field', async () => {
    for (const [query, path] of [
      ['status=archived', 'status'],
      ['limit=500', 'limit'],
      ['cursor=../../etc', 'cursor'],
      ['receivedFrom=2026-02-31', 'receivedFrom'],
      ['colour=red', ''],
    ] as const) {
      const res = await asLead.get<{ error: { code: string; issues: { path: string }[] } }>(`/api/cases?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid');
      if (path) expect(res.body.error.issues.map((i) => i.path)).toContain(path);
    }
  });
});
