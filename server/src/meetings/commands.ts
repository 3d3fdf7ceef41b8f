/**
 * Commands on meetings, through the one command runner as cases' (commands/runner.ts): validate
 * with the shared schema, authorize by the policy table, decide from the current state (the chair
 * alone runs the meeting), append atomically with the projection, then the steps after an append.
 */
import { createHash } from 'node:crypto';
import {
  applyMeetingEvent,
  buildMinutes,
  byUrgency,
  chairIssues,
  DEFAULT_INVITED_AGENCIES,
  mayRecordAttendance,
  describeIssues,
  maySeeCase,
  MEETING_COMMANDS,
  type Actor,
  type CaseSummary,
  type CaseView,
  type MeetingCommandName,
  type MeetingEvent,
  type MeetingEventBody,
  type MeetingResult,
  type MeetingSummary,
} from '@mashboard/shared';
import type { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited, type Via } from '../audit/audited.ts';
import type { Users } from '../auth/users.ts';
import { CommandRunner, validateAndAuthorize, type AfterAppend } from '../commands/runner.ts';
import { refuse } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { EventStore } from '../store/event-store.ts';
import type { MeetingStore } from './store.ts';

type Payload<N extends MeetingCommandName> = z.output<(typeof MEETING_COMMANDS)[N]>;

/** A step that follows every append to a meeting (see main.ts for the list). */
export type MeetingAfterAppend = AfterAppend<MeetingEvent, MeetingSummary>;

/** A scheduled meeting's id is derived from its commandId, so a retry finds it. */
const meetingIdForNew = (commandId: string) => 'm' + createHash('sha256').update(`meeting:${commandId}`).digest('hex').slice(0, 20);

/** What a command on a meeting may read to decide. */
interface MeetingContext {
  actor: Actor;
  cases: EventStore;
  users: Users;
}

/** How one command decides its events from the meeting as it stands (null: not scheduled yet). */
type MeetingHandler<N extends MeetingCommandName> = (p: Payload<N>, summary: MeetingSummary | null, ctx: MeetingContext) => MeetingEventBody[] | Promise<MeetingEventBody[]>;

function scheduled(summary: MeetingSummary | null, meetingId: string): MeetingSummary {
  if (!summary) refuse('not-found', `No meeting ${meetingId}.`);
  return summary;
}

/** The chair alone runs the meeting. */
function chaired(summary: MeetingSummary | null, meetingId: string, actor: Actor): MeetingSummary {
  const s = scheduled(summary, meetingId);
  const notChair = chairIssues(s, actor);
  if (notChair.length > 0) refuse('forbidden', `Only the chair may do this: ${describeIssues(notChair)}.`, notChair);
  return s;
}

const HANDLERS: { [N in MeetingCommandName]: MeetingHandler<N> } = {
  async 'meeting.schedule'(p, summary, { actor, cases, users }) {
    if (summary) refuse('conflict', 'This meeting is already scheduled.');
    const chosen: CaseSummary[] = [];
    for (const [i, caseId] of p.agenda.entries()) {
      const c = await cases.readSummary(caseId);
      if (!c || !maySeeCase(c, actor))
        refuse('invalid', `Invalid input: agenda.${i}: no case with that id is shared with your agency`, [{ path: `agenda.${i}`, message: 'no case with that id is shared with your agency' }]);
      if (chosen.some((x) => x.id === caseId))
        refuse('invalid', `Invalid input: agenda.${i}: that case is already on the agenda`, [{ path: `agenda.${i}`, message: 'that case is already on the agenda' }]);
      chosen.push(c);
    }
    // Most urgent first; the chair can reorder it in the meeting.
    const agenda = byUrgency(chosen).map((c) => ({ caseId: c.id, reference: c.reference }));
    const invitedAgencies = [...new Set(p.invitedAgencies ?? DEFAULT_INVITED_AGENCIES)];
    const chairUser = p.chairUserId ? await users.get(p.chairUserId) : null;
    if (p.chairUserId && (!chairUser || chairUser.disabled))
      refuse('invalid', 'Invalid input: chairUserId: no active user with that id', [{ path: 'chairUserId', message: 'no active user with that id' }]);
    const chair = chairUser ? { userId: chairUser.id, name: chairUser.name, agency: chairUser.agency } : { userId: actor.userId, name: actor.name, agency: actor.agency };
    return [{ type: 'meeting.scheduled', data: { kind: p.kind, title: p.title, scheduledFor: new Date(p.scheduledFor).toISOString(), chair, agenda, invitedAgencies } }];
  },
  'meeting.record-attendance'(p, summary, { actor }) {
    const s = scheduled(summary, p.meetingId);
    if (s.status === 'ended') refuse('conflict', 'The meeting has ended.');
    // Each agency answers for its own attendance; only the chair records anyone else's.
    if (!mayRecordAttendance(s, p.agency, actor)) {
      refuse('forbidden', `Only the chair (${s.chair.name}) may record another agency's attendance.`, [{ path: 'agency', message: 'record your own agency, or ask the chair' }]);
    }
    return [{ type: 'meeting.attendance-recorded', data: { agency: p.agency, name: p.name, status: p.status } }];
  },
  'meeting.start'(p, summary, { actor }) {
    const s = chaired(summary, p.meetingId, actor);
    if (s.status !== 'scheduled') refuse('conflict', `The meeting is already ${s.status}.`);
    return [{ type: 'meeting.started', data: {} }];
  },
  'meeting.move'(p, summary, { actor }) {
    const s = chaired(summary, p.meetingId, actor);
    if (s.status !== 'in-progress') refuse('conflict', 'Start the meeting first.');
    if (p.itemIndex >= s.agenda.length)
      refuse('invalid', `Invalid input: itemIndex: the agenda has ${s.agenda.length} items`, [{ path: 'itemIndex', message: `the agenda has ${s.agenda.length} items` }]);
    return [{ type: 'meeting.moved', data: { itemIndex: p.itemIndex } }];
  },
  'meeting.reorder'(p, summary, { actor }) {
    const s = chaired(summary, p.meetingId, actor);
    if (s.status === 'ended') refuse('conflict', 'The meeting has ended: its agenda is kept as it was discussed.');
    const size = s.agenda.length;
    const issues = [
      p.from >= size ? { path: 'from', message: `the agenda has ${size} items (0 to ${size - 1})` } : null,
      p.to >= size ? { path: 'to', message: `the agenda has ${size} items (0 to ${size - 1})` } : null,
    ].filter((x) => x !== null);
    if (issues.length) refuse('invalid', `Invalid input: ${describeIssues(issues)}`, issues);
    return [{ type: 'meeting.agenda-reordered', data: { from: p.from, to: p.to } }];
  },
  'meeting.end'(p, summary, { actor }) {
    const s = chaired(summary, p.meetingId, actor);
    if (s.status !== 'in-progress') refuse('conflict', 'The meeting is not in progress.');
    return [{ type: 'meeting.ended', data: {} }];
  },
  async 'meeting.sign-minutes'(p, summary, { actor, cases }) {
    const s = chaired(summary, p.meetingId, actor);
    if (s.status === 'scheduled') refuse('conflict', 'The meeting has not started: there is nothing to minute.');
    // Minutes are built from the full record; every reader later gets their own copy of them.
    const views = (await Promise.all(s.agenda.map((a) => cases.readView(a.caseId)))).filter((v): v is CaseView => v !== null);
    return [{ type: 'meeting.minutes-signed', data: { version: s.minutes.length + 1, minutes: buildMinutes(s, views) } }];
  },
};

export class MeetingCommands {
  private readonly runner: CommandRunner<MeetingEvent, MeetingSummary, { id: string }, MeetingEventBody>;

  constructor(
    store: MeetingStore,
    private readonly cases: EventStore,
    private readonly users: Users,
    private readonly audit: AuditLog,
    log: Logger,
  ) {
    this.runner = new CommandRunner(
      {
        noun: 'meeting',
        store,
        stamp: (body, { aggregateId, seq, at, actor, commandId }) => ({ ...body, id: '', seq, meetingId: aggregateId, at, actor, commandId }),
        apply: applyMeetingEvent,
      },
      log,
    );
  }

  /** The steps that follow every append to a meeting, awaited before the acknowledgement (see main.ts). */
  afterAppend(...steps: MeetingAfterAppend[]): void {
    this.runner.afterAppend(...steps);
  }

  execute(name: string, raw: unknown, actor: Actor, via?: Via): Promise<MeetingResult> {
    const meetingIdGiven = typeof (raw as { meetingId?: unknown } | null)?.meetingId === 'string' ? (raw as { meetingId: string }).meetingId.slice(0, 64) : undefined;
    return audited(
      this.audit,
      { action: name.slice(0, 60), actor: auditActor(actor), objectType: 'meeting', ...(meetingIdGiven ? { objectId: meetingIdGiven } : {}) },
      via,
      async () => {
        const { name: command, payload } = validateAndAuthorize<typeof MEETING_COMMANDS, MeetingCommandName>(MEETING_COMMANDS, name, raw, actor);
        const meetingId = command === 'meeting.schedule' ? meetingIdForNew(payload.commandId) : (payload as { meetingId: string }).meetingId;
        const outcome = await this.runner.run({
          aggregateId: meetingId,
          commandId: payload.commandId,
          actor,
          decide: async (summary) => ({ events: await (HANDLERS[command] as MeetingHandler<MeetingCommandName>)(payload, summary, { actor, cases: this.cases, users: this.users }) }),
        });
        return { meetingId, version: outcome.version, lastEventId: outcome.lastEventId, duplicate: outcome.duplicate };
      },
      'succeeded',
      (r) => ({ objectId: r.meetingId }),
    );
  }
}
