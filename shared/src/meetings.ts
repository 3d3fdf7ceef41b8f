/**
 * Meetings: MASH triage meetings over a list of cases, and strategy discussions about one. A
 * meeting is its own event-sourced record (chair, attendance by agency, agenda, the item being
 * discussed, signed minutes); decisions and actions are recorded on the cases themselves.
 */
import { agencyName, type Actor, type PersonRef } from './agencies.ts';
import type { CaseDecision } from './decision.ts';
import type { CaseView } from './model.ts';
import { caseAudience, inAudience, maySee, type Audience, type CaseAccess } from './access.ts';
import type { FieldIssue } from './errors.ts';
import { basisAndRelevance } from './rules.ts';
import type { MEETING_COMMANDS } from './meetings.schema.ts';

export const MEETING_KINDS = ['triage', 'strategy-discussion'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { triage: 'MASH triage meeting', 'strategy-discussion': 'Strategy discussion' };

/** How an agency took part: in the room, on the phone, sent apologies, or sent written information instead. */
export const ATTENDANCE = ['present', 'phone', 'apologies', 'written'] as const;
export type AttendanceStatus = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present in person',
  phone: 'Present by phone',
  apologies: 'Apologies',
  written: 'Sent written information',
};
/** Attendance that counts as taking part in the discussion (and may agree a decision). */
export const PRESENT_STATUSES: ReadonlySet<string> = new Set<AttendanceStatus>(['present', 'phone']);

/** The agencies invited when the scheduler names none: the four statutory MASH partners. */
export const DEFAULT_INVITED_AGENCIES = ['police', 'childrens-social-care', 'health', 'education'] as const;
export type MeetingCommandName = keyof typeof MEETING_COMMANDS;
export const MEETING_COMMAND_ROUTES: Record<MeetingCommandName, string> = {
  'meeting.schedule': '/api/meetings',
  'meeting.record-attendance': '/api/meetings/:meetingId/attendance',
  'meeting.start': '/api/meetings/:meetingId/start',
  'meeting.move': '/api/meetings/:meetingId/move',
  'meeting.reorder': '/api/meetings/:meetingId/reorder',
  'meeting.end': '/api/meetings/:meetingId/end',
  'meeting.sign-minutes': '/api/meetings/:meetingId/minutes/sign',
};

export interface Attendance {
  agency: string;
  name?: string;
  status: AttendanceStatus;
  recordedAt: string;
}

/**
 * One case on a meeting's agenda. In a reader's copy, a case not shared with their agency keeps
 * its place (item numbers and the chair's `currentItem` still line up) but not its id or
 * reference: it is `withheld`, and reads as WITHHELD_AGENDA_ITEM_TEXT.
 */
export interface AgendaItem {
  caseId: string;
  reference: string;
  withheld?: true;
  /** The case was erased under the retention schedule: only its reference is left. */
  erased?: true;
}

/** What a reader is told of a case on the agenda that is not shared with their agency. */
export const WITHHELD_AGENDA_ITEM_TEXT = 'A case restricted to other agencies';

/** "MASH-2026-00012", or for a withheld item the neutral WITHHELD_AGENDA_ITEM_TEXT. */
export function agendaItemLabel(item: AgendaItem): string {
  return item.withheld ? WITHHELD_AGENDA_ITEM_TEXT : item.erased ? `${item.reference} (${ERASED_CASE_TEXT.toLowerCase()})` : item.reference;
}

/** What stands in a meeting's record for a case erased under the retention schedule. */
export const ERASED_CASE_TEXT = 'Erased under the retention schedule';

/**
 * Who may see each case on some agendas now, by case id: the case's audience (`caseAudience`),
 * null when every agency may. Read from the cases' current summaries each time a meeting is
 * presented, since a case's restriction is the case's, not the meeting's.
 */
export type AgendaAccess = ReadonlyMap<string, readonly string[] | null>;

export function agendaAccess(cases: readonly (CaseAccess & { id: string })[]): AgendaAccess {
  return new Map(cases.map((c) => [c.id, caseAudience(c)]));
}

/** May this reader see this case on an agenda or in minutes? Decided from the case's audience now; a case not found is not shown. */
function maySeeAgendaCase(caseId: string, access: AgendaAccess, viewer: Audience): boolean {
  const audience = access.get(caseId);
  return audience !== undefined && inAudience(audience, viewer);
}

/**
 * The agenda as one reader may see it, the one place this is decided: a case their agency may not
 * see (or one not found) is withheld, with no id and no reference, in its place.
 */
export function presentAgenda(agenda: readonly AgendaItem[], access: AgendaAccess, viewer: Audience): AgendaItem[] {
  return agenda.map((item) => {
    // An erased case's item holds nothing but its reference, which the tombstone keeps anyway.
    if (item.erased) return { caseId: '', reference: item.reference, erased: true };
    return maySeeAgendaCase(item.caseId, access, viewer) ? item : { caseId: '', reference: '', withheld: true };
  });
}

/** The agencies that read this agenda differently from an outsider (each may see a restricted case on it), or null when all read it alike. */
export function agendaReaders(agenda: readonly AgendaItem[], access: AgendaAccess): string[] | null {
  const readers = new Set(agenda.flatMap((item) => access.get(item.caseId) ?? []));
  return readers.size ? [...readers] : null;
}

export interface MeetingSummary {
  id: string;
  kind: MeetingKind;
  title: string;
  scheduledFor: string;
  chair: PersonRef;
  agenda: AgendaItem[];
  /** The agencies invited (absent on meetings scheduled before invitations were recorded). */
  invitedAgencies?: string[];
  attendance: Attendance[];
  status: 'scheduled' | 'in-progress' | 'ended';
  /** The agenda item the chair is on (attendees following the chair go there). */
  currentItem: number;
  startedAt?: string;
  endedAt?: string;
  /** Every signed version of the minutes; the last is current. */
  minutes: { version: number; signedAt: string; signedBy: Actor; minutes: Minutes }[];
  createdBy: Actor;
  version: number;
  lastEventId: string;
  updatedAt: string;
}

export type MeetingEventBody =
  | { type: 'meeting.scheduled'; data: { kind: MeetingKind; title: string; scheduledFor: string; chair: PersonRef; agenda: AgendaItem[]; invitedAgencies?: string[] } }
  | { type: 'meeting.attendance-recorded'; data: { agency: string; name?: string | undefined; status: Attendance['status'] } }
  | { type: 'meeting.started'; data: Record<string, never> }
  | { type: 'meeting.moved'; data: { itemIndex: number } }
  | { type: 'meeting.agenda-reordered'; data: { from: number; to: number } }
  | { type: 'meeting.ended'; data: Record<string, never> }
  | { type: 'meeting.minutes-signed'; data: { version: number; minutes: Minutes } };

export type MeetingEvent = MeetingEventBody & { id: string; seq: number; meetingId: string; at: string; actor: Actor; commandId: string };

export function applyMeetingEvent(summary: MeetingSummary | null, event: MeetingEvent): MeetingSummary {
  if (event.type === 'meeting.scheduled') {
    return {
      id: event.meetingId,
      ...event.data,
      invitedAgencies: event.data.invitedAgencies ?? [],
      attendance: [],
      status: 'scheduled',
      currentItem: 0,
      minutes: [],
      createdBy: event.actor,
      version: event.seq,
      lastEventId: event.id,
      updatedAt: event.at,
    };
  }
  if (!summary) throw new Error(`event ${event.type} before meeting.scheduled`);
  const next: MeetingSummary = { ...summary, version: event.seq, lastEventId: event.id, updatedAt: event.at };
  switch (event.type) {
    case 'meeting.attendance-recorded': {
      const record: Attendance = { agency: event.data.agency, ...(event.data.name ? { name: event.data.name } : {}), status: event.data.status, recordedAt: event.at };
      const same = (a: Attendance) => a.agency === record.agency && (a.name ?? '') === (record.name ?? '');
      next.attendance = next.attendance.some(same) ? next.attendance.map((a) => (same(a) ? record : a)) : [...next.attendance, record];
      break;
    }
    case 'meeting.started':
      next.status = 'in-progress';
      next.startedAt = event.at;
      break;
    case 'meeting.moved':
      next.currentItem = event.data.itemIndex;
      break;
    case 'meeting.agenda-reordered': {
      const { from, to } = event.data;
      next.agenda = moveItem(summary.agenda, from, to);
      // The chair stays on the case under discussion, wherever it now sits.
      next.currentItem = moveItem(
        summary.agenda.map((_, i) => i),
        from,
        to,
      ).indexOf(summary.currentItem);
      break;
    }
    case 'meeting.ended':
      next.status = 'ended';
      next.endedAt = event.at;
      break;
    case 'meeting.minutes-signed':
      next.minutes = [...next.minutes, { version: event.data.version, signedAt: event.at, signedBy: event.actor, minutes: event.data.minutes }];
      break;
  }
  return next;
}

/** The list with the item at `from` moved to `to`, the others shifting to make room. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * Agenda order by urgency, the default when a meeting is scheduled: Red first, then Amber, then
 * cases not yet rated (their urgency is not judged yet), Green, Blue; within a rating the case
 * received first. Stable, so equal cases keep the order they were chosen in.
 */
export const RATING_URGENCY: Record<string, number> = { red: 0, amber: 1, unrated: 2, green: 3, blue: 4 };
export function byUrgency<T extends { rating?: { value: string } | null | undefined; receivedAt: string }>(cases: readonly T[]): T[] {
  const rank = (c: T) => RATING_URGENCY[c.rating?.value ?? 'unrated'] ?? RATING_URGENCY.unrated!;
  return [...cases].sort((a, b) => rank(a) - rank(b) || Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
}

/** Invited agencies with no attendance recorded: minuted as absent. */
export function absentAgencies(meeting: Pick<MeetingSummary, 'invitedAgencies' | 'attendance'>): string[] {
  const recorded = new Set(meeting.attendance.map((a) => a.agency));
  return (meeting.invitedAgencies ?? []).filter((a) => !recorded.has(a));
}

/** Can this actor run the meeting (start, move the agenda, end, sign the minutes)? Only the chair. */
export function chairIssues(meeting: MeetingSummary, actor: Actor): FieldIssue[] {
  return meeting.chair.userId === actor.userId ? [] : [{ path: 'meetingId', message: `only the chair (${meeting.chair.name}) may do this` }];
}

/** One item of information in the minutes, with what decides who may read it. */
export interface MinutesInformation {
  entryId: string;
  agency: string;
  restrictedTo: string[];
  /** Empty for a reader who may not see it (the line says so). */
  text: string;
  basis?: string;
  timeframe: 'current' | 'historic';
  relevance?: string;
  withheld?: true;
}

export interface MinutesItem {
  caseId: string;
  reference: string;
  /**
   * Agencies the case was restricted to when the minutes were signed (with its opener's); empty:
   * every agency. A record only: who may read the item is decided from the case now (`presentMinutes`),
   * and a withheld item in a reader's copy names the case's audience now.
   */
  restrictedTo: string[];
  /** True in a reader's copy when the case is not shared with their agency: its id and reference are left out too, as on the agenda. */
  withheld?: true;
  /** The case was erased under the retention schedule: its content is gone from the minutes too. */
  erased?: true;
  children: string[];
  /** Facts and opinions kept apart. */
  facts: MinutesInformation[];
  opinions: MinutesInformation[];
  childVoice: { child: string; words?: string; wishes?: string; feelings?: string; observedBehaviour?: string; howExpressed: string }[];
  voiceAbsent: { child: string; reason: string }[];
  decisions: Omit<CaseDecision, 'recordedBy'>[];
  actions: { title: string; owner: string; agency: string; dueAt: string }[];
}

export interface Minutes {
  meetingId: string;
  kind: MeetingKind;
  title: string;
  chair: string;
  heldAt: string;
  attendance: { agency: string; name?: string; status: string }[];
  /** Agencies invited with no attendance recorded (minutes signed before invitations were recorded: absent). */
  absent?: string[];
  items: MinutesItem[];
}

/**
 * A reader's copy: what a restricted entry said is left out for agencies it is not shared with, and
 * so is a case not shared with their agency (decided, as on the agenda, from the case's
 * restriction now, not the one copied when the minutes were signed), but for its place.
 */
export function presentMinutes(minutes: Minutes, access: AgendaAccess, viewer: Audience): Minutes {
  const hide = (i: MinutesInformation): MinutesInformation =>
    maySee(i, viewer) ? i : { entryId: i.entryId, agency: i.agency, restrictedTo: i.restrictedTo, text: '', timeframe: i.timeframe, withheld: true };
  return {
    ...minutes,
    items: minutes.items.map((item) =>
      item.erased || maySeeAgendaCase(item.caseId, access, viewer)
        ? { ...item, facts: item.facts.map(hide), opinions: item.opinions.map(hide) }
        : {
            caseId: '',
            reference: '',
            restrictedTo: [...(access.get(item.caseId) ?? [])],
            withheld: true,
            children: [],
            facts: [],
            opinions: [],
            childVoice: [],
            voiceAbsent: [],
            decisions: [],
            actions: [],
          },
    ),
  };
}

/** A minutes item with the case's content removed: what erasure leaves in signed minutes. */
export function erasedMinutesItem(item: Pick<MinutesItem, 'caseId' | 'reference'>): MinutesItem {
  return { caseId: item.caseId, reference: item.reference, restrictedTo: [], erased: true, children: [], facts: [], opinions: [], childVoice: [], voiceAbsent: [], decisions: [], actions: [] };
}

/** A meeting's record with one case's content replaced by the erased placeholder (agenda and every version of the minutes). */
export function eraseCaseFromMeeting(summary: MeetingSummary, caseId: string): MeetingSummary {
  return {
    ...summary,
    agenda: eraseCaseFromAgenda(summary.agenda, caseId),
    minutes: summary.minutes.map((m) => ({ ...m, minutes: eraseCaseFromMinutes(m.minutes, caseId) })),
  };
}

export function eraseCaseFromAgenda(agenda: AgendaItem[], caseId: string): AgendaItem[] {
  return agenda.map((a) => (a.caseId === caseId ? { caseId, reference: a.reference, erased: true } : a));
}

export function eraseCaseFromMinutes(minutes: Minutes, caseId: string): Minutes {
  return { ...minutes, items: minutes.items.map((i) => (i.caseId === caseId ? erasedMinutesItem(i) : i)) };
}

/** A meeting event with one case's content replaced by the erased placeholder. */
export function eraseCaseFromMeetingEvent(event: MeetingEvent, caseId: string): MeetingEvent {
  switch (event.type) {
    case 'meeting.scheduled':
      return { ...event, data: { ...event.data, agenda: eraseCaseFromAgenda(event.data.agenda, caseId) } };
    case 'meeting.minutes-signed':
      return { ...event, data: { ...event.data, minutes: eraseCaseFromMinutes(event.data.minutes, caseId) } };
    default:
      return event;
  }
}

/** "Police (DC Sam Evans): Present by phone", as the room and the minutes say it. */
export function describeAttendance(a: { agency: string; name?: string | undefined; status: string }): string {
  return `${agencyName(a.agency)}${a.name ? ` (${a.name})` : ''}: ${ATTENDANCE_LABELS[a.status as AttendanceStatus] ?? a.status}`;
}

/**
 * Minutes generated from the record, not typed afterwards: attendance; for each case on the
 * agenda the information shared (facts and opinions apart, historic with its relevance), the
 * child's voice, the decisions made in this meeting with any dissent, and the actions set in it.
 * Built from the full record; each reader gets `presentMinutes` of it.
 */
export function buildMinutes(meeting: MeetingSummary, views: CaseView[]): Minutes {
  const items = meeting.agenda.flatMap(({ caseId, reference }) => {
    const view = views.find((v) => v.summary.id === caseId);
    if (!view) return [];
    const { summary } = view;
    const childName = (id: string) => {
      const c = summary.children.find((k) => k.id === id);
      return c ? `${c.firstName} ${c.lastName}` : 'a child';
    };
    const facts: MinutesInformation[] = [];
    const opinions: MinutesInformation[] = [];
    const childVoice: MinutesItem['childVoice'] = [];
    for (const entry of view.entries) {
      if (entry.kind === 'contribution') {
        const latest = entry.versions[entry.versions.length - 1];
        if (!latest || entry.withheld) {
          facts.push({ entryId: entry.id, agency: entry.agency, restrictedTo: entry.restrictedTo, text: '', timeframe: 'current', withheld: true });
          continue;
        }
        const c = latest.content;
        const info: MinutesInformation = {
          entryId: entry.id,
          agency: entry.agency,
          restrictedTo: entry.restrictedTo,
          text: c.text,
          timeframe: c.timeframe,
          ...basisAndRelevance(c),
        };
        (c.kind === 'opinion' ? opinions : facts).push(info);
      } else {
        const latest = entry.versions[entry.versions.length - 1];
        if (!latest) continue;
        const v = latest.content;
        childVoice.push({
          child: childName(v.childId),
          ...(v.words ? { words: v.words } : {}),
          ...(v.wishes ? { wishes: v.wishes } : {}),
          ...(v.feelings ? { feelings: v.feelings } : {}),
          ...(v.observedBehaviour ? { observedBehaviour: v.observedBehaviour } : {}),
          howExpressed: v.howExpressed,
        });
      }
    }
    return [
      {
        caseId,
        reference,
        restrictedTo: caseAudience(summary) ?? [],
        children: summary.children.map((c) => `${c.firstName} ${c.lastName}`),
        facts,
        opinions,
        childVoice,
        voiceAbsent: Object.entries(summary.voiceAbsence).map(([id, a]) => ({ child: childName(id), reason: a.explanation })),
        decisions: summary.decisions.filter((d) => d.meetingId === meeting.id).map(({ recordedBy: _r, ...d }) => d),
        actions: summary.deadlines
          .filter((d) => d.kind === 'action' && d.meetingId === meeting.id)
          .map((d) => ({ title: d.label, owner: d.owner?.name ?? '', agency: d.owner?.agency ?? '', dueAt: d.dueAt })),
      },
    ];
  });
  return {
    meetingId: meeting.id,
    kind: meeting.kind,
    title: meeting.title,
    chair: meeting.chair.name,
    heldAt: meeting.startedAt ?? meeting.scheduledFor,
    attendance: meeting.attendance.map((a) => ({ agency: a.agency, ...(a.name ? { name: a.name } : {}), status: a.status })),
    absent: absentAgencies(meeting),
    items,
  };
}
