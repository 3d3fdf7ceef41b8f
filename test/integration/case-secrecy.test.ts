/**
 * A case restricted to other agencies stays secret on every path: a socket that is refused never
 * hears its events, a missing case and a restricted one answer alike (and the refusal is still
 * audited), and a case list watch that failed does not go on receiving rows.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AuditRecord, CaseEvent } from '@mashboard/shared';
import { connectSocket, expectResult, Inbox, rawEmit, rest, signIn, withoutRequestId, type MashSocket, type RestResponse, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { rawRedisCommand } from '../support/redis.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();
let police: Session;
let education: Session;
const sockets: MashSocket[] = [];

async function open(session: Session): Promise<MashSocket> {
  const socket = await connectSocket(world.current.baseUrl, session);
  sockets.push(socket);
  return socket;
}

/** A case id of the right shape that no case has. */
const missingCaseId = () => `c${randomBytes(10).toString('hex')}`;

async function policeOnlyCase(): Promise<string> {
  return expectResult(await rest(world.current.baseUrl, police).command('case.open', openCasePayload({ restrictedTo: ['police'] }))).caseId;
}

beforeAll(async () => {
  [police, education] = await Promise.all([signIn(world.current.baseUrl, 'pc.evans'), signIn(world.current.baseUrl, 'dsl.morgan')]);
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

describe('a case restricted to other agencies', () => {
  it('a socket hammering case.join on it while events flow receives none of them', async () => {
    const caseId = await policeOnlyCase();
    const board = await open(police);
    const policeInbox = new Inbox(board);
    expect((await rawEmit<Ack<unknown>>(board, 'case.join', { caseId })).ok).toBe(true);

    // Three education sockets, each just under its rate limit (20/s), joining over and over.
    const intruders = await Promise.all([open(education), open(education), open(education)]);
    const inboxes = intruders.map((s) => new Inbox(s));
    const refusals: Ack<unknown>[] = [];
    let hammering = true;
    const hammer = intruders.map(async (socket) => {
      while (hammering) {
        void rawEmit<Ack<unknown>>(socket, 'case.join', { caseId }).then((ack) => refusals.push(ack));
        await new Promise((r) => setTimeout(r, 55));
      }
    });

    // A police viewer comes and goes meanwhile: presence goes to the whole case room, so a socket
    // that was in it even for a moment would hear who is viewing.
    const viewer = await open(police);
    const comings = (async () => {
      while (hammering) {
        await rawEmit(viewer, 'case.join', { caseId });
        await rawEmit(viewer, 'case.leave', { caseId });
        await new Promise((r) => setTimeout(r, 30));
      }
    })();

    const writer = await open(police);
    for (let i = 0; i < 60; i++) {
      const ack = await rawEmit<Ack<unknown>>(writer, 'contribution.add', factPayload(caseId, { text: `Police note ${i}` }));
      expect(ack.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 40));
    }
    await policeInbox.waitForEvent((e) => e.type === 'contribution.added' && e.data.content?.text === 'Police note 59');
    await new Promise((r) => setTimeout(r, 200));
    hammering = false;
    await Promise.all([...hammer, comings]);

    expect(refusals.length).toBeGreaterThan(100);
    expect(refusals.every((a) => !a.ok)).toBe(true);
    const leaked: CaseEvent[] = inboxes.flatMap((inbox) => inbox.eventsFor(caseId));
    expect(leaked.map((e) => `${e.type}#${e.seq}`)).toEqual([]);
    expect(inboxes.flatMap((inbox) => inbox.presence.filter((p) => p.caseId === caseId))).toEqual([]);
  });

  it('answers exactly as a case that does not exist, on every read, command and socket event, and the refusal is audited', async () => {
    const restricted = await policeOnlyCase();
    const missing = missingCaseId();
    const asEducation = rest(world.current.baseUrl, education);
    const socket = await open(education);

    type Probe = (caseId: string) => Promise<unknown>;
    // Every REST error carries its own request id; the rest of the answer must be the same.
    const strip = (res: RestResponse) => ({ status: res.status, body: withoutRequestId(res.body) });
    const probes: Record<string, Probe> = {
      'GET case': async (id) => strip(await asEducation.get(`/api/cases/${id}`)),
      'GET events': async (id) => strip(await asEducation.get(`/api/cases/${id}/events?after=0-0`)),
      'GET chronology': async (id) => strip(await asEducation.get(`/api/cases/${id}/chronology`)),
      'GET previous involvement': async (id) => strip(await asEducation.get(`/api/cases/${id}/previous-involvement`)),
      'POST share-pack preview': async (id) => strip(await asEducation.post(`/api/cases/${id}/share-pack-preview`, { contributionIds: [] })),
      'POST export': async (id) => strip(await asEducation.post(`/api/cases/${id}/sharing-decisions/d1/exports`, { format: 'html' })),
      'POST contribution': async (id) => strip(await asEducation.command('contribution.add', factPayload(id))),
      'POST information request': async (id) =>
        strip(await asEducation.command('information.request', { commandId: newCommandId(), caseId: id, agency: 'health', question: 'Is the baby registered with a GP?' })),
      'POST voice absence': async (id) =>
        strip(await asEducation.command('voice.record-absence', { commandId: newCommandId(), caseId: id, childId: 'x1', reason: 'pre-verbal', explanation: 'A baby.' })),
      'socket case.join': (id) => rawEmit(socket, 'case.join', { caseId: id }),
      'socket case.join after an event': (id) => rawEmit(socket, 'case.join', { caseId: id, afterEventId: '0-1' }),
      'socket case.catch-up': (id) => rawEmit(socket, 'case.catch-up', { caseId: id, afterEventId: '0-1' }),
      'socket contribution.add': (id) => rawEmit(socket, 'contribution.add', factPayload(id)),
    };
    for (const [path, probe] of Object.entries(probes)) {
      const [forRestricted, forMissing] = [await probe(restricted), await probe(missing)];
      expect(forRestricted, path).toEqual(forMissing);
      expect(JSON.stringify(forRestricted), path).toMatch(/not-found/);
    }

    const auditor = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'audit.demo'));
    const { body } = await auditor.get<{ entries: AuditRecord[] }>(`/api/audit?caseId=${restricted}`);
    const denials = body.entries.filter((e) => e.actor?.userId === education.user.userId);
    for (const action of ['case.read', 'case.events.read', 'case.chronology.read', 'case.previous-involvement.read', 'contribution.add']) {
      expect(denials, action).toContainEqual(expect.objectContaining({ action, outcome: 'denied', detail: 'not-shared' }));
    }
  });
});

describe('watching the case list', () => {
  it('a watch whose audited read failed receives no rows afterwards', async () => {
    const failed = await open(education);
    const watching = await open(education);
    const failedInbox = new Inbox(failed);
    const watchingInbox = new Inbox(watching);
    expect((await rawEmit<Ack<unknown>>(watching, 'cases.watch', {})).ok).toBe(true);

    // Redis refuses writes over maxmemory (noeviction): the read succeeds, its audit record cannot be stored.
    await rawRedisCommand(world.current.redis.port, ['CONFIG', 'SET', 'maxmemory', '1']);
    let ack: Ack<unknown>;
    try {
      ack = await rawEmit<Ack<unknown>>(failed, 'cases.watch', {});
    } finally {
      await rawRedisCommand(world.current.redis.port, ['CONFIG', 'SET', 'maxmemory', '0']);
    }
    expect(ack).toMatchObject({ ok: false, error: { code: 'internal' } });

    const { caseId } = expectResult(await rest(world.current.baseUrl, police).command('case.open', openCasePayload()));
    await expect.poll(() => watchingInbox.casesChanged.some((s) => s.id === caseId)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(failedInbox.casesChanged).toEqual([]);
  });
});
