/**
 * Every command on a case goes through `execute`: validate with the shared schema, authorize,
 * decide the events from the current state, append them atomically with the projection, then
 * publish. Socket events and REST routes both call it, so there is one path for every change.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis.ts';
import {
  applyToEntry,
  mayAnswerRequest,
  mayCompleteAction,
  mayCorrectEntry,
  applyToSummary,
  COMMANDS,
  currentVersion,
  entryIdOf,
  type Actor,
  type BoardEntry,
  type CaseEvent,
  type CaseEventBody,
  type CaseSummary,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type CaseDecision,
  type ChildInput,
  type ReReferral,
} from '@mashboard/shared';
import {
  decisionRule,
  deadlineTimes,
  informationRequestRule,
  workingDaysDeadline,
  type DueTimes,
  type Rating,
  type TimelinessPolicy,
} from '@mashboard/shared';
import { peopleIssues, type PeopleIssue } from '@mashboard/shared';
import { agencyName, CURRENT_SHARING_ADVICE, describeIssues, maySee, maySeeCase, sharingDecisionIssues, type MeetingSummary } from '@mashboard/shared';
import { retentionOutcome, retentionReviewDue, reviewDayStart, formatUkDateTime, type CaseTombstone } from '@mashboard/shared';
import { RetentionScheduleStore } from '../retention/schedule-store.ts';
import { DecisionSettingsStore } from './decision-settings.ts';
import { automaticStatus, FEEDBACK_DEADLINE_ID, RATING_DEADLINE_ID, receiptClocks, referrerCanBeTold, thresholdIssue } from '@mashboard/shared';
import type { CaseErasure } from '../retention/erasure.ts';
import { parseOrRefuse, refuse, refuseCaseNotShared } from '../errors.ts';
import type { TimelinessPolicyStore } from '../deadlines/policy-store.ts';
import { authorize } from '../policies.ts';
import type { Users } from '../auth/users.ts';
import type { EventStore } from '../store/event-store.ts';
import { keys } from '../store/keys.ts';
import type { Logger } from '../logger.ts';
import { KeyedQueue } from '../store/keyed-queue.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited, type Via } from '../audit/audited.ts';

/** What a command decided: the events to append and, for entry commands, the entry id. */
interface Decision {
  events: CaseEventBody[];
  entryId?: string;
}

interface CommandContext {
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

interface CommandHandler<N extends CommandName> {
  /** The case the command acts on (a new case's id is derived from its commandId, so a retry finds it). */
  caseIdOf(payload: CommandPayload<N>): string;
  /** A version the client says it decided on; a mismatch is refused instead of retried. */
  expectedVersionOf?(payload: CommandPayload<N>): number;
  decide(payload: CommandPayload<N>, summary: CaseSummary | null, ctx: CommandContext): Promise<Decision>;
}

export function caseIdForNewCase(commandId: string): string {
  return 'c' + createHash('sha256').update(`case:${commandId}`).digest('hex').slice(0, 20);
}

function existing(summary: CaseSummary | null): CaseSummary {
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
    refuse('invalid', `Invalid input: ${path}: no child with that id on case ${summary.reference}`, [
      { path, message: `no child with that id on case ${summary.reference}` },
    ]);
  }
}

async function entryToCorrect(
  ctx: CommandContext,
  summary: CaseSummary,
  entryId: string,
  kind: BoardEntry['kind'],
  expectedEntryVersion: number,
): Promise<BoardEntry> {
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

/** Times for a deadline whose due time is given (or defaulted): warn at the rating's fraction of the time allowed. */
function timesUntil(dueAt: Date, policy: TimelinessPolicy, rating: Rating | undefined, now = new Date()): DueTimes {
  const fraction = policy.ratings[rating ?? 'amber'].warnAtFraction;
  const warnAt = new Date(now.getTime() + fraction * (dueAt.getTime() - now.getTime()));
  return { dueAt: dueAt.toISOString(), warnAt: warnAt.toISOString() };
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
type AppendingCommand = Exclude<CommandName, 'retention.erase'>;

/** Only a closed case is reviewed for retention. */
function closedForRetention(summary: CaseSummary | null, caseId: string): CaseSummary {
  const s = existing(summary);
  if (s.status !== 'closed') refuse('conflict', `Case ${s.reference} is ${s.status}, not closed; retention reviews are for closed cases.`);
  return s;
}

/**
 * A case that was erased answers 410 with what its tombstone may say, to a reader whose agency
 * could see the case; to anyone else it is a case that does not exist (the caller's 404), so its
 * reference never reaches them.
 */
export function refuseIfErased(tombstone: CaseTombstone | null, reader: { agency: string }): void {
  if (!tombstone) return;
  if (tombstone.restrictedTo.length > 0 && !tombstone.restrictedTo.includes(reader.agency)) return;
  refuse('gone', `Case ${tombstone.reference} was erased on ${formatUkDateTime(new Date(tombstone.erasedAt))} under the retention schedule; only its tombstone remains.`);
}

const HANDLERS: { [N in AppendingCommand]: CommandHandler<N> } = {
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
    async decide(p, summary) {
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
    async decide(p, summary) {
      closedForRetention(summary, p.caseId);
      const reviewDueAt = reviewDayStart(p.nextReviewOn);
      if (Date.parse(reviewDueAt) <= Date.now()) {
        refuse('invalid', 'Invalid input: nextReviewOn: the next review must be after today', [{ path: 'nextReviewOn', message: 'the next review must be after today' }]);
      }
      return { events: [{ type: 'retention.kept', data: { reason: p.reason, nextReviewOn: p.nextReviewOn, reviewDueAt } }] };
    },
  },
  'retention.set-legal-hold': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary) {
      const s = existing(summary);
      if (p.onHold && s.legalHold) refuse('conflict', `Case ${s.reference} is already under a legal hold.`);
      if (!p.onHold && !s.legalHold) refuse('conflict', `Case ${s.reference} is not under a legal hold.`);
      return { events: [{ type: 'retention.legal-hold-set', data: { onHold: p.onHold, reason: p.reason } }] };
    },
  },
  'contribution.add': {
    caseIdOf: (p) => p.caseId,
    async decide(p, summary) {
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
    async decide(p, summary) {
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
    async decide(p, summary) {
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
        iso(deadlineTimes(new Date(s.receivedAt), decisionRule(policy, p.rating), policy.calendar)) ??
        (hadReceiptClock ? iso(receiptClocks(new Date(s.receivedAt), policy).decision) : null);
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
        if (!times) refuse('invalid', 'Invalid input: dueAt: the policy sets no target for this rating, so give a due time', [{ path: 'dueAt', message: 'the policy sets no target for this rating, so give a due time' }]);
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
    async decide(p, summary) {
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
    async decide(p, summary, ctx) {
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
          refuse('invalid', `Invalid input: selection.contributionIds.${i}: no contribution with that id on this case`, [{ path: `selection.contributionIds.${i}`, message: 'no contribution with that id on this case' }]);
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
  if (meeting.status === 'scheduled') refuse('conflict', 'The meeting has not started: decisions and actions are recorded in it once the chair starts it.', [{ path: 'meetingId', message: 'the meeting has not started' }]);
  if (meeting.status === 'ended') refuse('conflict', 'The meeting has ended: decisions and actions are no longer recorded in it. Record them on the case board instead.', [{ path: 'meetingId', message: 'the meeting has ended' }]);
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
    action = { type: 'action.added', data: { actionId, title: step.title, owner: ownerRef, times: timesUntil(new Date(step.dueAt), policy, s.rating?.value), ...(p.meetingId ? { meetingId: p.meetingId } : {}) } };
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
async function recordFeedback(p: CommandPayload<'referrer-feedback.record'>, summary: CaseSummary | null): Promise<Decision> {
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
async function withAutomaticStatus(decision: Decision, summary: CaseSummary | null, caseId: string, ctx: CommandContext): Promise<Decision> {
  if (decision.events.length === 0) return decision;
  let after = summary;
  const at = new Date().toISOString();
  decision.events.forEach((body, i) => {
    after = applyToSummary(after, { ...body, id: '', seq: (summary?.version ?? 0) + i + 1, caseId, at, actor: ctx.actor, commandId: '' } as CaseEvent);
  });
  const change = automaticStatus(after!, await ctx.decisions.current());
  if (!change) return decision;
  const follow: CaseEventBody[] = change.to === 'closed' ? await closingEvents(after!, change.reason, ctx) : [{ type: 'case.status-changed', data: { from: after!.status, to: change.to, reason: change.reason } }];
  return { ...decision, events: [...decision.events, ...follow] };
}

/** Commands the server runs on its own behalf, never sent by a client (so no socket event, no route). */
const INTERNAL_HANDLERS = {
  /** A share pack was exported: linked to its decision, on the case's record. */
  'sharing.record-export': {
    caseIdOf: (p: { caseId: string }) => p.caseId,
    async decide(p: { commandId: string; caseId: string; decisionId: string; exportId: string; format: 'html' | 'pdf' }, summary: CaseSummary | null) {
      const s = existing(summary);
      if (!s.sharingDecisions.some((d) => d.id === p.decisionId)) refuse('not-found', `No sharing decision ${p.decisionId} on case ${s.reference}.`);
      return { entryId: p.exportId, events: [{ type: 'sharing.exported' as const, data: { decisionId: p.decisionId, exportId: p.exportId, format: p.format } }] };
    },
  },
};

/** Told of every appended batch (to fan it out, to schedule deadlines); awaited before the acknowledgement. */
export type AppendListener = (events: CaseEvent[], summary: CaseSummary, previous: CaseSummary | null) => void | Promise<void>;

/** Retries when another process appended first; each waits a little longer, with jitter. */
const MAX_ATTEMPTS = 20;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 4 * attempt));

/** The last summary this process stored per case (bounded). A stale one only costs a retry: the append checks the version. */
class SummaryCache {
  private readonly map = new Map<string, CaseSummary>();
  constructor(private readonly capacity: number) {}
  get(caseId: string): CaseSummary | undefined {
    return this.map.get(caseId);
  }
  set(caseId: string, summary: CaseSummary): void {
    this.map.delete(caseId);
    this.map.set(caseId, summary);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
  delete(caseId: string): void {
    this.map.delete(caseId);
  }
}

export class CaseCommands {
  private readonly listeners: AppendListener[] = [];
  private readonly queue = new KeyedQueue();
  private readonly summaries = new SummaryCache(10_000);

  private erasure: CaseErasure | undefined;
  private earlierDecisions: CommandContext['earlierDecisions'] = async () => null;

  constructor(
    private readonly redis: RedisClient,
    private readonly eventStore: EventStore,
    private readonly users: Users,
    private readonly policy: TimelinessPolicyStore,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly meetingOf: (meetingId: string) => Promise<MeetingSummary | null> = async () => null,
    private readonly retention: RetentionScheduleStore = new RetentionScheduleStore(redis),
    private readonly decisionSettings: DecisionSettingsStore = new DecisionSettingsStore(redis),
  ) {}

  /** Erasure reaches beyond the case (alerts, meetings, jobs): wired in once those exist. */
  useErasure(erasure: CaseErasure): void {
    this.erasure = erasure;
  }

  /** The re-referral look-up reads the search indexes (CaseQueries): wired in once those exist. */
  useEarlierDecisions(lookup: CommandContext['earlierDecisions']): void {
    this.earlierDecisions = lookup;
  }

  onAppended(listener: AppendListener): void {
    this.listeners.push(listener);
  }

  /** Run a command from an untrusted payload on behalf of the signed-in actor; every attempt is audited. */
  async execute(name: string, rawPayload: unknown, actor: Actor, via?: Via): Promise<CommandResult> {
    const caseIdGiven = typeof (rawPayload as { caseId?: unknown } | null)?.caseId === 'string' ? (rawPayload as { caseId: string }).caseId.slice(0, 64) : undefined;
    return audited(
      this.audit,
      { action: name.slice(0, 60), actor: auditActor(actor), objectType: 'case', ...(caseIdGiven ? { objectId: caseIdGiven, caseId: caseIdGiven } : {}) },
      via,
      async () => {
        if (!Object.hasOwn(COMMANDS, name)) refuse('invalid', `Unknown command ${name}.`);
        const commandName = name as CommandName;
        const payload = parseOrRefuse(COMMANDS[commandName], rawPayload);
        authorize(actor, commandName);
        if (commandName === 'retention.erase') {
          const erase = payload as CommandPayload<'retention.erase'>;
          return this.queue.run(erase.caseId, () => this.erase(erase, actor));
        }
        const handler = HANDLERS[commandName] as CommandHandler<CommandName>;
        const caseId = handler.caseIdOf(payload);
        return this.queue.run(caseId, () => this.run(commandName, handler, payload, actor, caseId));
      },
      'succeeded',
      (result) => ({ objectId: result.entryId ?? result.caseId, caseId: result.caseId, ...(result.duplicate ? { detail: 'duplicate' } : {}) }),
    );
  }

  /** Record that a share pack was exported, through the same path as every change. */
  recordExport(actor: Actor, input: { caseId: string; decisionId: string; format: 'html' | 'pdf' }, via?: Via): Promise<CommandResult> {
    const exportId = randomUUID();
    const payload = { ...input, exportId, commandId: `export-${exportId}` };
    return audited(
      this.audit,
      { action: 'sharing.export', actor: auditActor(actor), objectType: 'sharing-decision', objectId: input.decisionId, caseId: input.caseId, detail: `${input.format} export ${exportId}` },
      via,
      () => this.queue.run(input.caseId, () => this.run('sharing.record-export', INTERNAL_HANDLERS['sharing.record-export'] as unknown as CommandHandler<CommandName>, payload as never, actor, input.caseId)),
      'succeeded',
    );
  }

  /** Erase a case (see `retention/erasure.ts`); a retried erase answers as done. */
  private async erase(p: CommandPayload<'retention.erase'>, actor: Actor): Promise<CommandResult> {
    if (!this.erasure) refuse('internal', 'Erasure is not available in this process.');
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const summary = await this.eventStore.readSummary(p.caseId);
      if (!summary) {
        const tombstone = await this.eventStore.readTombstone(p.caseId);
        if (tombstone?.commandId === p.commandId) return { caseId: p.caseId, reference: tombstone.reference, version: 0, lastEventId: '', duplicate: true };
        refuseIfErased(tombstone, actor);
        refuseCaseNotShared(false);
      }
      if (!maySeeCase(summary, actor)) refuseCaseNotShared(true);
      const outcome = await this.erasure.erase(summary, p, actor);
      if (outcome.kind === 'conflict') {
        await backoff(attempt);
        continue;
      }
      this.summaries.delete(p.caseId);
      return { caseId: p.caseId, reference: summary.reference, version: 0, lastEventId: '', duplicate: false };
    }
    refuse('conflict', 'The case is changing too fast to erase now; try again.');
  }

  private async run<N extends CommandName>(name: N | 'sharing.record-export', handler: CommandHandler<N>, payload: CommandPayload<N>, actor: Actor, caseId: string): Promise<CommandResult> {
    const ctx: CommandContext = { actor, store: this.eventStore, users: this.users, redis: this.redis, policy: this.policy, retention: this.retention, decisions: this.decisionSettings, earlierDecisions: this.earlierDecisions, meeting: this.meetingOf };
    const commandId = payload.commandId;
    const expected = handler.expectedVersionOf?.(payload);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const cached = attempt === 1 && expected === undefined ? this.summaries.get(caseId) : undefined;
      const summary = cached ?? (await this.eventStore.readSummary(caseId));
      const version = summary?.version ?? 0;
      let decision: Decision;
      try {
        if (summary && !maySeeCase(summary, actor)) refuseCaseNotShared(true);
        if (!summary) {
          // An erased case stays erased: no command (not even a retried case.open) brings it back.
          refuseIfErased(await this.eventStore.readTombstone(caseId), actor);
        }
        // (no such case at all is the handler's not-found, not a version conflict)
        if (summary && expected !== undefined && expected !== version) {
          refuse('conflict', `The case changed since you loaded it (version ${version}, you had ${expected}); reload and try again.`);
        }
        decision = await handler.decide(payload, summary, ctx);
        // A manager's explicit status change stands; every other change may move the status on.
        if (name !== 'case.change-status') decision = await withAutomaticStatus(decision, summary, caseId, ctx);
      } catch (error) {
        // A retried command that was applied already may no longer make sense on the state it
        // produced (the case it opened exists, the version it expected has moved): answer it as done.
        const applied = await this.eventStore.findAppliedCommand(caseId, commandId);
        if (applied) return this.duplicateResult(caseId, applied);
        throw error;
      }
      const at = new Date().toISOString();
      const events: CaseEvent[] = decision.events.map((body, i) => ({ ...body, id: '', seq: version + i + 1, caseId, at, actor, commandId }) as CaseEvent);

      let nextSummary = summary;
      const entries = new Map<string, BoardEntry>();
      for (const event of events) {
        nextSummary = applyToSummary(nextSummary, event);
        const entryId = entryIdOf(event);
        if (entryId) {
          // A new entry has nothing stored yet; only a correction needs the entry as it stands.
          const creates = event.type === 'contribution.added' || event.type === 'voice.recorded';
          const before = entries.get(entryId) ?? (creates ? undefined : ((await this.eventStore.readEntry(caseId, entryId)) ?? undefined));
          const after = applyToEntry(before, event);
          if (after) entries.set(entryId, after);
        }
      }

      const outcome = await this.eventStore.append({
        caseId,
        commandId,
        expectedVersion: version,
        events,
        summary: nextSummary!,
        entries: [...entries.values()],
        note: decision.entryId ?? '',
        previous: summary,
      });
      if (outcome.kind === 'duplicate') return this.duplicateResult(caseId, outcome.applied);
      if (outcome.kind === 'conflict') {
        this.summaries.delete(caseId);
        if (expected !== undefined) refuse('conflict', 'The case changed while your change was being saved; reload and try again.');
        await backoff(attempt); // another process appended first: decide again on the new state
        continue;
      }

      events.forEach((event, i) => (event.id = outcome.eventIds[i]!));
      const stored = { ...nextSummary!, version: outcome.version, lastEventId: events[events.length - 1]!.id };
      this.summaries.set(caseId, stored);
      // The events are stored: a listener that fails (e.g. scheduling) is logged, and repaired by reconciliation.
      const outcomes = await Promise.allSettled(this.listeners.map(async (listener) => listener(events, stored, summary)));
      for (const o of outcomes) if (o.status === 'rejected') this.log.error({ err: o.reason, caseId }, 'after-append listener failed');
      return {
        caseId,
        reference: stored.reference,
        version: outcome.version,
        lastEventId: stored.lastEventId,
        ...(decision.entryId ? { entryId: decision.entryId } : {}),
        duplicate: false,
      };
    }
    refuse('conflict', 'The case is changing too fast to save this now; try again.');
  }

  private async duplicateResult(caseId: string, applied: { version: number; lastEventId: string; note: string }): Promise<CommandResult> {
    const summary = await this.eventStore.readSummary(caseId);
    return {
      caseId,
      reference: summary?.reference ?? '',
      version: applied.version,
      lastEventId: applied.lastEventId,
      ...(applied.note ? { entryId: applied.note } : {}),
      duplicate: true,
    };
  }
}
