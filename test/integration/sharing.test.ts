/**
 * Information-sharing decisions: the server refuses a record that contradicts the flowchart or the
 * law, a share pack holds only what was chosen, and every export is audited and linked to its
 * decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord, CaseEvent, SharePack } from '@mashboard/shared';
import { connectSocket, expectResult, Inbox, rawEmit, rest, signIn, type MashSocket, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, startWorld, type World } from '../support/fixtures.ts';

const RESTRICTED = 'Intelligence: known associate of a registered sex offender';
const REFERRER = 'Mrs Protected Neighbour';

function decision(caseId: string, over: Record<string, unknown> = {}) {
  return {
    commandId: newCommandId(),
    caseId,
    direction: 'outgoing',
    purpose: 'The school nurse needs to know of the injuries to monitor the child',
    hasClearPurpose: true,
    consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
    identifiesPerson: true,
    lawfulBases: ['uk-gdpr-6-1-e'],
    decision: 'share',
    reasons: 'The child may be at risk of significant harm; the nurse sees her daily',
    selection: { contributionIds: [] },
    recipient: { organisation: 'Larch Primary School', role: 'School nurse' },
    channel: 'secure-email',
    familyTold: { told: false, why: 'Telling the family now could put the child at risk' },
    ...over,
  };
}

describe('information-sharing decisions', () => {
  let world: World;
  let police: Session;
  let caseId: string;
  let openEntry: string;
  let restrictedEntry: string;
  let socket: MashSocket;
  let inbox: Inbox;

  beforeAll(async () => {
    world = await startWorld();
    police = await signIn(world.baseUrl, 'pc.evans');
    const api = rest(world.baseUrl, police);
    caseId = expectResult(
      await api.command('case.open', { ...openCasePayload(), referral: { source: 'family-member', referrerName: REFERRER, referrerRole: 'Neighbour', identityProtected: true } }),
    ).caseId;
    openEntry = expectResult(await api.command('contribution.add', factPayload(caseId))).entryId!;
    restrictedEntry = expectResult(await api.command('contribution.add', { ...factPayload(caseId), text: RESTRICTED, restrictedTo: ['police'] })).entryId!;
    socket = await connectSocket(world.baseUrl, await signIn(world.baseUrl, 'hv.patel'));
    inbox = new Inbox(socket);
    await rawEmit(socket, 'case.join', { caseId });
  });

  afterAll(async () => {
    socket?.disconnect();
    await world?.dispose();
  });

  it('refuses records that contradict the flowchart or the law, naming the field, and writes nothing', async () => {
    const api = rest(world.baseUrl, police);
    const before = (await api.view(caseId)).summary.version;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ hasClearPurpose: false, selection: { contributionIds: [openEntry] } }, 'hasClearPurpose', /clear and legitimate purpose/],
      [{ lawfulBases: [], selection: { contributionIds: [openEntry] } }, 'lawfulBases', /needs a lawful basis/],
      [{ lawfulBases: ['uk-gdpr-6-1-a'], selection: { contributionIds: [openEntry] } }, 'lawfulBases', /consent .* cannot be the basis/],
      [{ reasons: '', selection: { contributionIds: [openEntry] } }, 'reasons', /must not be empty/],
      [{ selection: { contributionIds: [] } }, 'selection.contributionIds', /choose what is shared/],
      [{ selection: { contributionIds: [openEntry] }, channel: undefined }, 'channel', /how it is shared/],
    ];
    for (const [over, path, message] of cases) {
      const res = await api.command('sharing.decide', decision(caseId, over));
      expect(res.status, path).toBe(400);
      const messages = (res.body as { error: { issues: { path: string; message: string }[] } }).error.issues.filter((i) => i.path === path).map((i) => i.message);
      expect(
        messages.some((m) => message.test(m)),
        `${path}: ${messages.join(' | ')}`,
      ).toBe(true);
    }
    const health = await signIn(world.baseUrl, 'hv.patel');
    const notPolice = await rest(world.baseUrl, health).command('sharing.decide', decision(caseId, { lawfulBases: ['dpa-part3-sch8-para4'], selection: { contributionIds: [openEntry] } }));
    expect(notPolice.status).toBe(400);
    const cannotSee = await rest(world.baseUrl, health).command('sharing.decide', decision(caseId, { selection: { contributionIds: [restrictedEntry] } }));
    expect(cannotSee.status).toBe(403);
    expect((await api.view(caseId)).summary.version).toBe(before);
  });

  it('records a decision, to share or not, live in the sharing log; a later one supersedes it with a reason', async () => {
    const api = rest(world.baseUrl, police);
    const notShared = expectResult(
      await api.command('sharing.decide', decision(caseId, { decision: 'do-not-share', reasons: 'Not necessary: the nurse has no role in this', recipient: undefined, channel: undefined })),
    );
    const live = await inbox.waitForEvent((e: CaseEvent) => e.type === 'sharing.decided' && e.data.decisionId === notShared.entryId);
    expect(live.type === 'sharing.decided' && live.data.content.decision).toBe('do-not-share');

    const replaced = expectResult(
      await api.command('sharing.decide', decision(caseId, { selection: { contributionIds: [openEntry] }, supersedes: notShared.entryId, supersedeReason: 'New injury reported' })),
    );
    const log = (await api.view(caseId)).summary.sharingDecisions;
    expect(log.find((d) => d.id === notShared.entryId)?.supersededBy).toMatchObject({ id: replaced.entryId, reason: 'New injury reported' });
    expect(log.find((d) => d.id === replaced.entryId)).toMatchObject({ decision: 'share', decidedBy: { userId: police.user.userId } });
  });

  it('a share pack holds no restricted entry or protected identity that was not chosen', async () => {
    const api = rest(world.baseUrl, police);
    const plain = await api.post<{ pack: SharePack }>(`/api/cases/${caseId}/share-pack-preview`, { contributionIds: [openEntry, restrictedEntry] });
    expect(plain.status).toBe(200);
    expect(plain.body.pack.items.map((i) => i.id)).toEqual([openEntry]);
    expect(plain.body.pack.omitted).toEqual([{ id: restrictedEntry, why: 'restricted-not-chosen' }]);
    expect(JSON.stringify(plain.body)).not.toContain(RESTRICTED);
    expect(JSON.stringify(plain.body)).not.toContain(REFERRER);

    const chosen = await api.post<{ pack: SharePack }>(`/api/cases/${caseId}/share-pack-preview`, {
      contributionIds: [openEntry, restrictedEntry],
      includeRestrictedIds: [restrictedEntry],
      includeProtectedIdentity: true,
    });
    expect(chosen.body.pack.items.map((i) => i.id)).toEqual([openEntry, restrictedEntry]);
    expect(chosen.body.pack.referral.referrer).toContain(REFERRER);
  });

  it('every export is audited and linked to its decision; the pack leaves out what was not chosen', async () => {
    const api = rest(world.baseUrl, police);
    const shared = expectResult(await api.command('sharing.decide', decision(caseId, { selection: { contributionIds: [openEntry, restrictedEntry] } })));
    const html = await fetch(`${world.baseUrl}/api/cases/${caseId}/sharing-decisions/${shared.entryId}/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: police.cookie, 'x-csrf-token': police.csrfToken, origin: world.baseUrl },
      body: JSON.stringify({ format: 'html' }),
    });
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toContain('OFFICIAL-SENSITIVE');
    expect(page).toContain('<h3>Fact · Current · ');
    expect(page).not.toContain(RESTRICTED);
    expect(page).not.toContain(REFERRER);

    const pdf = await fetch(`${world.baseUrl}/api/cases/${caseId}/sharing-decisions/${shared.entryId}/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: police.cookie, 'x-csrf-token': police.csrfToken, origin: world.baseUrl },
      body: JSON.stringify({ format: 'pdf' }),
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const exports = (await api.view(caseId)).summary.sharingDecisions.find((d) => d.id === shared.entryId)!.exports;
    expect(exports.map((e) => e.format)).toEqual(['html', 'pdf']);
    const auditor = await signIn(world.baseUrl, 'audit.demo');
    const audit = (await rest(world.baseUrl, auditor).get<{ entries: AuditRecord[] }>(`/api/audit?caseId=${caseId}`)).body.entries.filter((e) => e.action === 'sharing.export');
    expect(audit).toHaveLength(2);
    expect(audit.every((e) => e.objectId === shared.entryId && e.outcome === 'succeeded' && e.actor?.userId === police.user.userId)).toBe(true);
    expect(audit.map((e) => e.detail).sort()).toEqual(exports.map((e) => `${e.format} export ${e.exportId}`).sort());
  });
});
