/**
 * A case board as practitioners use it: open a case, add facts and opinions (kept apart, with
 * their basis and relevance), correct without erasing, and hear the child.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CaseSummary, CommandResult, ContributionEntry, VoiceEntry } from '@mashboard/shared';
import { command, connectSocket, expectResult, rawEmit, rest, signIn, type ErrorBody, type MashSocket, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, opinionPayload, voicePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();

let evans: Session; // police
let patel: Session; // health
let morgan: Session; // education
let asEvans: Rest;
let asPatel: Rest;
let patelSocket: MashSocket;
let caseId: string;
let children: { id: string; firstName: string }[];

beforeAll(async () => {
  const { baseUrl } = world.current;
  [evans, patel, morgan] = await Promise.all([signIn(baseUrl, 'pc.evans'), signIn(baseUrl, 'hv.patel'), signIn(baseUrl, 'dsl.morgan')]);
  asEvans = rest(baseUrl, evans);
  asPatel = rest(baseUrl, patel);
  patelSocket = await connectSocket(baseUrl, patel);
  const opened = await asEvans.command('case.open', openCasePayload());
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  caseId = expectResult(opened).caseId;
  children = (await asEvans.view(caseId)).summary.children;
});

async function version(): Promise<number> {
  return (await asEvans.view(caseId)).summary.version;
}

describe('opening a case', () => {
  it('a new contact appears in the case list as a new case, opened by the person signed in', async () => {
    const payload = openCasePayload({ reasonForConcern: 'Health visitor worried about weight loss of a baby.' });
    const result = expectResult(await asPatel.command('case.open', payload));
    expect(result).toMatchObject({ version: 1, duplicate: false });
    expect(result.reference).toEqual(expect.any(String));

    const list = await asEvans.get<{ cases: CaseSummary[] }>('/api/cases');
    expect(list.status).toBe(200);
    const summary = list.body.cases.find((c) => c.id === result.caseId);
    expect(summary).toMatchObject({
      status: 'new',
      reference: result.reference,
      reasonForConcern: payload.reasonForConcern,
      receivedAt: payload.receivedAt,
      contributionCount: 0,
      version: 1,
      openedBy: { userId: patel.user.userId, agency: 'health' },
    });
    expect(summary?.children.map((c) => c.firstName)).toEqual(['Amelia', 'Noah']);
    expect(new Set(summary?.children.map((c) => c.id)).size).toBe(2);
  });

  it('the whole board is readable by another agency with the case summary and no entries yet', async () => {
    const view = await rest(world.current.baseUrl, morgan).view(caseId);
    expect(view.summary.id).toBe(caseId);
    expect(view.summary.childrenHeard).toEqual([]);
    expect(view.summary.voiceAbsence).toEqual({});
  });
});

describe('facts and opinions', () => {
  it('a fact and an opinion are both recorded, kept apart, each with its author and agency', async () => {
    const fact = factPayload(caseId);
    const factResult = expectResult(await asEvans.command('contribution.add', fact));
    expect(factResult.entryId).toEqual(expect.any(String));
    const opinion = opinionPayload(caseId);
    const opinionResult = await command(patelSocket, 'contribution.add', opinion);
    expect(opinionResult.version).toBe(factResult.version + 1);

    const view = await asEvans.view(caseId);
    const factEntry = view.entries.find((e) => e.id === factResult.entryId) as ContributionEntry;
    const opinionEntry = view.entries.find((e) => e.id === opinionResult.entryId) as ContributionEntry;
    expect(factEntry).toMatchObject({ kind: 'contribution', agency: 'police', author: { userId: evans.user.userId } });
    expect(factEntry.versions).toHaveLength(1);
    expect(factEntry.versions[0]!.content).toMatchObject({ kind: 'fact', text: fact.text, source: 'agency-records', happened: fact.happened });
    expect(factEntry.versions[0]!.content.basis).toBeUndefined();
    expect(opinionEntry).toMatchObject({ kind: 'contribution', agency: 'health', author: { userId: patel.user.userId } });
    expect(opinionEntry.versions[0]!.content).toMatchObject({ kind: 'opinion', basis: opinion.basis });
    expect(view.summary.contributionCount).toBeGreaterThanOrEqual(2);
    expect(view.summary.agenciesContributed).toEqual(expect.arrayContaining(['police', 'health']));
  });

  it('an opinion without its basis is refused, naming basis, and nothing is written', async () => {
    const before = await version();
    const { basis: _basis, ...noBasis } = opinionPayload(caseId);
    const res = await asEvans.command('contribution.add', noBasis);
    expect(res.status).toBe(400);
    const error = (res.body as ErrorBody).error;
    expect(error.code).toBe('invalid');
    expect(error.issues?.map((i) => i.path)).toEqual(['basis']);
    expect(error.message).toMatch(/basis/);

    const ack = await rawEmit<Ack<CommandResult>>(patelSocket, 'contribution.add', { ...noBasis, commandId: newCommandId() });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.issues?.map((i) => i.path)).toEqual(['basis']);
    expect(await version()).toBe(before);
  });

  it('historic information without relevance is refused, naming relevance, and nothing is written', async () => {
    const before = await version();
    const res = await asEvans.command('contribution.add', factPayload(caseId, { timeframe: 'historic' }));
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.issues?.map((i) => i.path)).toEqual(['relevance']);
    expect(await version()).toBe(before);
  });

  it('historic information with its relevance is accepted', async () => {
    const result = expectResult(
      await asEvans.command(
        'contribution.add',
        factPayload(caseId, { timeframe: 'historic', relevance: 'The same adult lives in the household now.', happened: { precision: 'approximate', date: '2019-06-01' } }),
      ),
    );
    const entry = (await asEvans.view(caseId)).entries.find((e) => e.id === result.entryId) as ContributionEntry;
    expect(entry.versions[0]!.content).toMatchObject({ timeframe: 'historic', relevance: 'The same adult lives in the household now.' });
  });
});

describe('corrections never erase', () => {
  it('a correction adds a version with its reason and keeps the original text in the history', async () => {
    const original = factPayload(caseId, { text: 'Police attended on 12 November.' });
    const added = expectResult(await asEvans.command('contribution.add', original));
    const { commandId: _c, caseId: _k, ...content } = original;
    const corrected = expectResult(
      await asEvans.command('contribution.correct', {
        ...content,
        commandId: newCommandId(),
        caseId,
        entryId: added.entryId!,
        expectedEntryVersion: 1,
        reason: 'The visit was on 11 November; the log was dated the next day.',
        text: 'Police attended on 11 November.',
        happened: { precision: 'exact', date: '2025-11-11' },
      }),
    );
    expect(corrected.entryId).toBe(added.entryId);
    expect(corrected.version).toBe(added.version + 1);

    const entry = (await asEvans.view(caseId)).entries.find((e) => e.id === added.entryId) as ContributionEntry;
    expect(entry.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(entry.versions[0]!.content.text).toBe('Police attended on 12 November.');
    expect(entry.versions[1]).toMatchObject({
      reason: 'The visit was on 11 November; the log was dated the next day.',
      content: { text: 'Police attended on 11 November.' },
      recordedBy: { userId: evans.user.userId },
    });
  });

  it('a correction made on an out-of-date version is refused as a conflict and writes nothing', async () => {
    const added = expectResult(await asEvans.command('contribution.add', factPayload(caseId)));
    const { commandId: _c, caseId: _k, ...content } = factPayload(caseId);
    const correction = (reason: string) => ({ ...content, commandId: newCommandId(), caseId, entryId: added.entryId!, expectedEntryVersion: 1, reason });
    expectResult(await asEvans.command('contribution.correct', correction('first correction')));
    const before = await version();
    const stale = await asEvans.command('contribution.correct', correction('made on version 1, which is gone'));
    expect(stale.status).toBe(409);
    expect((stale.body as ErrorBody).error.code).toBe('conflict');
    expect(await version()).toBe(before);
  });

  it('another agency may not correct a police entry: it adds its own contribution instead', async () => {
    const added = expectResult(await asEvans.command('contribution.add', factPayload(caseId)));
    const { commandId: _c, caseId: _k, ...content } = factPayload(caseId);
    const before = await version();
    const res = await asPatel.command('contribution.correct', { ...content, commandId: newCommandId(), caseId, entryId: added.entryId!, expectedEntryVersion: 1, reason: 'not mine' });
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).error.code).toBe('forbidden');
    expect(await version()).toBe(before);
  });

  it('correcting an entry that does not exist is refused as not found', async () => {
    const { commandId: _c, caseId: _k, ...content } = factPayload(caseId);
    const res = await asEvans.command('contribution.correct', { ...content, commandId: newCommandId(), caseId, entryId: 'no-such-entry', expectedEntryVersion: 1, reason: 'x' });
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error.code).toBe('not-found');
  });
});

describe("the child's voice", () => {
  it("recording the child's own words shows the child as heard on the case summary", async () => {
    const amelia = children[0]!;
    const payload = voicePayload(caseId, amelia.id);
    const result = await command(patelSocket, 'voice.record', payload);
    const view = await asEvans.view(caseId);
    expect(view.summary.childrenHeard).toEqual([amelia.id]);
    const entry = view.entries.find((e) => e.id === result.entryId) as VoiceEntry;
    expect(entry).toMatchObject({ kind: 'voice', agency: 'health' });
    // Verbatim: exactly the words given, never paraphrased.
    expect(entry.versions[0]!.content.words).toBe(payload.words);
    expect(entry.versions[0]!.content).toMatchObject({ howExpressed: 'spontaneous', heardBy: payload.heardBy, circumstances: payload.circumstances });
  });

  it('a voice entry for a child who is not on the case is refused', async () => {
    const before = await version();
    const ack = await rawEmit<Ack<CommandResult>>(patelSocket, 'voice.record', voicePayload(caseId, 'not-a-child-here'));
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(['invalid', 'not-found']).toContain(ack.error.code);
    expect(await version()).toBe(before);
  });

  it("why a baby's voice cannot be recorded is kept on the summary, with who recorded it", async () => {
    const noah = children[1]!;
    await command(patelSocket, 'voice.record-absence', {
      commandId: newCommandId(),
      caseId,
      childId: noah.id,
      reason: 'pre-verbal',
      explanation: 'Noah is ten months old; his behaviour with each parent was observed instead.',
    });
    const summary = (await asEvans.view(caseId)).summary;
    expect(summary.voiceAbsence[noah.id]).toMatchObject({
      reason: 'pre-verbal',
      explanation: 'Noah is ten months old; his behaviour with each parent was observed instead.',
      recordedBy: { userId: patel.user.userId, agency: 'health' },
    });
    expect(summary.childrenHeard).not.toContain(noah.id);
  });

  it('a voice correction keeps the words first heard', async () => {
    const amelia = children[0]!;
    const first = voicePayload(caseId, amelia.id, { words: 'Dad shouts.' });
    const added = await command(patelSocket, 'voice.record', first);
    const { commandId: _c, ...rest } = first;
    await command(patelSocket, 'voice.correct', {
      ...rest,
      commandId: newCommandId(),
      entryId: added.entryId!,
      expectedEntryVersion: 1,
      reason: 'Interpreter confirmed the exact words.',
      words: 'Dad shouts at Mum.',
    });
    const entry = (await asEvans.view(caseId)).entries.find((e) => e.id === added.entryId) as VoiceEntry;
    expect(entry.versions.map((v) => v.content.words)).toEqual(['Dad shouts.', 'Dad shouts at Mum.']);
    expect(entry.versions[1]!.reason).toBe('Interpreter confirmed the exact words.');
  });
});
