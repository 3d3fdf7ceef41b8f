/**
 * Who wrote what comes from the signed-in session, never from the payload: a payload that
 * claims an agency, author or actor is refused and nothing is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CommandResult, ContributionEntry } from '@mashboard/shared';
import { command, connectSocket, expectResult, Inbox, rawEmit, rest, signIn, type ErrorBody, type MashSocket, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();

let evans: Session;
let okafor: Session;
let asEvans: Rest;
let evansSocket: MashSocket;
let caseId: string;

beforeAll(async () => {
  const { baseUrl } = world.current;
  [evans, okafor] = await Promise.all([signIn(baseUrl, 'pc.evans'), signIn(baseUrl, 'sw.okafor')]);
  asEvans = rest(baseUrl, evans);
  evansSocket = await connectSocket(baseUrl, evans);
  caseId = expectResult(await asEvans.command('case.open', openCasePayload())).caseId;
});

const claims: [string, Record<string, unknown>][] = [
  ['agency', { agency: 'childrens-social-care' }],
  ['author', { author: { userId: 'someone-else', name: 'Someone Else', agency: 'health', role: 'duty-lead' } }],
  ['actor', { actor: { userId: 'someone-else', name: 'Someone Else', agency: 'health', role: 'duty-lead' } }],
  ['recordedBy', { recordedBy: 'lead.hughes' }],
];

describe('agency and author come from the session', () => {
  it.each(claims)('a REST contribution that names its own %s is refused and nothing is written', async (field, extra) => {
    const before = (await asEvans.view(caseId)).summary.version;
    const res = await asEvans.command('contribution.add', { ...factPayload(caseId), ...extra });
    expect(res.status).toBe(400);
    const error = (res.body as ErrorBody).error;
    expect(error.code).toBe('invalid');
    expect(JSON.stringify(error)).toContain(field);
    const view = await asEvans.view(caseId);
    expect(view.summary.version).toBe(before);
    expect(view.entries).toHaveLength(0);
  });

  it.each(claims)('a socket contribution that names its own %s is refused and nothing is written', async (field, extra) => {
    const before = (await asEvans.view(caseId)).summary.version;
    const ack = await rawEmit<Ack<CommandResult>>(evansSocket, 'contribution.add', { ...factPayload(caseId), ...extra });
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe('invalid');
      expect(JSON.stringify(ack.error)).toContain(field);
    }
    const view = await asEvans.view(caseId);
    expect(view.summary.version).toBe(before);
    expect(view.entries).toHaveLength(0);
  });

  it('opening a case that claims to be opened by someone else is refused', async () => {
    const res = await asEvans.command('case.open', { ...openCasePayload(), openedBy: { userId: 'x', agency: 'health' } });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.code).toBe('invalid');
  });

  it('what is written carries the signed-in user as author and their agency, in the entry and the live event', async () => {
    const okaforSocket = await connectSocket(world.current.baseUrl, okafor);
    const inbox = new Inbox(okaforSocket);
    try {
      const join = await rawEmit<Ack<unknown>>(okaforSocket, 'case.join', { caseId });
      expect(join.ok).toBe(true);
      const result = await command(evansSocket, 'contribution.add', factPayload(caseId));
      const event = await inbox.waitForEvent((e) => e.commandId !== undefined && e.type === 'contribution.added');
      expect(event.actor).toMatchObject({ userId: evans.user.userId, agency: 'police', role: 'practitioner' });
      const entry = (await asEvans.view(caseId)).entries.find((e) => e.id === result.entryId) as ContributionEntry;
      expect(entry.agency).toBe('police');
      expect(entry.author).toMatchObject({ userId: evans.user.userId, name: evans.user.name, agency: 'police' });
    } finally {
      okaforSocket.close();
    }
  });

  it('a practitioner may not change a case status (a decision for the duty lead)', async () => {
    const before = (await asEvans.view(caseId)).summary.version;
    const res = await asEvans.command('case.change-status', { commandId: newCommandId(), caseId, expectedVersion: before, status: 'decided', reason: 'I decide' });
    expect(res.status).toBe(403);
    expect((res.body as ErrorBody).error.code).toBe('forbidden');
    expect((await asEvans.view(caseId)).summary.version).toBe(before);
  });
});
