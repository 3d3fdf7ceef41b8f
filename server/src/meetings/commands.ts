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
        stamp: (body, { aggregateId, seq, at, actor, commandId }) => ({ ...body, id: '', seq, meetingId: aggregateId, at, actor, commandId }) as MeetingEvent,
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
          decide: async (summary) => ({ events: await this.decide(command, payload, summary, actor) }),
        });
        return { meetingId, version: outcome.version, lastEventId: outcome.lastEventId, duplicate: outcome.duplicate };
      },
      'succeeded',
      (r) => ({ objectId: r.meetingId }),
    );
  }

  private async decide(name: MeetingCommandName, p: Payload<MeetingCommandName>, summary: MeetingSummary | null, actor: Actor): Promise<MeetingEventBody[]> {
    if (name === 'meeting.schedule') {
      const s = p as Payload<'meeting.schedule'>;
      if (summary) refuse('conflict', 'This meeting is already scheduled.');
      const chosen: CaseSummary[] = [];
      for (const [i, caseId] of s.agenda.entries()) {
        const c = await this.cases.readSummary(caseId);
        if (!c || !maySeeCase(c, actor)) refuse('invalid', `Invalid input: agenda.${i}: no case with that id is shared with your agency`, [{ path: `agenda.${i}`, message: 'no case with that id is shared with your agency' }]);
        if (chosen.some((x) => x.id === caseId)) refuse('invalid', `Invalid input: agenda.${i}: that case is already on the agenda`, [{ path: `agenda.${i}`, message: 'that case is already on the agenda' }]);
        chosen.push(c);
      }
      // Most urgent first; the chair can reorder it in the meeting.
      const agenda = byUrgency(chosen).map((c) => ({ caseId: c.id, reference: c.reference }));
      const invitedAgencies = [...new Set(s.invitedAgencies ?? DEFAULT_INVITED_AGENCIES)];
      const chairUser = s.chairUserId ? await this.users.get(s.chairUserId) : null;
      if (s.chairUserId && (!chairUser || chairUser.disabled)) refuse('invalid', 'Invalid input: chairUserId: no active user with that id', [{ path: 'chairUserId', message: 'no active user with that id' }]);
      const chair = chairUser ? { userId: chairUser.id, name: chairUser.name, agency: chairUser.agency } : { userId: actor.userId, name: actor.name, agency: actor.agency };
      return [{ type: 'meeting.scheduled', data: { kind: s.kind, title: s.title, scheduledFor: new Date(s.scheduledFor).toISOString(), chair, agenda, invitedAgencies } }];
    }
    if (!summary) refuse('not-found', `No meeting ${(p as { meetingId: string }).meetingId}.`);
    if (name === 'meeting.record-attendance') {
      const a = p as Payload<'meeting.record-attendance'>;
      if (summary.status === 'ended') refuse('conflict', 'The meeting has ended.');
      // Each agency answers for its own attendance; only the chair records anyone else's.
      if (!mayRecordAttendance(summary, a.agency, actor)) {
        refuse('forbidden', `Only the chair (${summary.chair.name}) may record another agency's attendance.`, [{ path: 'agency', message: 'record your own agency, or ask the chair' }]);
      }
      return [{ type: 'meeting.attendance-recorded', data: { agency: a.agency, name: a.name, status: a.status } }];
    }
    const notChair = chairIssues(summary, actor);
    if (notChair.length > 0) refuse('forbidden', `Only the chair may do this: ${describeIssues(notChair)}.`, notChair);
    switch (name) {
      case 'meeting.start':
        if (summary.status !== 'scheduled') refuse('conflict', `The meeting is already ${summary.status}.`);
        return [{ type: 'meeting.started', data: {} }];
      case 'meeting.move': {
        const { itemIndex } = p as Payload<'meeting.move'>;
        if (summary.status !== 'in-progress') refuse('conflict', 'Start the meeting first.');
        if (itemIndex >= summary.agenda.length) refuse('invalid', `Invalid input: itemIndex: the agenda has ${summary.agenda.length} items`, [{ path: 'itemIndex', message: `the agenda has ${summary.agenda.length} items` }]);
        return [{ type: 'meeting.moved', data: { itemIndex } }];
      }
      case 'meeting.reorder': {
        const { from, to } = p as Payload<'meeting.reorder'>;
        if (summary.status === 'ended') refuse('conflict', 'The meeting has ended: its agenda is kept as it was discussed.');
        const size = summary.agenda.length;
        const issues = [from >= size ? { path: 'from', message: `the agenda has ${size} items (0 to ${size - 1})` } : null, to >= size ? { path: 'to', message: `the agenda has ${size} items (0 to ${size - 1})` } : null].filter((x) => x !== null);
        if (issues.length) refuse('invalid', `Invalid input: ${describeIssues(issues)}`, issues);
        return [{ type: 'meeting.agenda-reordered', data: { from, to } }];
      }
      case 'meeting.end':
        if (summary.status !== 'in-progress') refuse('conflict', 'The meeting is not in progress.');
        return [{ type: 'meeting.ended', data: {} }];
      case 'meeting.sign-minutes': {
        if (summary.status === 'scheduled') refuse('conflict', 'The meeting has not started: there is nothing to minute.');
        // Minutes are built from the full record; every reader later gets their own copy of them.
        const views = (await Promise.all(summary.agenda.map((a) => this.cases.readView(a.caseId)))).filter((v): v is CaseView => v !== null);
        return [{ type: 'meeting.minutes-signed', data: { version: summary.minutes.length + 1, minutes: buildMinutes(summary, views) } }];
      }
      default:
        refuse('invalid', `Unknown command ${name}.`);
    }
  }
}
