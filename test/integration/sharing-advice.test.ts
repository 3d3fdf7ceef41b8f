/**
 * Sharing decisions under the April 2024 advice: each records the advice it was made under (one
 * held from before still reads, as July 2018, and can still be superseded); a request made to us
 * names who asked; "another reason" for not seeking consent needs words; a "no clear purpose"
 * record needs only the purpose, who asked and the reasons; a share pack (PDF and printable page)
 * prints who asked and the advice its decision was made under, and cannot be exported by anyone
 * who may not see its decision. Every refusal names the field and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SHARING_ADVICE, type CaseSummary } from '@mashboard/shared';
import { keys } from '../../server/src/store/keys.ts';
import { expectResult, rest, signIn, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, notSharedPayload, openCasePayload, startWorld, type World } from '../support/fixtures.ts';
import { pdfText } from '../support/pdf.ts';

/** A decision not to share, with what a test changes (some of it invalid on purpose). */
function decision(caseId: string, over: Record<string, unknown> = {}) {
  return { ...notSharedPayload(caseId), ...over };
}

type ErrorBody = { error: { code: string; issues: { path: string; message: string }[] } };

describe('sharing decisions under the April 2024 advice', () => {
  let world: World;
  let policeSession: Session;
  let police: Rest;
  let health: Rest;
  let caseId: string;
  let entryId: string;

  beforeAll(async () => {
    world = await startWorld();
    policeSession = await signIn(world.baseUrl, 'pc.evans');
    police = rest(world.baseUrl, policeSession);
    health = rest(world.baseUrl, await signIn(world.baseUrl, 'hv.patel'));
    caseId = expectResult(await police.command('case.open', openCasePayload())).caseId;
    entryId = expectResult(await police.command('contribution.add', factPayload(caseId))).entryId!;
  });

  afterAll(async () => {
    await world?.dispose();
  });

  const version = async () => (await police.view(caseId)).summary.version;
  const refused = async (over: Record<string, unknown>) => {
    const before = await version();
    const res = await police.command('sharing.decide', decision(caseId, over));
    expect(res.status).toBe(400);
    expect(await version()).toBe(before);
    return (res.body as ErrorBody).error.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it('records who asked for a request made to us, and shares with them unless told otherwise', async () => {
    expect(await refused({ direction: 'incoming' })).toEqual(['requester: say who asked: their agency or organisation, and their role']);
    expect(await refused({ direction: 'incoming', requester: { role: 'GP' } })).toEqual(['requester.organisation: name the agency or organisation that asked']);

    const requester = { organisation: 'Ravenswood GP surgery', role: 'GP', person: 'Dr Amir Shah' };
    const shared = expectResult(
      await police.command('sharing.decide', decision(caseId, { direction: 'incoming', requester, decision: 'share', selection: { contributionIds: [entryId] }, channel: 'secure-email' })),
    );
    const d = (await police.view(caseId)).summary.sharingDecisions.find((x) => x.id === shared.entryId)!;
    expect(d.requester).toEqual(requester);
    // Shared with whoever asked: the log never says "No recipient recorded".
    expect(d.recipient).toEqual(requester);
  });

  it('prints who asked and the advice the decision was made under on the share pack, as PDF and as the printable page', async () => {
    const requester = { agency: 'health', role: 'Health visitor', person: 'Łucja Wąsowska' };
    const shared = expectResult(
      await police.command('sharing.decide', decision(caseId, { direction: 'incoming', requester, decision: 'share', selection: { contributionIds: [entryId] }, channel: 'secure-email' })),
    );
    const exported = async (format: 'pdf' | 'html') => {
      const res = await fetch(`${world.baseUrl}/api/cases/${caseId}/sharing-decisions/${shared.entryId}/exports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: policeSession.cookie, 'x-csrf-token': policeSession.csrfToken, origin: world.baseUrl },
        body: JSON.stringify({ format }),
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    // Line breaks and the printable page's markup aside, both read the same.
    const words = (text: string) => text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    const pdf = words(await pdfText(await exported('pdf')));
    const html = words((await exported('html')).toString('utf8'));
    for (const text of [pdf, html]) {
      expect(text).toContain('Asked by: Health (Łucja Wąsowska, Health visitor)');
      expect(text).toContain('Shared with: Health (Łucja Wąsowska, Health visitor)');
      expect(text).toContain(`Made under: ${SHARING_ADVICE['2024-05']}`);
    }
  });

  it('refuses "another reason" for not seeking consent without words, or with only spaces', async () => {
    for (const reasonText of [undefined, '   ']) {
      expect(await refused({ consent: { status: 'not-sought', reason: 'other', ...(reasonText === undefined ? {} : { reasonText }) } })).toEqual([
        'consent.reasonText: say in words why consent was not sought',
      ]);
    }
    const ok = expectResult(await police.command('sharing.decide', decision(caseId, { consent: { status: 'not-sought', reason: 'other', reasonText: '  The mother has left the country  ' } })));
    const d = (await police.view(caseId)).summary.sharingDecisions.find((x) => x.id === ok.entryId)!;
    expect(d.consent).toEqual({ status: 'not-sought', reason: 'other', reasonText: 'The mother has left the country' });
  });

  it('a "no clear purpose" record needs only the purpose, who asked and the reasons; with a purpose, the rest is required', async () => {
    const none = expectResult(
      await police.command('sharing.decide', {
        commandId: newCommandId(),
        caseId,
        direction: 'incoming',
        requester: { agency: 'housing', role: 'Housing officer' },
        purpose: 'Asked for everything held on the family, for a rent arrears case',
        hasClearPurpose: false,
        decision: 'do-not-share',
        reasons: 'Rent arrears are not a safeguarding purpose; told the housing officer so',
      }),
    );
    const d = (await police.view(caseId)).summary.sharingDecisions.find((x) => x.id === none.entryId)!;
    expect(d).toMatchObject({ hasClearPurpose: false, decision: 'do-not-share', requester: { agency: 'housing', role: 'Housing officer' }, lawfulBases: [] });
    expect(d.consent).toBeUndefined();
    expect(d.familyTold).toBeUndefined();

    const missing = await refused({ consent: undefined, identifiesPerson: undefined, familyTold: undefined });
    expect(missing).toEqual(
      expect.arrayContaining([
        'consent: say whether consent was given, refused or not sought',
        'identifiesPerson: say whether the information identifies a living person',
        'familyTold: say whether the child and family were told',
      ]),
    );
    // Still no sharing without a clear purpose.
    expect(await refused({ hasClearPurpose: false, decision: 'share', selection: { contributionIds: [entryId] }, recipient: { role: 'Nurse' }, channel: 'phone' })).toContain(
      'hasClearPurpose: information cannot be shared without a clear and legitimate purpose',
    );
  });

  it('each decision says which advice it was made under; one held from before reads as July 2018 and can still be superseded', async () => {
    const now = expectResult(await police.command('sharing.decide', decision(caseId)));
    const held = expectResult(await police.command('sharing.decide', decision(caseId, { reasons: 'Recorded before the 2024 advice was adopted' })));
    expect((await police.view(caseId)).summary.sharingDecisions.find((x) => x.id === now.entryId)!.advice).toBe('2024-05');

    // As an earlier version stored it: no advice on the decision.
    const redis = new Redis(world.redis.url);
    try {
      const json = (await redis.hget(keys.caseSummary(caseId), 'json'))!;
      const stored = JSON.parse(json) as CaseSummary;
      stored.sharingDecisions = stored.sharingDecisions.map((x) => {
        if (x.id !== held.entryId) return x;
        const { advice: _a, ...old } = x;
        return old as typeof x;
      });
      await redis.hset(keys.caseSummary(caseId), 'json', JSON.stringify(stored));
    } finally {
      redis.disconnect();
    }
    const old = (await police.view(caseId)).summary.sharingDecisions.find((x) => x.id === held.entryId)!;
    expect(old.advice).toBe('2018-07');
    expect(old.reasons).toBe('Recorded before the 2024 advice was adopted');
    const replaced = expectResult(await police.command('sharing.decide', decision(caseId, { supersedes: held.entryId, supersedeReason: 'Reviewed under the 2024 advice' })));
    const log = (await police.view(caseId)).summary.sharingDecisions;
    expect(log.find((x) => x.id === held.entryId)!.supersededBy?.id).toBe(replaced.entryId);
    expect(log.find((x) => x.id === replaced.entryId)!.advice).toBe('2024-05');
  });

  it('refuses an export of a decision the user may not see, and records nothing', async () => {
    const hidden = expectResult(await police.command('case.open', openCasePayload({ restrictedTo: ['police'] }))).caseId;
    const hiddenEntry = expectResult(await police.command('contribution.add', factPayload(hidden))).entryId!;
    const shared = expectResult(
      await police.command(
        'sharing.decide',
        decision(hidden, { decision: 'share', selection: { contributionIds: [hiddenEntry] }, recipient: { organisation: 'Larch Primary School', role: 'DSL' }, channel: 'secure-email' }),
      ),
    );
    const before = (await police.view(hidden)).summary;
    for (const format of ['pdf', 'html']) {
      const res = await health.post<ErrorBody>(`/api/cases/${hidden}/sharing-decisions/${shared.entryId}/exports`, { format });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not-found');
    }
    // Nor through a case the user may see: a decision id from another case is not found there.
    const elsewhere = await health.post<ErrorBody>(`/api/cases/${caseId}/sharing-decisions/${shared.entryId}/exports`, { format: 'pdf' });
    expect(elsewhere.status).toBe(404);
    const after = (await police.view(hidden)).summary;
    expect(after.version).toBe(before.version);
    expect(after.sharingDecisions.find((x) => x.id === shared.entryId)!.exports).toEqual([]);
  });
});
