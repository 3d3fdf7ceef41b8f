/**
 * The contact decision on a real server and Redis: the clocks every contact gets on receipt, the
 * statuses a case moves through by itself, what a decision starts (its next step, a strategy
 * discussion, feedback to the referrer) and how the case closes once they are done; and bad input
 * refused naming the field, with nothing written.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECISION_SETTINGS, DEFAULT_POLICY, type CaseSummary, type DecisionSettings, type Deadline } from '@mashboard/shared';
import { expectResult, rest, signIn, type ErrorBody, type Session } from '../support/clients.ts';
import { newCommandId, openCasePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();
const HOUR = 3_600_000;
const [LEVEL_3, LEVEL_4] = [DEFAULT_DECISION_SETTINGS.thresholds[2]!, DEFAULT_DECISION_SETTINGS.thresholds[3]!];

async function openCase(lead: Session, overrides: Parameters<typeof openCasePayload>[0] = {}): Promise<CaseSummary> {
  const opened = expectResult(await rest(lead.baseUrl, lead).command('case.open', openCasePayload(overrides)));
  return (await rest(lead.baseUrl, lead).view(opened.caseId)).summary;
}

const summaryOf = async (session: Session, caseId: string) => (await rest(session.baseUrl, session).view(caseId)).summary;
const deadline = (s: CaseSummary, id: string): Deadline | undefined => s.deadlines.find((d) => d.id === id);

function decision(caseId: string, extra: Record<string, unknown> = {}) {
  return { commandId: newCommandId(), caseId, outcome: 'child-in-need-assessment', threshold: LEVEL_3, rationale: 'Repeated bruising with no explanation; mother agrees to an assessment.', ...extra };
}

describe('the contact decision', () => {
  it('a contact gets its decision and first-rating clocks on arrival; rating tightens the decision deadline and moves it into triage', async () => {
    const lead = await signIn(world.current.baseUrl, 'lead.hughes');
    const receivedAt = new Date(Date.now() - 2 * HOUR).toISOString();
    const opened = await openCase(lead, { receivedAt });
    expect(opened.status).toBe('new');
    const fromReceipt = deadline(opened, 'triage')!;
    expect(fromReceipt).toMatchObject({ kind: 'triage', state: 'open', startedAt: receivedAt });
    expect(fromReceipt.rating).toBeUndefined();
    // One working day from receipt: never sooner than 8 hours on (a working day is 09:00–17:00 at its shortest).
    expect(Date.parse(fromReceipt.dueAt) - Date.parse(receivedAt)).toBeGreaterThanOrEqual(8 * HOUR);
    expect(deadline(opened, 'rating')).toMatchObject({ kind: 'initial-rating', state: 'open', startedAt: receivedAt });

    const api = rest(world.current.baseUrl, lead);
    expectResult(await api.command('rating.set', { commandId: newCommandId(), caseId: opened.id, expectedVersion: opened.version, rating: 'red', reason: 'Bruised baby' }));
    const rated = await summaryOf(lead, opened.id);
    expect(rated.status).toBe('in-progress');
    expect(deadline(rated, 'rating')?.state).toBe('done');
    // Red: 4 hours from receipt, round the clock (the default policy).
    expect(deadline(rated, 'triage')).toMatchObject({ state: 'open', rating: 'red', dueAt: new Date(Date.parse(receivedAt) + DEFAULT_POLICY.ratings.red.decisionWithinHours! * HOUR).toISOString() });
  });

  it('statuses move as work happens, the decision starts what follows, and the case closes once every follow-up is done', async () => {
    const lead = await signIn(world.current.baseUrl, 'lead.hughes');
    const health = await signIn(world.current.baseUrl, 'hv.patel');
    const api = rest(world.current.baseUrl, lead);
    const opened = await openCase(lead);

    const request = expectResult(await api.command('information.request', { commandId: newCommandId(), caseId: opened.id, agency: 'health', question: 'Any A&E attendances?' }));
    expect((await summaryOf(lead, opened.id)).status).toBe('awaiting-information');
    expectResult(
      await rest(world.current.baseUrl, health).command('information.answer', {
        commandId: newCommandId(),
        caseId: opened.id,
        requestId: request.entryId!,
        answer: { kind: 'nothing-held', reason: 'No attendances on record' },
      }),
    );
    expect((await summaryOf(lead, opened.id)).status).toBe('in-progress');

    const dueAt = new Date(Date.now() + 48 * HOUR).toISOString();
    const recorded = expectResult(
      await api.command(
        'decision.record',
        decision(opened.id, {
          outcome: 'strategy-discussion',
          threshold: LEVEL_4,
          informationFrom: ['health', 'education'],
          informationAwaited: ['police'],
          nextStep: { title: 'Convene the strategy discussion', ownerUserId: lead.user.userId, dueAt },
        }),
      ),
    );
    const decided = await summaryOf(lead, opened.id);
    expect(decided.status).toBe('decided');
    const [made] = decided.decisions;
    expect(made).toMatchObject({ id: recorded.entryId, outcome: 'strategy-discussion', threshold: LEVEL_4, informationFrom: ['health', 'education'], informationAwaited: ['police'] });
    expect(made!.nextStep).toMatchObject({ title: 'Convene the strategy discussion', owner: { userId: lead.user.userId }, dueAt });
    expect(deadline(decided, 'triage')?.state).toBe('done');
    expect(deadline(decided, 'rating')?.state).toBe('done');
    expect(deadline(decided, 'strategy')?.state).toBe('open');
    expect(deadline(decided, `action:${made!.nextStep!.actionId}`)).toMatchObject({ state: 'open', dueAt, owner: { userId: lead.user.userId } });
    const feedback = deadline(decided, 'feedback')!;
    expect(feedback).toMatchObject({ kind: 'referrer-feedback', state: 'open' });
    expect(Date.parse(feedback.dueAt)).toBeGreaterThan(Date.now());

    // The referrer is told: how and when, by whom.
    const givenAt = new Date().toISOString();
    expectResult(
      await api.command('referrer-feedback.record', { commandId: newCommandId(), caseId: opened.id, method: 'phone', givenAt, note: 'Told the school a strategy discussion will be held.' }),
    );
    const told = await summaryOf(lead, opened.id);
    expect(deadline(told, 'feedback')?.state).toBe('done');
    expect(told.referrerFeedback).toEqual([expect.objectContaining({ method: 'phone', givenAt, recordedBy: expect.objectContaining({ userId: lead.user.userId }) })]);
    expect(told.status).toBe('decided');

    expectResult(await api.command('action.complete', { commandId: newCommandId(), caseId: opened.id, actionId: made!.nextStep!.actionId }));
    expect((await summaryOf(lead, opened.id)).status).toBe('decided');
    expectResult(await api.command('strategy-discussion.record-held', { commandId: newCommandId(), caseId: opened.id, note: 'Held with police and health' }));
    const closed = await summaryOf(lead, opened.id);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBeTruthy();
    expect(closed.retention?.reviewDueAt).toBeTruthy();
  });

  it('an anonymous referrer is owed no feedback, so a decision with nothing to follow closes the case', async () => {
    const lead = await signIn(world.current.baseUrl, 'lead.hughes');
    const opened = await openCase(lead, { referral: { source: 'anonymous' } });
    expectResult(await rest(world.current.baseUrl, lead).command('decision.record', decision(opened.id, { outcome: 'no-further-action', threshold: DEFAULT_DECISION_SETTINGS.thresholds[0] })));
    const after = await summaryOf(lead, opened.id);
    expect(deadline(after, 'feedback')).toBeUndefined();
    expect(after.status).toBe('closed');
    const refused = await rest(world.current.baseUrl, lead).command('referrer-feedback.record', { commandId: newCommandId(), caseId: opened.id, method: 'phone', givenAt: new Date().toISOString() });
    expect(refused.status).toBe(409);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const lead = await signIn(world.current.baseUrl, 'lead.hughes');
    const api = rest(world.current.baseUrl, lead);
    const opened = await openCase(lead);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [decision(opened.id, { outcome: 'prosecute' }), 'outcome', /must be one of: no-further-action, advice-and-information/],
      [decision(opened.id, { rationale: undefined }), 'rationale', /required/],
      [decision(opened.id, { rationale: '   ' }), 'rationale', /must not be empty/],
      [decision(opened.id, { threshold: 'Level 9: made up' }), 'threshold', /must be one of the levels of need/],
      [decision(opened.id, { informationFrom: ['police'], informationAwaited: ['police'] }), 'informationAwaited', /both relied on and still awaited/],
      [decision(opened.id, { nextStep: { title: 'Visit', ownerUserId: 'nobody-at-all', dueAt: new Date(Date.now() + HOUR).toISOString() } }), 'nextStep.ownerUserId', /no active user/],
      [decision(opened.id, { nextStep: { title: 'Visit', ownerUserId: lead.user.userId, dueAt: new Date(Date.now() - HOUR).toISOString() } }), 'nextStep.dueAt', /future/],
    ];
    for (const [payload, path, message] of cases) {
      const res = await api.command('decision.record', payload);
      expect(res.status, path).toBe(400);
      const issue = (res.body as ErrorBody).error.issues?.find((i) => i.path === path);
      expect(issue?.message, JSON.stringify(res.body)).toMatch(message);
    }
    const feedbackFirst = await api.command('referrer-feedback.record', { commandId: newCommandId(), caseId: opened.id, method: 'phone', givenAt: new Date().toISOString() });
    expect(feedbackFirst.status).toBe(409);
    const badMethod = await api.command('referrer-feedback.record', { commandId: newCommandId(), caseId: opened.id, method: 'pigeon', givenAt: new Date().toISOString() });
    expect((badMethod.body as ErrorBody).error.issues?.[0]?.path).toBe('method');

    const after = await summaryOf(lead, opened.id);
    expect(after.version).toBe(opened.version);
    expect(after.decisions).toEqual([]);
    expect(after.status).toBe('new');
  });

  it('the levels of need are the admin’s list: a new level is accepted at once, a removed one refused', async () => {
    const admin = await signIn(world.current.baseUrl, 'admin.demo');
    const lead = await signIn(world.current.baseUrl, 'lead.hughes');
    const current = (await rest(world.current.baseUrl, admin).get<{ settings: DecisionSettings }>('/api/decision-settings')).body.settings;
    const put = (body: unknown) =>
      fetch(`${world.current.baseUrl}/api/decision-settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: world.current.baseUrl },
        body: JSON.stringify(body),
      });
    const duplicate = await put({ expectedVersion: current.version, settings: { thresholds: ['Tier 1', 'tier 1'] } });
    expect(duplicate.status).toBe(400);
    expect(JSON.stringify(await duplicate.json())).toContain('thresholds');
    const asLead = await fetch(`${world.current.baseUrl}/api/decision-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: lead.cookie, 'x-csrf-token': lead.csrfToken, origin: world.current.baseUrl },
      body: JSON.stringify({ expectedVersion: current.version, settings: { thresholds: ['Tier 1'] } }),
    });
    expect(asLead.status).toBe(403);

    const replaced = await put({ expectedVersion: current.version, settings: { thresholds: ['Tier 1: universal', 'Tier 2: targeted', 'Tier 3: specialist'] } });
    expect(replaced.status).toBe(200);
    try {
      const opened = await openCase(lead);
      const old = await rest(world.current.baseUrl, lead).command('decision.record', decision(opened.id));
      expect(old.status).toBe(400);
      expect((old.body as ErrorBody).error.message).toContain('Tier 2: targeted');
      expectResult(await rest(world.current.baseUrl, lead).command('decision.record', decision(opened.id, { threshold: 'Tier 2: targeted' })));
    } finally {
      const now = (await rest(world.current.baseUrl, admin).get<{ settings: DecisionSettings }>('/api/decision-settings')).body.settings;
      await put({ expectedVersion: now.version, settings: { thresholds: DEFAULT_DECISION_SETTINGS.thresholds } });
    }
  });

  it('flags a contact on arrival when the same child had a decision within 12 months, and not otherwise', async () => {
    const lead = await signIn(world.current.baseUrl, 'lead.hughes');
    const api = rest(world.current.baseUrl, lead);
    const child = { firstName: 'Rosalind', lastName: 'Quennell', dateOfBirth: '2014-02-03' };
    const first = await openCase(lead, { children: [child], receivedAt: new Date(Date.now() - 3 * 24 * HOUR).toISOString() });
    expect(first.reReferral).toBeUndefined();
    expectResult(await api.command('decision.record', decision(first.id, { outcome: 'early-help', threshold: DEFAULT_DECISION_SETTINGS.thresholds[1] })));

    // The same child again, and an unrelated child: only the first is flagged.
    const now = new Date().toISOString();
    const again = await openCase(lead, { children: [child], receivedAt: now });
    expect(again.reReferral).toEqual({ earlierCases: 1, withinMonths: 12 });
    const unrelated = await openCase(lead, { children: [{ firstName: 'Bartholomew', lastName: 'Quennell', dateOfBirth: '2009-10-11' }], receivedAt: now });
    expect(unrelated.reReferral).toBeUndefined();
    // A decision recorded after the contact arrived does not make that contact a re-referral.
    const before = await openCase(lead, { children: [child], receivedAt: new Date(Date.now() - 10 * 24 * HOUR).toISOString() });
    expect(before.reReferral).toBeUndefined();
  });

  it('where the settings require it, a case closes only once a MASH manager signs its decision off', async () => {
    const admin = await signIn(world.current.baseUrl, 'admin.demo');
    const lead = await signIn(world.current.baseUrl, 'lead.hughes');
    const manager = await signIn(world.current.baseUrl, 'mgr.clarke');
    const put = async (settings: Partial<DecisionSettings>) => {
      const now = (await rest(world.current.baseUrl, admin).get<{ settings: DecisionSettings }>('/api/decision-settings')).body.settings;
      const res = await fetch(`${world.current.baseUrl}/api/decision-settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: world.current.baseUrl },
        body: JSON.stringify({ expectedVersion: now.version, settings: { thresholds: now.thresholds, signOffRequired: now.signOffRequired, ...settings } }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { settings: DecisionSettings };
    };
    const { settings } = await put({ signOffRequired: true });
    try {
      const opened = await openCase(lead, { referral: { source: 'anonymous' } });
      const made = expectResult(await rest(world.current.baseUrl, lead).command('decision.record', decision(opened.id, { outcome: 'no-further-action', threshold: settings.thresholds[0] })));
      // Nothing else to follow, but not signed off: the case stays decided.
      expect((await summaryOf(lead, opened.id)).status).toBe('decided');
      const byLead = await rest(world.current.baseUrl, lead).command('decision.sign-off', { commandId: newCommandId(), caseId: opened.id, decisionId: made.entryId });
      expect(byLead.status).toBe(403);
      const wrong = await rest(world.current.baseUrl, manager).command('decision.sign-off', { commandId: newCommandId(), caseId: opened.id, decisionId: 'not-a-decision' });
      expect((wrong.body as ErrorBody).error.issues?.[0]?.path).toBe('decisionId');
      expectResult(await rest(world.current.baseUrl, manager).command('decision.sign-off', { commandId: newCommandId(), caseId: opened.id, decisionId: made.entryId }));
      const after = await summaryOf(lead, opened.id);
      expect(after.decisions[0]!.signedOff?.by.userId).toBe(manager.user.userId);
      expect(after.status).toBe('closed');
    } finally {
      await put({ signOffRequired: false });
    }
  });
});
