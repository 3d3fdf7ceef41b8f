/** The zod schemas of meetings.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { CommandIdSchema, IdSchema, InstantSchema, OptionalShortText, ShortText, AgencyIdSchema } from './primitives.schema.ts';
import { MEETING_KINDS, ATTENDANCE, type MeetingCommandName } from './meetings.ts';

export const ScheduleMeetingSchema = z
  .object({
    commandId: CommandIdSchema,
    kind: z.enum(MEETING_KINDS, { error: 'kind must be triage or strategy-discussion' }),
    title: ShortText,
    scheduledFor: InstantSchema,
    /** The cases to discuss, in order (a strategy discussion is about one). */
    agenda: z.array(IdSchema).min(1, 'add at least one case to the agenda').max(50, 'at most 50 cases in one meeting'),
    /** The chair (default: whoever schedules it). */
    chairUserId: IdSchema.optional(),
    /** The agencies invited (default: police, children's social care, health, education); one invited and not recorded is minuted as absent. */
    invitedAgencies: z.array(AgencyIdSchema).min(1, 'invite at least one agency').max(30).optional(),
  })
  .strict()
  .refine((m) => m.kind !== 'strategy-discussion' || m.agenda.length === 1, { path: ['agenda'], message: 'a strategy discussion is about one case' });

export const RecordAttendanceSchema = z
  .object({
    commandId: CommandIdSchema,
    meetingId: IdSchema,
    agency: AgencyIdSchema,
    name: OptionalShortText,
    status: z.enum(ATTENDANCE, { error: `status must be one of: ${ATTENDANCE.join(', ')}` }),
  })
  .strict();

const chairCommand = z.object({ commandId: CommandIdSchema, meetingId: IdSchema }).strict();
export const StartMeetingSchema = chairCommand;
export const EndMeetingSchema = chairCommand;
export const SignMinutesSchema = chairCommand;
export const MoveAgendaSchema = z.object({ commandId: CommandIdSchema, meetingId: IdSchema, itemIndex: z.number({ error: 'itemIndex is required' }).int().min(0) }).strict();
/** The chair moves one agenda item to another place (positions count from 0; the others shift up or down). */
export const ReorderAgendaSchema = z
  .object({
    commandId: CommandIdSchema,
    meetingId: IdSchema,
    /** The item's place now. */
    from: z.number({ error: 'from is required: the place of the item to move' }).int('from must be a whole number').min(0, 'from must be 0 or more'),
    /** Its new place. */
    to: z.number({ error: 'to is required: the place to move it to' }).int('to must be a whole number').min(0, 'to must be 0 or more'),
  })
  .strict()
  .refine((r) => r.from !== r.to, { path: ['to'], message: 'to must differ from from' });

export const MEETING_COMMANDS = {
  'meeting.schedule': ScheduleMeetingSchema,
  'meeting.record-attendance': RecordAttendanceSchema,
  'meeting.start': StartMeetingSchema,
  'meeting.move': MoveAgendaSchema,
  'meeting.reorder': ReorderAgendaSchema,
  'meeting.end': EndMeetingSchema,
  'meeting.sign-minutes': SignMinutesSchema,
} as const;
export const MEETING_COMMAND_NAMES = Object.keys(MEETING_COMMANDS) as MeetingCommandName[];
