/** Meetings as pure helpers: merging live events and list rows, following the chair, attendance, and the forms' checks. */
import {
  AGENCIES,
  agencyName,
  applyMeetingEvent,
  ATTENDANCE_LABELS,
  LIMITS,
  type Attendance,
  type FieldIssue,
  type MeetingEvent,
  type MeetingSummary,
} from '@mashboard/shared';
import { upsertSummary } from './caseStream.ts';
import { londonLocalToIso } from './time.ts';
import { dateTimeInputIssue } from '../forms/DateInput.tsx';

export interface MeetingMerge {
  meeting: MeetingSummary;
  /** Ask the server for the meeting again: an event was missed, or signed minutes came (fetch your own copy). */
  refetch: boolean;
}

/** Apply one live event: duplicates are ignored, a gap or signed minutes ask for a fresh copy. */
export function mergeMeetingEvent(meeting: MeetingSummary, event: MeetingEvent): MeetingMerge {
  if (event.meetingId !== meeting.id || event.seq <= meeting.version) return { meeting, refetch: false };
  if (event.seq > meeting.version + 1) return { meeting, refetch: true };
  return { meeting: applyMeetingEvent(meeting, event), refetch: event.type === 'meeting.minutes-signed' };
}

export interface FollowState {
  /** The agenda item on screen. */
  shown: number;
  /** On the chair's item (or the chair, or no meeting in progress). */
  following: boolean;
  /** "Following the chair (item 2 of 5)" or "You are browsing item 4 of 5". */
  text: string;
}

/** Where this person is in the agenda: following the chair, or browsing another item. */
export function followState(meeting: Pick<MeetingSummary, 'agenda' | 'currentItem' | 'status'>, browsing: number | null, isChair: boolean): FollowState {
  const total = meeting.agenda.length;
  const chairItem = Math.min(Math.max(0, meeting.currentItem), Math.max(0, total - 1));
  if (browsing === null || browsing === chairItem || browsing < 0 || browsing >= total) {
    const text = isChair
      ? `You are chairing: item ${chairItem + 1} of ${total}`
      : meeting.status === 'in-progress'
        ? `Following the chair (item ${chairItem + 1} of ${total})`
        : meeting.status === 'scheduled'
          ? `The meeting has not started (item ${chairItem + 1} of ${total})`
          : `The meeting has ended (item ${chairItem + 1} of ${total})`;
    return { shown: chairItem, following: true, text };
  }
  return { shown: browsing, following: false, text: `You are browsing item ${browsing + 1} of ${total}` };
}

export interface AgencyAttendance {
  agency: string;
  records: Attendance[];
}

/** Attendance grouped by agency, in the usual agency order. */
export function attendanceByAgency(attendance: readonly Attendance[]): AgencyAttendance[] {
  const order = (id: string) => {
    const i = AGENCIES.findIndex((a) => a.id === id);
    return i < 0 ? AGENCIES.length : i;
  };
  const map = new Map<string, Attendance[]>();
  for (const a of attendance) map.set(a.agency, [...(map.get(a.agency) ?? []), a]);
  return [...map.entries()].sort(([a], [b]) => order(a) - order(b)).map(([agency, records]) => ({ agency, records }));
}

/** "Present (DC Sam Evans)", "Apologies". */
export function attendanceText(a: Pick<Attendance, 'status' | 'name'>): string {
  return `${ATTENDANCE_LABELS[a.status]}${a.name ? ` (${a.name})` : ''}`;
}

export interface DissentDraft {
  key: string;
  name: string;
  agency: string;
  view: string;
}

export interface DecisionDraft {
  outcome: string;
  rationale: string;
  /** One of the levels of need in the decision settings. */
  threshold: string;
  /** "Name, agency" one per row. */
  agreedBy: string[];
  dissent: DissentDraft[];
  /** Agencies whose information the decision rests on, and those still awaited. */
  informationFrom: string[];
  informationAwaited: string[];
  /** The next step: what, who (user id), by when (London datetime-local); all empty for none. */
  nextStep: { title: string; ownerUserId: string; due: string };
}

/** What a decision lacks before it is sent (paths as the server names them); agreed-by is required in a meeting. */
export function decisionIssues(d: DecisionDraft, inMeeting = true, now = Date.now()): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!d.outcome) issues.push({ path: 'outcome', message: 'choose the outcome' });
  if (!d.threshold.trim()) issues.push({ path: 'threshold', message: 'choose the threshold or level of need judged met' });
  if (!d.rationale.trim()) issues.push({ path: 'rationale', message: 'give the rationale for the decision' });
  else if (d.rationale.length > LIMITS.mediumText) issues.push({ path: 'rationale', message: `must be at most ${LIMITS.mediumText.toLocaleString('en-GB')} characters` });
  const both = d.informationFrom.filter((a) => d.informationAwaited.includes(a));
  if (both.length) issues.push({ path: 'informationAwaited', message: `${both.map(agencyName).join(', ')} cannot be both relied on and still awaited` });
  const step = d.nextStep;
  if (step.title.trim() || step.ownerUserId || step.due) {
    if (!step.title.trim()) issues.push({ path: 'nextStep.title', message: 'say what the next step is' });
    else if (step.title.length > LIMITS.shortText) issues.push({ path: 'nextStep.title', message: `must be at most ${LIMITS.shortText} characters` });
    if (!step.ownerUserId) issues.push({ path: 'nextStep.ownerUserId', message: 'choose who owns the next step' });
    const dueAt = step.due ? londonLocalToIso(step.due) : null;
    if (!step.due) issues.push({ path: 'nextStep.dueAt', message: 'enter the date and time the next step is due' });
    else if (!dueAt) issues.push({ path: 'nextStep.dueAt', message: dateTimeInputIssue(step.due, 'Due by') ?? 'enter a real date and time, for example 21 11 2026 and 14:30' });
    else if (Date.parse(dueAt) <= now) issues.push({ path: 'nextStep.dueAt', message: 'must be in the future' });
  }
  const agreed = d.agreedBy.map((a) => a.trim()).filter(Boolean);
  if (inMeeting && agreed.length === 0) issues.push({ path: 'agreedBy', message: 'name at least one person who agreed' });
  d.agreedBy.forEach((a, i) => {
    if (a.length > LIMITS.shortText) issues.push({ path: `agreedBy.${i}`, message: `must be at most ${LIMITS.shortText} characters` });
  });
  d.dissent.forEach((x, i) => {
    if (!x.name.trim() && !x.agency && !x.view.trim()) return; // an empty row is ignored
    if (!x.name.trim()) issues.push({ path: `dissent.${i}.name`, message: 'give the name of the person who disagreed' });
    if (!x.agency) issues.push({ path: `dissent.${i}.agency`, message: 'choose their agency' });
    if (!x.view.trim()) issues.push({ path: `dissent.${i}.view`, message: 'record their view in their words' });
  });
  return issues;
}

/** The decision's payload parts from the draft (empty rows dropped; no next step when none was given). */
export function decisionPayloadParts(d: DecisionDraft) {
  const step = d.nextStep;
  const dueAt = step.due ? londonLocalToIso(step.due) : null;
  return {
    rationale: d.rationale.trim(),
    threshold: d.threshold.trim(),
    agreedBy: d.agreedBy.map((a) => a.trim()).filter(Boolean),
    dissent: d.dissent
      .filter((x) => x.name.trim() || x.agency || x.view.trim())
      .map((x) => ({ name: x.name.trim(), agency: x.agency, view: x.view.trim() })),
    informationFrom: d.informationFrom,
    informationAwaited: d.informationAwaited,
    ...(step.title.trim() && step.ownerUserId && dueAt ? { nextStep: { title: step.title.trim(), ownerUserId: step.ownerUserId, dueAt } } : {}),
  };
}

/** "Rhian Hughes, Children's social care" for the agreed-by list. */
export function personWithAgency(p: { name: string; agency: string }): string {
  return `${p.name}, ${agencyName(p.agency)}`;
}

/** Meetings in the list: in progress first, then upcoming soonest first, then ended newest first. */
export function sortMeetings(meetings: readonly MeetingSummary[]): MeetingSummary[] {
  const rank = (m: MeetingSummary) => (m.status === 'in-progress' ? 0 : m.status === 'scheduled' ? 1 : 2);
  return [...meetings].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r) return r;
    const t = Date.parse(a.scheduledFor) - Date.parse(b.scheduledFor);
    return a.status === 'ended' ? -t : t;
  });
}

/** List rows (the whole list, or one pushed live) merged by meeting id: the newer version of a meeting wins. */
export function mergeMeetingRows(list: readonly MeetingSummary[] | null, rows: readonly MeetingSummary[]): MeetingSummary[] {
  return rows.reduce<MeetingSummary[]>((merged, row) => upsertSummary(merged, row), [...(list ?? [])]);
}
