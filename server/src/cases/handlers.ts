/**
 * How each command on a case decides its events from the case as it stands: the refusals that
 * keep the record right (a closed case takes nothing new, a correction names the version it
 * corrects, a meeting decision names a meeting in progress) and the clocks each change starts.
 * `CaseCommands` (commands.ts) runs them through the command runner.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis.ts';
import {
  agencyName,
  applyToSummary,
  automaticStatus,
  CURRENT_SHARING_ADVICE,
  currentVersion,
  deadlineTimes,
  decisionRule,
  describeIssues,
  informationRequestRule,
  mayAnswerRequest,
  mayCompleteAction,
  mayCorrectEntry,
  maySee,
  maySeeCase,
  peopleIssues,
  RATING_DEADLINE_ID,
  receiptClocks,
  referrerCanBeTold,
  retentionOutcome,
  retentionReviewDue,
  reviewDayStart,
  sharingDecisionIssues,
  thresholdIssue,
  timesUntil,
  workingDaysDeadline,
  type Actor,
  type BoardEntry,
  type CaseDecision,
  type CaseEventBody,
  type CaseSummary,
  type ChildInput,
  type CommandName,
  type CommandPayload,
  type DueTimes,
  type MeetingSummary,
  type PeopleIssue,
  type ReReferral,
} from '@mashboard/shared';
import type { Users } from '../auth/users.ts';
import type { Decision as RunnerDecision } from '../commands/runner.ts';
import type { TimelinessPolicyStore } from '../deadlines/policy-store.ts';
import { refuse, refuseCaseNotShared } from '../errors.ts';
import type { RetentionScheduleStore } from '../retention/schedule-store.ts';
import type { EventStore } from '../store/event-store.ts';
import { keys } from '../store/keys.ts';
import type { DecisionSettingsStore } from './decision-settings.ts';

type Decision = RunnerDecision<CaseEventBody>;

/** What a command on a case may read to decide. */
export interface CommandContext {
  actor: Actor;
  store: EventStore;
  users: Users;
  redis: RedisClient;
  policy: TimelinessPolicyStore;
  retention: RetentionScheduleStore;
  decisions: DecisionSettingsStore;
  /** Earlier decisions on matching children (the re-referral flag); none until wired in. */
  earlierDecisions: (children: ChildInput[], receivedAt: Date) => Promise<ReReferral | null>;
  /** A meeting's summary (decisions made in a meeting name it). */
  meeting: (meetingId: string) => Promise<MeetingSummary | null>;
}

export interface CommandHandler<N extends CommandName> {
  /** The case the command acts on (a new case's id is derived from its commandId, so a retry finds it). */
  caseIdOf(payload: CommandPayload<N>): string;
  /** A version the client says it decided on; a mismatch is refused instead of retried. */
  expectedVersionOf?(payload: CommandPayload<N>): number;
  decide(payload: CommandPayload<N>, summary: CaseSummary | null, ctx: CommandContext): Decision | Promise<Decision>;
}

export function caseIdForNewCase(commandId: string): string {
  return 'c' + createHash('sha256').update(`case:${commandId}`).digest('hex').slice(0, 20);
}

export function existing(summary: CaseSummary | null): CaseSummary {
  if (!summary) refuseCaseNotShared(false);
  return summary;
}

function open(summary: CaseSummary | null): CaseSummary {
  const s = existing(summary);
  if (s.status === 'closed') refuse('conflict', `Case ${s.reference} is closed; reopen it before adding to it.`);
  return s;
}

function requirePeople(summary: CaseSummary, personIds: readonly string[]): void {
  personIds.forEach((id, i) => {
    if (!(summary.people ?? []).some((p) => p.id === id)) {
      const path = `personIds.${i}`;
      refuse('invalid', `Invalid input: ${path}: no person with that id on case ${summary.reference}`, [{ path, message: `no person with that id on case ${summary.reference}` }]);
    }
  });
}

/** Refuses people and addresses that name ids already used, a child not on the case or an address not on it. */
function refusePeopleIssues(issues: PeopleIssue[]): void {
  if (issues.length > 0) refuse('invalid', `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

function requireChild(summary: CaseSummary, childId: string, path = 'childId'): void {
  if (!summary.children.some((c) => c.id === childId)) {
    refuse('invalid', `Invalid input: ${path}: no child with that id on case ${summary.reference}`, [{ path, message: `no child with that id on case ${summary.reference}` }]);
  }
}

async function entryToCorrect(ctx: CommandContext, summary: CaseSummary, entryId: string, kind: BoardEntry['kind'], expectedEntryVersion: number): Promise<BoardEntry> {
  const entry = await ctx.store.readEntry(summary.id, entryId);
  if (!entry || entry.kind !== kind) refuse('not-found', `No ${kind === 'voice' ? "child's voice entry" : 'contribution'} ${entryId} on case ${summary.reference}.`);
  if (!mayCorrectEntry(entry, ctx.actor)) {
    refuse('forbidden', 'Only the agency that recorded an entry may correct it; ask them, or add your own contribution.');
  }
  const latest = currentVersion(entry).version;
  if (latest !== expectedEntryVersion) {
    refuse('conflict', `This entry was corrected since you opened it (now version ${latest}); review the latest version and try again.`);
  }
  return entry;
}

async function nextReference(redis: RedisClient, receivedAt: string): Promise<string> {
  const year = Number(receivedAt.slice(0, 4)) || new Date().getUTCFullYear();
  const n = await redis.incr(keys.caseReferenceCounter(year));
  return `MASH-${year}-${String(n).padStart(5, '0')}`;
}

function iso(times: { dueAt: Date; warnAt: Date } | null): DueTimes | null {
  return times ? { dueAt: times.dueAt.toISOString(), warnAt: times.warnAt.toISOString() } : null;
}

function openDeadline(summary: CaseSummary, deadlineId: string, what: string) {
  const deadline = summary.deadlines.find((d) => d.id === deadlineId);
  if (!deadline) refuse('not-found', `No ${what} ${deadlineId.split(':')[1] ?? deadlineId} on case ${summary.reference}.`);
  if (deadline.state !== 'open') refuse('conflict', `That ${what} is already ${deadline.state === 'done' ? 'done' : 'cancelled'}.`);
  return deadline;
}

/** The contributions an answer names must be on this case and recorded by the agency asked. */
async function requireAnsweringContributions(ctx: CommandContext, summary: CaseSummary, agency: string, contributionIds: string[]): Promise<void> {
  const entries = await Promise.all(contributionIds.map((id) => ctx.store.readEntry(summary.id, id)));
  entries.forEach((entry, i) => {
    const path = `answer.contributionIds.${i}`;
    if (!entry || entry.kind !== 'contribution') {
      refuse('invalid', `Invalid input: ${path}: no contribution with that id on case ${summary.reference}`, [{ path, message: `no contribution with that id on case ${summary.reference}` }]);
    }
    if (entry.agency !== agency) {
      const message = `that contribution was recorded by ${agencyName(entry.agency)}, not by ${agencyName(agency)}, the agency asked`;
      refuse('invalid', `Invalid input: ${path}: ${message}`, [{ path, message }]);
    }
  });
}

async function activeUser(ctx: CommandContext, userId: string, path: string) {
  const user = await ctx.users.get(userId);
  if (!user || user.disabled) refuse('invalid', `Invalid input: ${path}: no active user with that id`, [{ path, message: 'no active user with that id' }]);
  return user;
}

/** Commands that append events; `retention.erase` is not one (it deletes the case: see `CaseCommands.erase`). */
export type AppendingCommand = Exclude<CommandName, 'retention.erase'>;

/** Only a closed case is reviewed for retention. */
function closedForRetention(summary: CaseSummary | null): CaseSummary {
  const s = existing(summary);
  if (s.status !== 'closed') refuse('conflict', `Case ${s.reference} is ${s.status}, not closed; retention reviews are for closed cases.`);
  return s;
}

export const HANDLERS: { [N in AppendingCommand]: CommandHandler<N> } = {
  'case.open': {
    caseIdOf: (p) => caseIdForNewCase(p.commandId),
    expectedVersionOf: () => 0,
    async decide(p, summary, ctx) {
      if (summary) refuse('conflict', 'A case already exists for this commandId.');
      const policy = await ctx.policy.current();
      const clocks = receiptClocks(new Date(p.receivedAt), policy);
      const reReferral = await ctx.earlierDecisions(p.children, new Date(p.receivedAt));
      return {
        events: [
          {
            type: 'case.opened',
            data: {
              reference: await nextReference(ctx.redis, p.receivedAt),
              children: p.children.map((child) => ({ id: randomUUID().slice(0, 8), ...child })),
              referral: p.referral,
              reasonForConcern: p.reasonForConcern,
              receivedAt: new Date(p.receivedAt).toISOString(),
              restrictedTo: p.restrictedTo,
              clocks: { decision: iso(clocks.decision)!, rating: iso(clocks.rating)! },
              ...(reReferral ? { reReferral } : {}),
              people: p.people,
              addresses: p.addresses,
            },
          },
        ],
      };
    },
  },
  'people.add': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      const s = open(summary);
      refusePeopleIssues(peopleIssues(p, { childCount: s.children.length, personIds: s.people.map((x) => x.id), addressIds: s.addresses.map((a) => a.id) }));
      return { events: [{ type: 'people.added', data: { people: p.people, addresses: p.addresses } }] };
    },
  },
  'case.assign-lead': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      open(summary);
      const lead = await activeUser(ctx, p.leadUserId, 'leadUserId');
      return { events: [{ type: 'case.lead-assigned', data: { lead: { userId: lead.id, name: lead.name, agency: lead.agency } } }] };
    },
  },
  'case.change-status': {
    caseIdOf: (p) => p.caseId,
    expectedVersionOf: (p) => p.expectedVersion,
    async decide(p, summary, ctx) {
      const s = existing(summary);
      if (s.status === p.status) refuse('conflict', `The case is already ${p.status}.`);
      if (p.status === 'closed') return { events: await closingEvents(s, p.reason, ctx) };
      return { events: [{ type: 'case.status-changed', data: { from: s.status, to: p.status, reason: p.reason } }] };
    },
  },
  'retention.keep': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      closedForRetention(summary);
      const reviewDueAt = reviewDayStart(p.nextReviewOn);
      if (Date.parse(reviewDueAt) <= Date.now()) {
        refuse('invalid', 'Invalid input: nextReviewOn: the next review must be after today', [{ path: 'nextReviewOn', message: 'the next review must be after today' }]);
      }
      return { events: [{ type: 'retention.kept', data: { reason: p.reason, nextReviewOn: p.nextReviewOn, reviewDueAt } }] };
    },
  },
  'retention.set-legal-hold': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      const s = existing(summary);
      if (p.onHold && s.legalHold) refuse('conflict', `Case ${s.reference} is already under a legal hold.`);
      if (!p.onHold && !s.legalHold) refuse('conflict', `Case ${s.reference} is not under a legal hold.`);
      return { events: [{ type: 'retention.legal-hold-set', data: { onHold: p.onHold, reason: p.reason } }] };
    },
  },
  'contribution.add': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      const s = open(summary);
      p.childIds.forEach((id, i) => requireChild(s, id, `childIds.${i}`));
      requirePeople(s, p.personIds ?? []);
      const { commandId: _c, caseId: _k, restrictedTo, ...content } = p;
      const entryId = randomUUID();
      return { entryId, events: [{ type: 'contribution.added', data: { entryId, content, restrictedTo } }] };
    },
  },
  'contribution.correct': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = open(summary);
      p.childIds.forEach((id, i) => requireChild(s, id, `childIds.${i}`));
      requirePeople(s, p.personIds ?? []);
      const entry = await entryToCorrect(ctx, s, p.entryId, 'contribution', p.expectedEntryVersion);
      const { commandId: _c, caseId: _k, entryId, expectedEntryVersion, reason, ...content } = p;
      // A correction keeps the entry's restriction: it can never widen who sees earlier text.
      const restrictedTo = entry.kind === 'contribution' ? entry.restrictedTo : [];
      return {
        entryId,
        events: [{ type: 'contribution.corrected', data: { entryId, version: expectedEntryVersion + 1, content, reason, restrictedTo } }],
      };
    },
  },
  'voice.record': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      const s = open(summary);
      requireChild(s, p.childId);
      requirePeople(s, p.personIds ?? []);
      const { commandId: _c, caseId: _k, ...content } = p;
      const entryId = randomUUID();
      return { entryId, events: [{ type: 'voice.recorded', data: { entryId, content } }] };
    },
  },
  'voice.correct': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = open(summary);
      requireChild(s, p.childId);
      requirePeople(s, p.personIds ?? []);
      await entryToCorrect(ctx, s, p.entryId, 'voice', p.expectedEntryVersion);
      const { commandId: _c, caseId: _k, entryId, expectedEntryVersion, reason, ...content } = p;
      return { entryId, events: [{ type: 'voice.corrected', data: { entryId, version: expectedEntryVersion + 1, content, reason } }] };
    },
  },
  'voice.record-absence': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      const s = open(summary);
      requireChild(s, p.childId);
      return { events: [{ type: 'voice.absence-recorded', data: { childId: p.childId, reason: p.reason, explanation: p.explanation } }] };
    },
  },
  'rating.set': {
    caseIdOf: (p) => p.caseId,
    expectedVersionOf: (p) => p.expectedVersion,
    async decide(p, summary, ctx) {
      const s = open(summary);
      if (s.rating?.value === p.rating) refuse('conflict', `The case is already rated ${p.rating}.`);
      const policy = await ctx.policy.current();
      // The rating tightens the decision deadline from receipt; a rating with no target (Blue)
      // leaves a contact that had the receipt clock on that clock.
      const hadReceiptClock = s.deadlines.some((d) => d.id === RATING_DEADLINE_ID);
      const triage =
        iso(deadlineTimes(new Date(s.receivedAt), decisionRule(policy, p.rating), policy.calendar)) ?? (hadReceiptClock ? iso(receiptClocks(new Date(s.receivedAt), policy).decision) : null);
      return { events: [{ type: 'rating.set', data: { from: s.rating?.value ?? null, to: p.rating, reason: p.reason, triage } }] };
    },
  },
  'information.request': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = open(summary);
      if (!maySeeCase(s, { agency: p.agency })) {
        const message = `${agencyName(p.agency)} may not see this case (it is restricted to other agencies), so it cannot be asked`;
        refuse('invalid', `Invalid input: agency: ${message}`, [{ path: 'agency', message }]);
      }
      const policy = await ctx.policy.current();
      const rating = s.rating?.value;
      let times: DueTimes | null;
      if (p.dueAt) times = timesUntil(new Date(p.dueAt), policy, rating);
      else {
        times = iso(deadlineTimes(new Date(), informationRequestRule(policy, rating ?? 'amber'), policy.calendar));
        if (!times)
          refuse('invalid', 'Invalid input: dueAt: the policy sets no target for this rating, so give a due time', [
            { path: 'dueAt', message: 'the policy sets no target for this rating, so give a due time' },
          ]);
      }
      const requestId = randomUUID();
      return { entryId: requestId, events: [{ type: 'information.requested', data: { requestId, agency: p.agency, question: p.question, times } }] };
    },
  },
  'information.answer': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = existing(summary);
      const request = openDeadline(s, `request:${p.requestId}`, 'information request');
      if (!mayAnswerRequest(request, ctx.actor)) {
        refuse('forbidden', 'Only the agency asked (or a duty lead) may answer this request.');
      }
      if (p.answer.kind === 'contributions') await requireAnsweringContributions(ctx, s, request.agency ?? ctx.actor.agency, p.answer.contributionIds);
      return { entryId: p.requestId, events: [{ type: 'information.answered', data: { requestId: p.requestId, note: p.note, answer: p.answer } }] };
    },
  },
  'strategy-discussion.decide': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = open(summary);
      if (s.deadlines.some((d) => d.id === 'strategy' && d.state === 'open')) refuse('conflict', 'A strategy discussion is already due on this case.');
      const policy = await ctx.policy.current();
      const dueAt = p.dueAt ? new Date(p.dueAt) : workingDaysDeadline(new Date(), policy.strategyDiscussionWithinWorkingDays, policy.calendar);
      return { events: [{ type: 'strategy-discussion.decided', data: { reason: p.reason, times: timesUntil(dueAt, policy, s.rating?.value) } }] };
    },
  },
  'strategy-discussion.record-held': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      const s = existing(summary);
      openDeadline(s, 'strategy', 'strategy discussion');
      return { events: [{ type: 'strategy-discussion.held', data: { note: p.note } }] };
    },
  },
  'action.add': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = open(summary);
      if (p.meetingId) await requireMeetingOf(ctx, s, p.meetingId);
      const owner = await activeUser(ctx, p.ownerUserId, 'ownerUserId');
      const policy = await ctx.policy.current();
      const actionId = randomUUID();
      return {
        entryId: actionId,
        events: [
          {
            type: 'action.added',
            data: {
              actionId,
              title: p.title,
              owner: { userId: owner.id, name: owner.name, agency: owner.agency },
              times: timesUntil(new Date(p.dueAt), policy, s.rating?.value),
              ...(p.meetingId ? { meetingId: p.meetingId } : {}),
            },
          },
        ],
      };
    },
  },
  'action.complete': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary, ctx) {
      const s = existing(summary);
      const action = openDeadline(s, `action:${p.actionId}`, 'action');
      if (!mayCompleteAction(action, ctx.actor)) {
        refuse('forbidden', `Only ${action.owner?.name ?? 'the owner'} (or a duty lead) may complete this action.`);
      }
      return { entryId: p.actionId, events: [{ type: 'action.completed', data: { actionId: p.actionId, note: p.note } }] };
    },
  },
  'deadline.change-due': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = existing(summary);
      openDeadline(s, p.deadlineId, 'deadline');
      const policy = await ctx.policy.current();
      return { events: [{ type: 'deadline.changed', data: { deadlineId: p.deadlineId, times: timesUntil(new Date(p.dueAt), policy, s.rating?.value), reason: p.reason } }] };
    },
  },
  'sharing.decide': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary, ctx) {
      const s = existing(summary);
      const issues = sharingDecisionIssues(p, ctx.actor.agency);
      if (issues.length > 0) refuse('invalid', `Invalid input: ${describeIssues(issues)}`, issues);
      // Only what the decider may see can be shared.
      for (const [i, id] of p.selection.contributionIds.entries()) {
        const entry = await ctx.store.readEntry(s.id, id);
        if (!entry || entry.kind !== 'contribution') {
          refuse('invalid', `Invalid input: selection.contributionIds.${i}: no contribution with that id on this case`, [
            { path: `selection.contributionIds.${i}`, message: 'no contribution with that id on this case' },
          ]);
        }
        if (!maySee(entry, ctx.actor)) {
          refuse('forbidden', 'You cannot share an entry restricted from your agency; ask the agency that recorded it.');
        }
      }
      if (p.supersedes) {
        const earlier = s.sharingDecisions.find((d) => d.id === p.supersedes);
        if (!earlier) refuse('invalid', 'Invalid input: supersedes: no decision with that id on this case', [{ path: 'supersedes', message: 'no decision with that id on this case' }]);
        if (earlier.supersededBy) refuse('conflict', 'That decision was already superseded; supersede the latest one.');
      }
      const { commandId: _c, caseId: _k, ...given } = p;
      // Answering a request made to us: shared with whoever asked, unless another recipient is named.
      const content = given.decision === 'share' && !given.recipient && given.direction === 'incoming' && given.requester ? { ...given, recipient: given.requester } : given;
      const decisionId = randomUUID();
      return { entryId: decisionId, events: [{ type: 'sharing.decided', data: { decisionId, content, advice: CURRENT_SHARING_ADVICE } }] };
    },
  },
  'decision.record': { caseIdOf: (p) => p.caseId, decide: decideOutcome },
  'referrer-feedback.record': { caseIdOf: (p) => p.caseId, decide: recordFeedback },
  'decision.sign-off': {
    caseIdOf: (p) => p.caseId,
    decide(p, summary) {
      const s = existing(summary);
      const latest = s.decisions[s.decisions.length - 1];
      if (!latest || latest.id !== p.decisionId) {
        refuse('invalid', 'Invalid input: decisionId: not the latest decision on this case', [{ path: 'decisionId', message: 'not the latest decision on this case' }]);
      }
      if (latest.signedOff) refuse('conflict', `That decision was already signed off by ${latest.signedOff.by.name}.`);
      return { events: [{ type: 'decision.signed-off', data: { decisionId: p.decisionId } }] };
    },
  },
};

/**
 * Closing a case: the status change and its retention review. The review's due time is fixed at
 * closure from the schedule then in force (carried in the event, as deadlines are), so a later
 * schedule change never moves a review already set.
 */
async function closingEvents(s: CaseSummary, reason: string, ctx: CommandContext): Promise<CaseEventBody[]> {
  const schedule = await ctx.retention.current();
  const due = retentionReviewDue({ status: 'closed', closedAt: new Date().toISOString(), decisions: s.decisions }, schedule)!;
  return [
    { type: 'case.status-changed', data: { from: s.status, to: 'closed', reason } },
    { type: 'retention.review-scheduled', data: { reviewDueAt: due.toISOString(), scheduleVersion: schedule.version, outcome: retentionOutcome(s) } },
  ];
}

/**
 * A decision or action said to come from a meeting must name one with this case on its agenda, and
 * one in progress: the minutes record what was decided in the meeting, so nothing is added to a
 * meeting before it starts or after it ends (record it on the case, without the meeting, instead).
 */
async function requireMeetingOf(ctx: CommandContext, summary: CaseSummary, meetingId: string): Promise<void> {
  const meeting = await ctx.meeting(meetingId);
  if (!meeting || !meeting.agenda.some((a) => a.caseId === summary.id)) {
    refuse('invalid', 'Invalid input: meetingId: no meeting with this case on its agenda', [{ path: 'meetingId', message: 'no meeting with this case on its agenda' }]);
  }
  if (meeting.status === 'scheduled')
    refuse('conflict', 'The meeting has not started: decisions and actions are recorded in it once the chair starts it.', [{ path: 'meetingId', message: 'the meeting has not started' }]);
  if (meeting.status === 'ended')
    refuse('conflict', 'The meeting has ended: decisions and actions are no longer recorded in it. Record them on the case board instead.', [{ path: 'meetingId', message: 'the meeting has ended' }]);
}

/** The handler of `decision.record`: see HANDLERS. */
async function decideOutcome(p: CommandPayload<'decision.record'>, summary: CaseSummary | null, ctx: CommandContext): Promise<Decision> {
  const s = open(summary);
  if (p.meetingId) await requireMeetingOf(ctx, s, p.meetingId);
  const issue = thresholdIssue(p.threshold, await ctx.decisions.current());
  if (issue) refuse('invalid', `Invalid input: threshold: ${issue}`, [{ path: 'threshold', message: issue }]);
  const policy = await ctx.policy.current();
  const { commandId: _c, caseId: _k, nextStep: step, ...decided } = p;
  const decisionId = randomUUID();
  const events: CaseEventBody[] = [];
  let nextStep: CaseDecision['nextStep'];
  let action: CaseEventBody | undefined;
  if (step) {
    const owner = await activeUser(ctx, step.ownerUserId, 'nextStep.ownerUserId');
    const actionId = randomUUID();
    const ownerRef = { userId: owner.id, name: owner.name, agency: owner.agency };
    nextStep = { title: step.title, owner: ownerRef, dueAt: new Date(step.dueAt).toISOString(), actionId };
    action = {
      type: 'action.added',
      data: { actionId, title: step.title, owner: ownerRef, times: timesUntil(new Date(step.dueAt), policy, s.rating?.value), ...(p.meetingId ? { meetingId: p.meetingId } : {}) },
    };
  }
  // Working Together: the referrer is told the outcome, within the time the policy sets.
  const feedback = referrerCanBeTold(s) ? timesUntil(workingDaysDeadline(new Date(), policy.referrerFeedbackWithinWorkingDays, policy.calendar), policy, s.rating?.value) : undefined;
  events.push({ type: 'decision.recorded', data: { decision: { id: decisionId, ...decided, ...(nextStep ? { nextStep } : {}) }, ...(feedback ? { feedback } : {}) } });
  if (action) events.push(action);
  // A decision to hold a strategy discussion starts its clock (default: 1 working day).
  if (p.outcome === 'strategy-discussion' && !s.deadlines.some((d) => d.id === 'strategy' && d.state === 'open')) {
    const dueAt = workingDaysDeadline(new Date(), policy.strategyDiscussionWithinWorkingDays, policy.calendar);
    events.push({ type: 'strategy-discussion.decided', data: { reason: p.rationale, times: timesUntil(dueAt, policy, s.rating?.value) } });
  }
  return { entryId: decisionId, events };
}

/** The handler of `referrer-feedback.record`: the referrer was told the outcome of a decision. */
function recordFeedback(p: CommandPayload<'referrer-feedback.record'>, summary: CaseSummary | null): Decision {
  const s = existing(summary);
  if (!referrerCanBeTold(s)) refuse('conflict', `The referrer of ${s.reference} is anonymous, so there is no one to tell.`);
  if (s.decisions.length === 0) refuse('conflict', `No decision has been recorded on ${s.reference} yet, so there is no outcome to tell the referrer.`);
  const latest = s.decisions[s.decisions.length - 1]!;
  if (Date.parse(p.givenAt) < Date.parse(latest.recordedAt) - 60_000) {
    refuse('invalid', 'Invalid input: givenAt: must be after the decision was recorded', [{ path: 'givenAt', message: 'must be after the decision was recorded' }]);
  }
  const { commandId: _c, caseId: _k, ...feedback } = p;
  return { events: [{ type: 'referrer-feedback.recorded', data: { feedback: { ...feedback, givenAt: new Date(p.givenAt).toISOString() } } }] };
}

/**
 * The status change that follows from a command's events (see `automaticStatus`), appended with
 * them: in triage once rated, awaiting information while a request is open, closed (with its
 * retention review) once every follow-up of the decision is done.
 */
export async function withAutomaticStatus(decision: Decision, summary: CaseSummary | null, caseId: string, ctx: CommandContext): Promise<Decision> {
  if (decision.events.length === 0) return decision;
  let after = summary;
  const at = new Date().toISOString();
  decision.events.forEach((body, i) => {
    after = applyToSummary(after, { ...body, id: '', seq: (summary?.version ?? 0) + i + 1, caseId, at, actor: ctx.actor, commandId: '' });
  });
  const change = automaticStatus(after!, await ctx.decisions.current());
  if (!change) return decision;
  const follow: CaseEventBody[] =
    change.to === 'closed' ? await closingEvents(after!, change.reason, ctx) : [{ type: 'case.status-changed', data: { from: after!.status, to: change.to, reason: change.reason } }];
  return { ...decision, events: [...decision.events, ...follow] };
}

/** Commands the server runs on its own behalf, never sent by a client (so no socket event, no route). */
export const INTERNAL_HANDLERS = {
  /** A share pack was exported: linked to its decision, on the case's record. */
  'sharing.record-export': {
    caseIdOf: (p: { caseId: string }) => p.caseId,
    decide(p: { commandId: string; caseId: string; decisionId: string; exportId: string; format: 'html' | 'pdf' }, summary: CaseSummary | null) {
      const s = existing(summary);
      if (!s.sharingDecisions.some((d) => d.id === p.decisionId)) refuse('not-found', `No sharing decision ${p.decisionId} on case ${s.reference}.`);
      return { entryId: p.exportId, events: [{ type: 'sharing.exported' as const, data: { decisionId: p.decisionId, exportId: p.exportId, format: p.format } }] };
    },
  },
};
