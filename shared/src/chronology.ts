/**
 * The case chronology: every contribution, every record of the child's voice and every event of a
 * case, in the order they happened (not the order they were recorded), as a practitioner reads
 * and exports it. Dates and times are UK wall-clock (Europe/London), as contributions record them.
 */
import { agencyName } from './agencies.ts';
import { CASE_STATUS_LABELS, type CaseStatus, type Child, type ReferralSource } from './cases.ts';
import { currentVersion, HOW_EXPRESSED_LABELS, VOICE_ABSENCE_LABELS, type BoardEntry, type ContributionContent, type Timeframe, type VoiceEntry } from './contributions.ts';
import type { Happened } from './primitives.ts';
import { basisAndRelevance, ukNow } from './rules.ts';
import { RATING_LABELS } from './timeliness.ts';
import { addDays, instantAt, parseWallTime, UK_ZONE } from './zone.ts';
import type { CaseEvent, CaseEventType, CaseView } from './model.ts';
import { DECISION_OUTCOME_LABELS } from './decision.ts';

/**
 * What a line is: an agency's fact or opinion, the child's voice, an event on the case, or an
 * entry withheld from this viewer (its kind is part of what is withheld: a withheld opinion must
 * never be shown as a fact).
 */
export const CHRONOLOGY_KINDS = ['fact', 'opinion', 'voice', 'event', 'withheld'] as const;
export type ChronologyKind = (typeof CHRONOLOGY_KINDS)[number];

/** The heading of the trailing group of lines whose date is not known (or withheld). */
export const DATE_NOT_KNOWN = 'Date not known';

/** Hours between happening and recording after which a line is flagged as recorded late. */
export const DEFAULT_LATE_AFTER_HOURS = 72;

/**
 * Events that change the course of a case, always significant: the contact arriving, its RAG
 * rating (set or changed), a strategy discussion decided or held, a child's voice recorded as
 * absent, a decision on the case (its outcome), and a status change to decided or closed. Every record of a child's voice is significant
 * too, and so is any entry the caller names in `significantEntryIds` (marked by a practitioner).
 */
export const SIGNIFICANT_EVENT_TYPES: readonly CaseEventType[] = [
  'case.opened',
  'rating.set',
  'strategy-discussion.decided',
  'strategy-discussion.held',
  'voice.absence-recorded',
  'decision.recorded',
];

/** Statuses whose arrival is significant. */
const SIGNIFICANT_STATUSES: readonly CaseStatus[] = ['decided', 'closed'];

/** One line of the chronology. */
export interface ChronologyLine {
  /** The entry's id, or `event:<event id>` for an event. */
  id: string;
  /** When it happened, as the contributor gave it; null for events (their time is `recordedAt`) and withheld entries. */
  happened: Happened | null;
  /** Sorts the lines into chronology order as plain strings (see `buildChronology`). */
  sortKey: string;
  /** dated: in the main sequence; date-not-known: in the trailing "Date not known" group. */
  group: 'dated' | 'date-not-known';
  /** When it was first recorded (server time); for an event, when it took place. */
  recordedAt: string;
  /** The agency that recorded it. */
  agency: string;
  /** Who recorded it; null when withheld. */
  authorName: string | null;
  kind: ChronologyKind;
  /** For a contribution: whether it is about the present concern or earlier events. */
  timeframe?: Timeframe;
  /**
   * What is recorded: a contribution's text; the child's words (verbatim, in quotes), wishes,
   * feelings or observed behaviour and how they came out; an event in plain words ("Rating set to
   * Red: …"). Null when withheld.
   */
  text: string | null;
  /** For an opinion: what it rests on. */
  basis?: string;
  /** For historic information: why it matters now. */
  relevance?: string;
  /** The children it concerns (ids); empty means the whole case. */
  childIds: string[];
  /** When the agency recorded it in its own records, if that was not when it was shared (`recordedAt` is when it reached the MASH). */
  agencyRecordedOn?: string;
  /**
   * Recorded by its agency more than `lateAfterHours` after it happened (only when the date it
   * happened is known; see `contributionRecordedLate`: sharing old records today is not late).
   */
  lateRecorded: boolean;
  /** This viewer may not see the entry: only its agency and time are given. */
  withheld: boolean;
  significant: boolean;
}

/** How to build a chronology. */
export interface ChronologyOptions {
  /** Flag a line recorded more than this many hours after it happened (default 72). */
  lateAfterHours?: number;
  /** Entries marked significant by a practitioner. */
  significantEntryIds?: readonly string[];
}

const REFERRAL_FROM: Record<ReferralSource, string> = {
  police: 'referral from Police',
  'childrens-social-care': "referral from Children's social care",
  health: 'referral from Health',
  education: 'referral from Education',
  probation: 'referral from Probation',
  'youth-justice': 'referral from Youth justice',
  housing: 'referral from Housing',
  'voluntary-sector': 'referral from the Voluntary sector',
  'family-member': 'referral from a family member',
  'member-of-public': 'referral from a member of the public',
  anonymous: 'anonymous referral',
  'self-referral': 'self-referral by the child or young person',
};

/** An instant as a string that sorts in time order (UTC, milliseconds); an unreadable one as given. */
function sortableInstant(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

/** When a line sorts: its UK date and, if known, time; null when the date is not known. */
interface Position {
  date: string;
  time?: string | undefined;
}

function positionOfHappened(happened: Happened): Position | null {
  if (happened.precision === 'unknown' || !happened.date) return null;
  return { date: happened.date, time: happened.time };
}

function positionOfInstant(iso: string): Position | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const { date, time } = ukNow(new Date(ms));
  return { date, time };
}

/**
 * The sort key: dated lines first, by UK date; within a day a line with a date only (exact or
 * approximate) before timed lines, then by time; ties by when recorded, then by id. Lines with no
 * known date come last, by when recorded, then id.
 */
function sortKeyOf(position: Position | null, recordedAt: string, id: string): string {
  if (!position) return `2|${sortableInstant(recordedAt)}|${id}`;
  const within = position.time ? `1${position.time}` : '0';
  return `1|${position.date}|${within}|${sortableInstant(recordedAt)}|${id}`;
}

/**
 * The earliest instant it can have ended happening: the minute given, or for a date alone the end
 * of that UK day, so a line is never called late just because its time was not given.
 */
function happenedBy(happened: Happened): number | null {
  if (happened.precision === 'unknown' || !happened.date) return null;
  const wall = parseWallTime(happened.time ? `${happened.date}T${happened.time}` : happened.date);
  if (!wall) return null;
  return instantAt(happened.time ? wall : addDays(wall, 1), UK_ZONE);
}

function isLate(happened: Happened, recordedAt: string, lateAfterHours: number): boolean {
  const by = happenedBy(happened);
  const recorded = Date.parse(recordedAt);
  if (by === null || Number.isNaN(recorded)) return false;
  return recorded - by > lateAfterHours * 3_600_000;
}

/** The end of a UK day (YYYY-MM-DD), as an instant: a day's recording is late only once the whole day is past the limit. */
function endOfUkDay(date: string): string {
  const day = parseWallTime(date);
  return day ? new Date(instantAt(addDays(day, 1), UK_ZONE)).toISOString() : date;
}

/**
 * Was a contribution recorded late? Three moments are kept apart: when it happened, when the agency
 * recorded it in its own records, and when it was shared with the MASH (the board's time). Late means
 * the agency's own record came more than the limit after it happened (judged from `agencyRecordedOn`
 * when given). Sharing from the agency's records, or sharing historic information, is never "late":
 * a 2021 A&E attendance shared today was recorded in 2021. Otherwise (something current the agency
 * tells the MASH directly) the board's time is when it was recorded.
 */
export function contributionRecordedLate(
  content: Pick<ContributionContent, 'happened' | 'timeframe' | 'source' | 'agencyRecordedOn'>,
  sharedAt: string,
  lateAfterHours = DEFAULT_LATE_AFTER_HOURS,
): boolean {
  if (content.agencyRecordedOn) {
    if (content.happened.precision === 'unknown' || !content.happened.date) return false;
    // Recorded on a day: compare whole days, so a record made on the day it happened is never late.
    const { time: _time, ...day } = content.happened;
    const happenedDay = happenedBy(day);
    const recordedDay = Date.parse(endOfUkDay(content.agencyRecordedOn));
    return happenedDay !== null && recordedDay - happenedDay > lateAfterHours * 3_600_000;
  }
  if (content.timeframe === 'historic' || content.source === 'agency-records') return false;
  return isLate(content.happened, sharedAt, lateAfterHours);
}

const childName = (children: Child[], id: string) => {
  const child = children.find((c) => c.id === id);
  return child ? `${child.firstName} ${child.lastName}` : 'a child';
};

const withNote = (text: string, note: string | undefined) => (note && note.trim() ? `${text}: ${note.trim()}` : text);

/** What the case knows about its requests and actions, to name them when they are answered or done. */
interface EventContext {
  children: Child[];
  requestAgency: Map<string, string>;
  actionTitle: Map<string, string>;
  deadlineLabel: Map<string, string>;
}

/** An event as a line of the chronology, in plain words; null for events the chronology shows as their entry instead. */
function chronologyLine(event: CaseEvent, context: EventContext): string | null {
  switch (event.type) {
    case 'case.opened':
      return `Case opened (${REFERRAL_FROM[event.data.referral.source] ?? `referral from ${event.data.referral.source}`})`;
    case 'case.lead-assigned':
      return `Lead assigned: ${event.data.lead.name} (${agencyName(event.data.lead.agency)})`;
    case 'case.status-changed':
      return `Status changed from ${CASE_STATUS_LABELS[event.data.from] ?? event.data.from} to ${CASE_STATUS_LABELS[event.data.to] ?? event.data.to}: ${event.data.reason}`;
    case 'rating.set': {
      const to = RATING_LABELS[event.data.to] ?? event.data.to;
      return event.data.from === null || event.data.from === undefined
        ? `Rating set to ${to}: ${event.data.reason}`
        : `Rating changed from ${RATING_LABELS[event.data.from] ?? event.data.from} to ${to}: ${event.data.reason}`;
    }
    case 'information.requested':
      return `Information requested from ${agencyName(event.data.agency)}: ${event.data.question}`;
    case 'information.answered': {
      const agency = context.requestAgency.get(event.data.requestId);
      const answered = agency ? `Information request answered by ${agencyName(agency)}` : 'Information request answered';
      const answer = event.data.answer;
      const how = !answer
        ? answered
        : answer.kind === 'nothing-held'
          ? `${answered}: Nothing held (${answer.reason})`
          : `${answered} with ${answer.contributionIds.length === 1 ? 'a contribution' : `${answer.contributionIds.length} contributions`}`;
      return withNote(how, event.data.note);
    }
    case 'strategy-discussion.decided':
      return `Strategy discussion to be held: ${event.data.reason}`;
    case 'strategy-discussion.held':
      return withNote('Strategy discussion held', event.data.note);
    case 'action.added':
      return `Action for ${event.data.owner.name} (${agencyName(event.data.owner.agency)}): ${event.data.title}`;
    case 'action.completed': {
      const title = context.actionTitle.get(event.data.actionId);
      return withNote(title ? `Action completed: ${title}` : 'Action completed', event.data.note);
    }
    case 'deadline.changed': {
      const label = context.deadlineLabel.get(event.data.deadlineId) ?? event.data.deadlineId;
      return `Deadline changed (${label}): ${event.data.reason}`;
    }
    case 'voice.absence-recorded': {
      const reason = VOICE_ABSENCE_LABELS[event.data.reason as keyof typeof VOICE_ABSENCE_LABELS] ?? event.data.reason;
      return `Child's voice not recorded for ${childName(context.children, event.data.childId)}: ${reason}. ${event.data.explanation}`;
    }
    case 'contribution.corrected':
      // A correction of an entry this viewer may not see is withheld with it.
      if (event.data.withheld || !event.data.content) return null;
      return `${agencyName(event.actor.agency)} corrected an entry: ${event.data.reason}`;
    case 'voice.corrected':
      return `Record of a child's voice corrected: ${event.data.reason}`;
    case 'decision.recorded': {
      const d = event.data.decision;
      return `Decision: ${DECISION_OUTCOME_LABELS[d.outcome] ?? d.outcome}: ${d.rationale}`;
    }
    case 'sharing.decided': {
      const c = event.data.content;
      const r = c.recipient ?? c.requester;
      const recipient = r ? [r.person, r.role, r.organisation ?? (r.agency ? agencyName(r.agency) : undefined)].filter(Boolean).join(', ') : '';
      const what = c.decision === 'share' ? 'Decision to share information' : 'Decision not to share information';
      return `${what}${recipient ? ` with ${recipient}` : ''}: ${c.reasons}`;
    }
    case 'sharing.exported':
      return `Share pack exported (${event.data.format.toUpperCase()})`;
    case 'contribution.added':
    case 'voice.recorded':
      return null; // shown as the entry itself
    default: {
      // An event type this module does not know yet: still listed, in words from its name.
      const type: string = (event as { type: string }).type;
      const words = type.replace(/[.-]/g, ' ');
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
  }
}

function isSignificantEvent(event: CaseEvent): boolean {
  if (SIGNIFICANT_EVENT_TYPES.includes(event.type)) return true;
  return event.type === 'case.status-changed' && SIGNIFICANT_STATUSES.includes(event.data.to);
}

/** The child's voice in one text: their words verbatim and in quotes, never paraphrased. */
function voiceText(entry: VoiceEntry): string {
  const c = currentVersion(entry).content;
  const parts: string[] = [];
  if (c.words && c.words.trim()) parts.push(`“${c.words}”`);
  if (c.wishes) parts.push(`Wishes: ${c.wishes}`);
  if (c.feelings) parts.push(`Feelings: ${c.feelings}`);
  if (c.observedBehaviour) parts.push(`Observed: ${c.observedBehaviour}`);
  const how = HOW_EXPRESSED_LABELS[c.howExpressed] ?? c.howExpressed;
  const interpreter = c.howExpressed === 'interpreter' && c.interpreterLanguage ? ` (${c.interpreterLanguage})` : '';
  const present = c.circumstances.whoPresent ? `; present: ${c.circumstances.whoPresent}` : '';
  parts.push(`${how}${interpreter}; heard by ${c.heardBy.name}, ${c.heardBy.role} (${agencyName(c.heardBy.agency)}), at ${c.circumstances.where}${present}`);
  return parts.join('\n');
}

function entryLine(entry: BoardEntry, lateAfterHours: number, marked: ReadonlySet<string>): ChronologyLine {
  const significantMark = marked.has(entry.id);
  if (entry.versions.length === 0 || (entry.kind === 'contribution' && entry.withheld)) {
    return {
      id: entry.id,
      happened: null,
      sortKey: sortKeyOf(null, entry.recordedAt, entry.id),
      group: 'date-not-known',
      recordedAt: entry.recordedAt,
      agency: entry.agency,
      authorName: null,
      kind: 'withheld',
      text: null,
      childIds: [],
      lateRecorded: false,
      withheld: true,
      significant: significantMark,
    };
  }
  const common = { id: entry.id, recordedAt: entry.recordedAt, agency: entry.agency, authorName: entry.author.name, withheld: false };
  if (entry.kind === 'voice') {
    const content = currentVersion(entry).content;
    const happened = content.circumstances.happened;
    const position = positionOfHappened(happened);
    return {
      ...common,
      happened,
      sortKey: sortKeyOf(position, entry.recordedAt, entry.id),
      group: position ? 'dated' : 'date-not-known',
      kind: 'voice',
      text: voiceText(entry),
      childIds: [content.childId],
      lateRecorded: isLate(happened, entry.recordedAt, lateAfterHours),
      significant: true,
    };
  }
  const content = currentVersion(entry).content;
  const position = positionOfHappened(content.happened);
  return {
    ...common,
    happened: content.happened,
    sortKey: sortKeyOf(position, entry.recordedAt, entry.id),
    group: position ? 'dated' : 'date-not-known',
    kind: content.kind,
    timeframe: content.timeframe,
    text: content.text,
    ...basisAndRelevance(content),
    childIds: [...(content.childIds ?? [])],
    ...(content.agencyRecordedOn ? { agencyRecordedOn: content.agencyRecordedOn } : {}),
    lateRecorded: contributionRecordedLate(content, entry.recordedAt, lateAfterHours),
    significant: significantMark,
  };
}

/**
 * The chronology of a case as this viewer may see it (pass the view and events already presented
 * for the viewer): one line per entry (its current version) and one per event, except the events
 * that add an entry (the entry is the line). Events with the same id are shown once.
 *
 * Order (`sortKey`): by the UK date it happened, then within a day a date-only line (exact or
 * approximate) before timed ones, timed ones by time; an event is placed at its own time. Ties go
 * by when recorded, then by id, so the order is the same whatever the input order. Lines whose
 * date is not known, and withheld entries (their date is part of what is withheld), come last in
 * the "Date not known" group, by when recorded.
 */
export function buildChronology(view: CaseView, events: readonly CaseEvent[], options: ChronologyOptions = {}): ChronologyLine[] {
  const lateAfterHours = options.lateAfterHours ?? DEFAULT_LATE_AFTER_HOURS;
  const marked = new Set(options.significantEntryIds ?? []);
  const context: EventContext = {
    children: view.summary.children,
    requestAgency: new Map(),
    actionTitle: new Map(),
    deadlineLabel: new Map(),
  };
  for (const d of view.summary.deadlines) {
    context.deadlineLabel.set(d.id, d.label);
    if (d.kind === 'information-request' && d.agency) context.requestAgency.set(d.id.replace(/^request:/, ''), d.agency);
    if (d.kind === 'action') context.actionTitle.set(d.id.replace(/^action:/, ''), d.label);
  }
  for (const e of events) {
    if (e.type === 'information.requested') context.requestAgency.set(e.data.requestId, e.data.agency);
    if (e.type === 'action.added') context.actionTitle.set(e.data.actionId, e.data.title);
  }

  const lines = view.entries.map((entry) => entryLine(entry, lateAfterHours, marked));
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const text = chronologyLine(event, context);
    if (text === null) continue;
    const id = `event:${event.id}`;
    const position = positionOfInstant(event.at);
    lines.push({
      id,
      happened: null,
      sortKey: sortKeyOf(position, event.at, id),
      group: position ? 'dated' : 'date-not-known',
      recordedAt: event.at,
      agency: event.actor.agency,
      authorName: event.actor.name,
      kind: 'event',
      text,
      childIds: event.type === 'voice.absence-recorded' ? [event.data.childId] : [],
      lateRecorded: false,
      withheld: false,
      significant: isSignificantEvent(event),
    });
  }
  return lines.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

/** Which lines to keep; every criterion given must hold. */
export interface ChronologyFilter {
  /** Lines from these agencies. */
  agencies?: readonly string[];
  /** Lines about any of these children; lines about the whole case (no child named) always stay. */
  childIds?: readonly string[];
  /** Lines of these kinds. */
  kinds?: readonly ChronologyKind[];
  /** Only significant lines. */
  significantOnly?: boolean;
}

/**
 * The lines that pass the filter, in their order. An empty list matches no line (for childIds,
 * only the lines about the whole case).
 */
export function filterChronology(lines: readonly ChronologyLine[], filter: ChronologyFilter): ChronologyLine[] {
  return lines.filter(
    (line) =>
      (!filter.agencies || filter.agencies.includes(line.agency)) &&
      (!filter.childIds || line.childIds.length === 0 || line.childIds.some((id) => filter.childIds!.includes(id))) &&
      (!filter.kinds || filter.kinds.includes(line.kind)) &&
      (!filter.significantOnly || line.significant),
  );
}
