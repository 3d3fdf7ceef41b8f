/**
 * Several server processes share one Redis: a board open on one process sees what was added
 * through another, live.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, JoinResult } from '@mashboard/shared';
import { command, connectSocket, expectResult, Inbox, rawEmit, rest, signIn, type MashSocket, type Session } from '../support/clients.ts';
import { factPayload, openCasePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld({ servers: 2 });

let okaforOnA: Session;
let evansOnB: Session;
const sockets: MashSocket[] = [];

beforeAll(async () => {
  const [a, b] = world.current.servers;
  okaforOnA = await signIn(a!.baseUrl, 'sw.okafor');
  evansOnB = await signIn(b!.baseUrl, 'pc.evans');
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

async function joined(baseUrl: string, session: Session, caseId: string): Promise<{ socket: MashSocket; inbox: Inbox }> {
  const socket = await connectSocket(baseUrl, session);
  sockets.push(socket);
  const inbox = new Inbox(socket);
  const ack = await rawEmit<Ack<JoinResult>>(socket, 'case.join', { caseId });
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
  return { socket, inbox };
}

describe('two server processes on one Redis', () => {
  it('a contribution made through server B appears live on a board open on server A', async () => {
    const [a, b] = world.current.servers;
    const caseId = expectResult(await rest(b!.baseUrl, evansOnB).command('case.open', openCasePayload())).caseId;
    const onA = await joined(a!.baseUrl, okaforOnA, caseId);
    const onB = await joined(b!.baseUrl, evansOnB, caseId);

    const payload = factPayload(caseId, { text: 'Added through server B' });
    const result = await command(onB.socket, 'contribution.add', payload);
    const event = await onA.inbox.waitForEvent((e) => e.commandId === payload.commandId);
    expect(event).toMatchObject({ seq: result.version, id: result.lastEventId, actor: { agency: 'police' } });

    // And the other way round, over REST on A.
    const viaA = factPayload(caseId, { text: 'Added through server A' });
    expectResult(await rest(a!.baseUrl, okaforOnA).command('contribution.add', viaA));
    const back = await onB.inbox.waitForEvent((e) => e.commandId === viaA.commandId);
    expect(back.seq).toBe(result.version + 1);
  });

  it('boards on both servers get every event exactly once, in order, and a restricted one only as its agencies may see it', async () => {
    const [a, b] = world.current.servers;
    const caseId = expectResult(await rest(a!.baseUrl, okaforOnA).command('case.open', openCasePayload())).caseId;
    const patelOnB = await signIn(b!.baseUrl, 'hv.patel');
    const boards = {
      okaforOnA: await joined(a!.baseUrl, okaforOnA, caseId),
      evansOnB: await joined(b!.baseUrl, evansOnB, caseId),
      patelOnB: await joined(b!.baseUrl, patelOnB, caseId),
    };
    const sent = [
      { on: boards.evansOnB.socket, payload: factPayload(caseId, { text: 'Police only: intelligence', restrictedTo: ['police'] }) },
      { on: boards.okaforOnA.socket, payload: factPayload(caseId, { text: 'From social care on A' }) },
      { on: boards.evansOnB.socket, payload: factPayload(caseId, { text: 'From police on B' }) },
    ];
    for (const { on, payload } of sent) await command(on, 'contribution.add', payload);
    const last = sent[sent.length - 1]!.payload.commandId;
    for (const board of Object.values(boards)) {
      await board.inbox.waitForEvent((e) => e.commandId === last);
      await new Promise((r) => setTimeout(r, 200)); // room for a second copy to arrive, if one were sent
      expect(board.inbox.eventsFor(caseId).map((e) => e.seq)).toEqual([2, 3, 4]);
    }
    const restricted = (inbox: Inbox) => inbox.eventsFor(caseId)[0]!.data;
    expect(restricted(boards.evansOnB.inbox)).toMatchObject({ content: { text: 'Police only: intelligence' } });
    expect(restricted(boards.patelOnB.inbox)).toMatchObject({ content: null, withheld: true });
    expect(restricted(boards.okaforOnA.inbox)).toMatchObject({ content: null, withheld: true });
  });

  it('both servers read the same case (one system of record)', async () => {
    const [a, b] = world.current.servers;
    const caseId = expectResult(await rest(a!.baseUrl, okaforOnA).command('case.open', openCasePayload())).caseId;
    expectResult(await rest(a!.baseUrl, okaforOnA).command('contribution.add', factPayload(caseId)));
    const viewA = await rest(a!.baseUrl, okaforOnA).view(caseId);
    const viewB = await rest(b!.baseUrl, evansOnB).view(caseId);
    expect(viewB.summary.version).toBe(viewA.summary.version);
    expect(viewB.entries).toEqual(viewA.entries);
  });

  it('presence shows viewers connected to either server', async () => {
    const [a, b] = world.current.servers;
    const caseId = expectResult(await rest(a!.baseUrl, okaforOnA).command('case.open', openCasePayload())).caseId;
    const onA = await joined(a!.baseUrl, okaforOnA, caseId);
    await joined(b!.baseUrl, evansOnB, caseId);
    await onA.inbox.waitForPresence(caseId, (v) => v.some((x) => x.userId === evansOnB.user.userId) && v.some((x) => x.userId === okaforOnA.user.userId));
  });

  it('a session signed in on server A is accepted by server B (behind a load balancer either may answer)', async () => {
    const [a, b] = world.current.servers;
    const session = await signIn(a!.baseUrl, 'hv.patel');
    const res = await rest(b!.baseUrl, session).get('/api/cases');
    expect(res.status).toBe(200);
  });
});
