/** The zod schemas of meetings.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { ActorSchema, PersonRefSchema, TimestampSchema, CommandIdSchema, IdSchema, InstantSchema, OptionalShortText, ShortText, AgencyIdSchema } from './primitives.schema.ts';
import { CaseDecisionSchema } from './decision.schema.ts';
import { ChildVoiceLineSchema } from './contributions.schema.ts';
import {
  type AgendaItem,
  type Attendance,
  type MeetingEvent,
  type MeetingSummary,
  type Minutes,
  type MinutesInformation,
  type MinutesItem,
  MEETING_KINDS,
  ATTENDANCE,
  type MeetingCommandName,
} from './meetings.ts';

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

/* Answer schemas (the API document): meetings as a reader is sent them. */
const MinutesInformationSchema = z.object({
  entryId: z.string(),
  agency: z.string(),
  restrictedTo: z.array(z.string()),
  text: z.string(),
  basis: z.string().optional(),
  timeframe: z.enum(['current', 'historic']),
  relevance: z.string().optional(),
  withheld: z.literal(true).optional(),
}) satisfies z.ZodType<MinutesInformation>;
const MinutesItemSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  restrictedTo: z.array(z.string()),
  withheld: z.literal(true).optional(),
  erased: z.literal(true).optional(),
  children: z.array(z.string()),
  facts: z.array(MinutesInformationSchema),
  opinions: z.array(MinutesInformationSchema),
  childVoice: z.array(ChildVoiceLineSchema),
  voiceAbsent: z.array(z.object({ child: z.string(), reason: z.string() })),
  decisions: z.array(CaseDecisionSchema.omit({ recordedBy: true })),
  actions: z.array(z.object({ title: z.string(), owner: z.string(), agency: z.string(), dueAt: TimestampSchema })),
}) satisfies z.ZodType<MinutesItem>;
export const MinutesSchema = z.object({
  meetingId: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  chair: z.string(),
  heldAt: TimestampSchema,
  attendance: z.array(z.object({ agency: z.string(), name: z.string().optional(), status: z.string() })),
  absent: z.array(z.string()).optional(),
  items: z.array(MinutesItemSchema),
}) satisfies z.ZodType<Minutes>;
const AgendaItemSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  withheld: z.literal(true).optional(),
  erased: z.literal(true).optional(),
}) satisfies z.ZodType<AgendaItem>;
const AttendanceSchema = z.object({ agency: z.string(), name: z.string().optional(), status: z.enum(ATTENDANCE), recordedAt: TimestampSchema }) satisfies z.ZodType<Attendance>;
export const MeetingSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  scheduledFor: TimestampSchema,
  chair: PersonRefSchema,
  agenda: z.array(AgendaItemSchema),
  invitedAgencies: z.array(z.string()).optional(),
  attendance: z.array(AttendanceSchema),
  status: z.enum(['scheduled', 'in-progress', 'ended']),
  currentItem: z.number(),
  startedAt: TimestampSchema.optional(),
  endedAt: TimestampSchema.optional(),
  minutes: z.array(z.object({ version: z.number(), signedAt: TimestampSchema, signedBy: ActorSchema, minutes: MinutesSchema })),
  createdBy: ActorSchema,
  version: z.number(),
  lastEventId: z.string(),
  updatedAt: TimestampSchema,
}) satisfies z.ZodType<MeetingSummary>;
const meetingEventMeta = { id: z.string(), seq: z.number(), meetingId: z.string(), at: TimestampSchema, actor: ActorSchema, commandId: z.string() };
const nothing = z.record(z.string(), z.never());
/** A meeting event as a reader is sent it (`meeting.event`). */
export const MeetingEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...meetingEventMeta,
    type: z.literal('meeting.scheduled'),
    data: MeetingSummarySchema.pick({ kind: true, title: true, scheduledFor: true, chair: true, agenda: true, invitedAgencies: true }),
  }),
  z.object({ ...meetingEventMeta, type: z.literal('meeting.attendance-recorded'), data: z.object({ agency: z.string(), name: z.string().optional(), status: z.enum(ATTENDANCE) }) }),
  z.object({ ...meetingEventMeta, type: z.literal('meeting.started'), data: nothing }),
  z.object({ ...meetingEventMeta, type: z.literal('meeting.moved'), data: z.object({ itemIndex: z.number() }) }),
  z.object({ ...meetingEventMeta, type: z.literal('meeting.agenda-reordered'), data: z.object({ from: z.number(), to: z.number() }) }),
  z.object({ ...meetingEventMeta, type: z.literal('meeting.ended'), data: nothing }),
  z.object({ ...meetingEventMeta, type: z.literal('meeting.minutes-signed'), data: z.object({ version: z.number(), minutes: MinutesSchema }) }),
]) satisfies z.ZodType<MeetingEvent>;
