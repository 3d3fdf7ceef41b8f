/**
 * The board is live: what one agency adds appears on everyone's open board, who is looking is
 * shown, a reconnecting board catches up without gaps or doubles, a retried submit never
 * doubles, and a stale decision is refused.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CaseEvent, CatchUpResult, CommandResult, JoinResult } from '@mashboard/shared';
import { command, connectSocket, disconnected, expectResult, Inbox, rawEmit, rest, signIn, type ErrorBody, type MashSocket, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();

let evans: Session; // police
let okafor: Session; // social care
let hughes: Session; // duty lead
let asEvans: Rest;
const sockets: MashSocket[] = [];

async function open(session: Session): Promise<MashSocket> {
  const socket = await connectSocket(world.current.baseUrl, session);
  sockets.push(socket);
  return socket;
}

async function join(socket: MashSocket, caseId: string, afterEventId?: string): Promise<JoinResult> {
  const ack = await rawEmit<Ack<JoinResult>>(socket, 'case.join', afterEventId ? { caseId, afterEventId } : { caseId });
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
  return ack.result;
}

async function newCase(): Promise<string> {
  return expectResult(await asEvans.command('case.open', openCasePayload())).caseId;
}

beforeAll(async () => {
  const { baseUrl } = world.current;
  [evans, okafor, hughes] = await Promise.all([signIn(baseUrl, 'pc.evans'), signIn(baseUrl, 'sw.okafor'), signIn(baseUrl, 'lead.hughes')]);
  asEvans = rest(baseUrl, evans);
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

describe('live fan-out', () => {
  it('a contribution by the police appears live on social care’s open board, and both see each other as viewers', async () => {
    const caseId = await newCase();
    const police = await open(evans);
    const social = await open(okafor);
    const socialInbox = new Inbox(social);
    const policeInbox = new Inbox(police);

    const first = await join(social, caseId);
    expect(first.view?.summary.id).toBe(caseId);
    expect(first.viewers.map((v) => v.userId)).toContain(okafor.user.userId);
    const second = await join(police, caseId);

    const both = (viewers: { userId: string }[]) => viewers.some((v) => v.userId === evans.user.userId) && viewers.some((v) => v.userId === okafor.user.userId);
    // The one who joins gets the viewers in the join answer; those already there get a push.
    expect(both(second.viewers)).toBe(true);
    const presence = await socialInbox.waitForPresence(caseId, both);
    expect(presence.viewers.map((v) => v.agency).sort()).toEqual(['childrens-social-care', 'police']);

    const payload = factPayload(caseId, { text: 'Domestic abuse notification: police attended last night.' });
    const result = await command(police, 'contribution.add', payload);
    const event = await socialInbox.waitForEvent((e) => e.commandId === payload.commandId);
    expect(event).toMatchObject({
      type: 'contribution.added',
      caseId,
      id: result.lastEventId,
      seq: result.version,
      actor: { userId: evans.user.userId, agency: 'police' },
      data: { entryId: result.entryId, content: { text: payload.text, kind: 'fact' } },
    });
    // The author's own board gets the event too (so every open board updates the same way).
    await policeInbox.waitForEvent((e) => e.commandId === payload.commandId);
  });

  it('a board that has not joined the case does not receive its events', async () => {
    const caseA = await newCase();
    const caseB = await newCase();
    const police = await open(evans);
    const social = await open(okafor);
    const socialInbox = new Inbox(social);
    await join(social, caseB);
    await join(police, caseA);
    await command(police, 'contribution.add', factPayload(caseA));
    const marker = factPayload(caseB);
    await command(police, 'contribution.add', marker);
    // Events of one room arrive in order, so once B's marker is here, A's event would have been too.
    await socialInbox.waitForEvent((e) => e.commandId === marker.commandId);
    expect(socialInbox.events.filter((e) => e.caseId === caseA)).toEqual([]);
  });

  it('leaving the case removes the viewer from everyone’s presence', async () => {
    const caseId = await newCase();
    const police = await open(evans);
    const social = await open(okafor);
    const policeInbox = new Inbox(police);
    await join(police, caseId);
    await join(social, caseId);
    await policeInbox.waitForPresence(caseId, (v) => v.some((x) => x.userId === okafor.user.userId));
    const left = await rawEmit<Ack<{ left: true }>>(social, 'case.leave', { caseId });
    expect(left.ok).toBe(true);
    await policeInbox.waitForPresence(caseId, (v) => !v.some((x) => x.userId === okafor.user.userId));
  });

  it('closing the board (disconnect) removes the viewer from presence', async () => {
    const caseId = await newCase();
    const police = await open(evans);
    const social = await open(okafor);
    const policeInbox = new Inbox(police);
    await join(police, caseId);
    await join(social, caseId);
    await policeInbox.waitForPresence(caseId, (v) => v.some((x) => x.userId === okafor.user.userId));
    social.close();
    await policeInbox.waitForPresence(caseId, (v) => !v.some((x) => x.userId === okafor.user.userId));
  });
});

describe('reconnect catch-up', () => {
  it('a board that was offline gets exactly the events it missed, in order, with no gap and no double', async () => {
    const caseId = await newCase();
    const social = await open(okafor);
    const police = await open(evans);
    const joined = await join(social, caseId);
    const lastSeen = joined.view!.summary;
    await join(police, caseId);

    social.disconnect();
    await disconnected(social);

    const N = 12;
    const written: CommandResult[] = [];
    for (let i = 0; i < N; i++) {
      written.push(await command(police, 'contribution.add', factPayload(caseId, { text: `Missed entry ${i + 1}` })));
    }

    const back = await open(okafor);
    const backInbox = new Inbox(back);
    const caughtUp = await join(back, caseId, lastSeen.lastEventId);
    expect(caughtUp.view).toBeUndefined();
    expect(caughtUp.more).toBe(false);
    expect(caughtUp.events.map((e) => e.seq)).toEqual(Array.from({ length: N }, (_, i) => lastSeen.version + 1 + i));
    expect(caughtUp.events.map((e) => e.id)).toEqual(written.map((w) => w.lastEventId));
    expect(caughtUp.events.map((e) => (e.type === 'contribution.added' ? e.data.content?.text : ''))).toEqual(Array.from({ length: N }, (_, i) => `Missed entry ${i + 1}`));

    // And the board carries on live from there: the next event follows on with the next seq.
    const next = factPayload(caseId, { text: 'After reconnect' });
    await command(police, 'contribution.add', next);
    const live = await backInbox.waitForEvent((e) => e.commandId === next.commandId);
    expect(live.seq).toBe(lastSeen.version + N + 1);
    // Whatever arrived live may overlap the catch-up (the client drops seq it has), but never skips one.
    const all = new Map<number, CaseEvent>();
    for (const e of [...caughtUp.events, ...backInbox.eventsFor(caseId)]) {
      const seen = all.get(e.seq);
      if (seen) expect(seen.id).toBe(e.id);
      all.set(e.seq, e);
    }
    expect([...all.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: N + 1 }, (_, i) => lastSeen.version + 1 + i));
  });

  it('catching up from the last event gives nothing, and from an event in the middle gives the rest (REST and socket agree)', async () => {
    const caseId = await newCase();
    const police = await open(evans);
    const results: CommandResult[] = [];
    for (let i = 0; i < 5; i++) results.push(await command(police, 'contribution.add', factPayload(caseId)));
    const middle = results[1]!;

    const viaSocket = await rawEmit<Ack<CatchUpResult>>(police, 'case.catch-up', { caseId, afterEventId: middle.lastEventId });
    expect(viaSocket.ok).toBe(true);
    const viaRest = await asEvans.get<CatchUpResult>(`/api/cases/${caseId}/events?after=${encodeURIComponent(middle.lastEventId)}`);
    expect(viaRest.status).toBe(200);
    if (viaSocket.ok) {
      expect(viaSocket.result.events.map((e) => e.id)).toEqual(results.slice(2).map((r) => r.lastEventId));
      expect(viaRest.body.events).toEqual(viaSocket.result.events);
    }
    const none = await join(police, caseId, results[4]!.lastEventId);
    expect(none.events).toEqual([]);
    expect(none.more).toBe(false);
  });

  it('the whole stream from the start has seq 1, 2, 3 … matching the case version', async () => {
    const caseId = await newCase();
    const police = await open(evans);
    for (let i = 0; i < 3; i++) await command(police, 'contribution.add', factPayload(caseId));
    const all = await asEvans.get<CatchUpResult>(`/api/cases/${caseId}/events?after=0-0`);
    expect(all.status).toBe(200);
    expect(all.body.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(all.body.events[0]!.type).toBe('case.opened');
    expect((await asEvans.view(caseId)).summary.version).toBe(4);
  });
});

describe('a retried submit never doubles', () => {
  it('the same commandId sent twice over the socket writes one event; the second answer says duplicate', async () => {
    const caseId = await newCase();
    const police = await open(evans);
    const watcher = await open(okafor);
    const inbox = new Inbox(watcher);
    await join(watcher, caseId);

    const payload = factPayload(caseId);
    const first = await command(police, 'contribution.add', payload);
    const second = await command(police, 'contribution.add', payload);
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, entryId: first.entryId, caseId, version: first.version, lastEventId: first.lastEventId });

    // A later event proves the fan-out is past the retry: exactly one event for the command.
    const marker = factPayload(caseId);
    await command(police, 'contribution.add', marker);
    await inbox.waitForEvent((e) => e.commandId === marker.commandId);
    expect(inbox.events.filter((e) => e.commandId === payload.commandId)).toHaveLength(1);
    const view = await asEvans.view(caseId);
    expect(view.entries.filter((e) => e.id === first.entryId)).toHaveLength(1);
    expect(view.summary.contributionCount).toBe(2);
  });

  it('a submit retried over REST (after the socket dropped) is answered 200 duplicate and writes nothing', async () => {
    const caseId = await newCase();
    const police = await open(evans);
    const payload = factPayload(caseId);
    const first = await command(police, 'contribution.add', payload);
    const again = await asEvans.command('contribution.add', payload);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, entryId: first.entryId, version: first.version });
    const twice = await asEvans.command('contribution.add', payload);
    expect(twice.status).toBe(200);
    expect((await asEvans.view(caseId)).summary.version).toBe(first.version);
  });

  it('two REST submits of one commandId at the same moment write once', async () => {
    const caseId = await newCase();
    const payload = factPayload(caseId);
    const answers = await Promise.all([asEvans.command('contribution.add', payload), asEvans.command('contribution.add', payload)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const view = await asEvans.view(caseId);
    expect(view.summary.contributionCount).toBe(1);
    expect(view.summary.version).toBe(2);
  });
});

describe('a busy triage meeting', () => {
  it('five agencies adding to one case at the same moment: every contribution is stored, in one gap-free order', async () => {
    const caseId = await newCase();
    const users = [evans, okafor, hughes, ...(await Promise.all([signIn(world.current.baseUrl, 'hv.patel'), signIn(world.current.baseUrl, 'dsl.morgan')]))];
    const writers = await Promise.all(users.map((u) => open(u)));
    const PER_WRITER = 10;
    // A contribution has no expected version: nobody asked to be refused if someone else wrote first.
    const acks = await Promise.all(
      writers.flatMap((socket, w) =>
        Array.from({ length: PER_WRITER }, (_, i) => rawEmit<Ack<CommandResult>>(socket, 'contribution.add', factPayload(caseId, { text: `writer ${w} item ${i}` }), 30_000)),
      ),
    );
    const refused = acks.filter((a) => !a.ok).map((a) => (a.ok ? '' : `${a.error.code}: ${a.error.message}`));
    expect(refused, `${refused.length} of ${acks.length} refused`).toEqual([]);
    const versions = acks.map((a) => (a.ok ? a.result.version : 0)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: writers.length * PER_WRITER }, (_, i) => i + 2));
    const view = await asEvans.view(caseId);
    expect(view.summary.contributionCount).toBe(writers.length * PER_WRITER);
  });
});

describe('a stale decision is refused', () => {
  it('a status change made on an out-of-date version is a conflict and writes nothing', async () => {
    const caseId = await newCase();
    const asLead = rest(world.current.baseUrl, hughes);
    const seen = (await asLead.view(caseId)).summary.version;

    // Someone adds information after the duty lead looked.
    expectResult(await asEvans.command('contribution.add', factPayload(caseId, { text: 'New information arrived.' })));

    const stale = await asLead.command('case.change-status', { commandId: newCommandId(), caseId, expectedVersion: seen, status: 'decided', reason: 'No further action.' });
    expect(stale.status).toBe(409);
    expect((stale.body as ErrorBody).error.code).toBe('conflict');
    const after = await asLead.view(caseId);
    expect(after.summary.status).toBe('new');
    expect(after.summary.version).toBe(seen + 1);

    // Decided on the current version, it goes through.
    const fresh = expectResult(
      await asLead.command('case.change-status', { commandId: newCommandId(), caseId, expectedVersion: after.summary.version, status: 'in-progress', reason: 'Triage started.' }),
    );
    expect(fresh.version).toBe(seen + 2);
    expect((await asLead.view(caseId)).summary.status).toBe('in-progress');
  });

  it('over the socket, the stale change is refused with code conflict', async () => {
    const caseId = await newCase();
    const lead = await open(hughes);
    const v1 = (await asEvans.view(caseId)).summary.version;
    await command(lead, 'case.change-status', { commandId: newCommandId(), caseId, expectedVersion: v1, status: 'in-progress', reason: 'Triage.' });
    const ack = await rawEmit<Ack<CommandResult>>(lead, 'case.change-status', { commandId: newCommandId(), caseId, expectedVersion: v1, status: 'awaiting-information', reason: 'Waiting on health.' });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe('conflict');
    const summary = (await asEvans.view(caseId)).summary;
    expect(summary.status).toBe('in-progress');
    expect(summary.version).toBe(v1 + 1);
  });
});
