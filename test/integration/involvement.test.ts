/**
 * The chronology (ordered by when things happened, back-dated entries in their place), previous
 * involvement across spelling variants, and a whole case restricted to named agencies: others do
 * not see it, and a match on it says only whom to ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, ChronologyLine, PreviousInvolvementResult } from '@mashboard/shared';
import { expectResult, rest, signIn, type Session } from '../support/clients.ts';
import { factPayload, openCasePayload, startWorld, type World } from '../support/fixtures.ts';

const yearsAgo = (n: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.toISOString().slice(0, 10);
};

describe('chronology and previous involvement', () => {
  let world: World;
  let police: Session;
  let health: Session;

  beforeAll(async () => {
    world = await startWorld();
    [police, health] = await Promise.all([signIn(world.baseUrl, 'pc.evans'), signIn(world.baseUrl, 'hv.patel')]);
  });
  afterAll(async () => world?.dispose());

  it('orders by when things happened: an entry shared today about two years ago comes first, not called late; one its agency recorded weeks after it happened is', async () => {
    const api = rest(world.baseUrl, police);
    const { caseId } = expectResult(await api.command('case.open', openCasePayload()));
    const today = new Date().toISOString().slice(0, 10);
    const current = expectResult(await api.command('contribution.add', { ...factPayload(caseId), text: 'Seen today', happened: { precision: 'exact', date: today } })).entryId;
    const old = expectResult(
      await api.command('contribution.add', {
        ...factPayload(caseId),
        text: 'Call-out two years ago',
        timeframe: 'historic',
        relevance: 'Same partner back in the home',
        happened: { precision: 'approximate', date: yearsAgo(2) },
      }),
    ).entryId;
    const unknown = expectResult(await api.command('contribution.add', { ...factPayload(caseId), text: 'Neighbour heard shouting once', happened: { precision: 'unknown' } })).entryId;
    const recordedLate = expectResult(
      await api.command('contribution.add', {
        ...factPayload(caseId),
        text: 'Assault reported by the mother, written up a month later',
        timeframe: 'historic',
        relevance: 'Same partner',
        happened: { precision: 'exact', date: '2024-03-01' },
        agencyRecordedOn: '2024-04-02',
      }),
    ).entryId;

    const { body } = await api.get<{ lines: ChronologyLine[] }>(`/api/cases/${caseId}/chronology`);
    const ids = body.lines.map((l) => l.id);
    expect(ids.indexOf(old!)).toBeLessThan(ids.indexOf(current!));
    expect(ids.at(-1)).toBe(unknown);
    expect(body.lines.find((l) => l.id === old)).toMatchObject({ lateRecorded: false, timeframe: 'historic', relevance: 'Same partner back in the home' });
    expect(body.lines.find((l) => l.id === recordedLate)).toMatchObject({ lateRecorded: true, agencyRecordedOn: '2024-04-02' });
    expect(body.lines.find((l) => l.id === current)?.lateRecorded).toBe(false);
    expect(body.lines.some((l) => l.kind === 'event' && /Case opened/.test(l.text ?? ''))).toBe(true);
  });

  it('finds a child on an earlier case across spelling variants, and says why', async () => {
    const api = rest(world.baseUrl, police);
    const earlier = expectResult(await api.command('case.open', openCasePayload({ children: [{ firstName: 'Mohammed', lastName: 'Khan', dateOfBirth: '2015-03-04' }] })));
    const { caseId } = expectResult(await api.command('case.open', openCasePayload({ children: [{ firstName: 'Muhammad', lastName: 'Khan', dateOfBirth: '2015-03-04' }] })));
    const { body } = await api.get<PreviousInvolvementResult>(`/api/cases/${caseId}/previous-involvement`);
    const match = body.children[0]!.matches.find((m) => !m.restricted && m.caseId === earlier.caseId);
    expect(match).toMatchObject({ strength: 'strong', reference: earlier.reference, child: { firstName: 'Mohammed' } });
    expect(match && !match.restricted && match.reasons.join(' ')).toMatch(/date of birth/);

    const typo = await api.post<PreviousInvolvementResult>('/api/previous-involvement/search', { children: [{ firstName: 'Mohamed', lastName: 'Khan', dateOfBirth: '2015-04-03' }] });
    expect(typo.body.children[0]!.matches.some((m) => !m.restricted && m.caseId === earlier.caseId && m.strength === 'possible')).toBe(true);
  });

  it('a case restricted to the police is not seen by health, and a match on it only says whom to ask', async () => {
    const { caseId, reference } = expectResult(
      await rest(world.baseUrl, police).command('case.open', { ...openCasePayload({ children: [{ firstName: 'Jayden', lastName: 'Smith', dateOfBirth: '2012-06-01' }] }), restrictedTo: ['police'] }),
    );
    expect((await rest(world.baseUrl, health).get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await rest(world.baseUrl, health).get(`/api/cases/${caseId}/chronology`)).status).toBe(404);
    const list = (await rest(world.baseUrl, health).get<{ cases: CaseSummary[] }>('/api/cases')).body.cases;
    expect(list.some((c) => c.id === caseId)).toBe(false);
    expect((await rest(world.baseUrl, health).command('contribution.add', factPayload(caseId))).status).toBe(404);

    const search = { children: [{ firstName: 'Jaden', lastName: 'Smith', dateOfBirth: '2012-06-01' }] };
    const forHealth = (await rest(world.baseUrl, health).post<PreviousInvolvementResult>('/api/previous-involvement/search', search)).body;
    expect(forHealth.children[0]!.matches).toContainEqual({ restricted: true, agencies: ['police'], strength: 'strong', score: expect.any(Number) });
    expect(JSON.stringify(forHealth)).not.toContain(reference);
    expect(JSON.stringify(forHealth)).not.toContain('Jayden');

    const forPolice = (await rest(world.baseUrl, police).post<PreviousInvolvementResult>('/api/previous-involvement/search', search)).body;
    expect(forPolice.children[0]!.matches).toContainEqual(expect.objectContaining({ restricted: false, caseId, reference }));
  });
});
