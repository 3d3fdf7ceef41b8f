/**
 * Exports in the formats people open elsewhere: the timeliness report and the audit log as CSV
 * (csv-stringify; for inspections and Excel), a meeting as a calendar invitation (ICS,
 * ical-generator). A CSV covers a period of at most CSV_PERIOD_LIMIT_DAYS days; dates are written
 * twice, in the UK style people read and as ISO 8601 (UTC) for sorting.
 */
import { stringify } from 'csv-stringify/sync';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { z } from 'zod';
import {
  agencyName,
  formatUkDateTime,
  formatUkDateTimeSeconds,
  IsoDateSchema,
  MEETING_KIND_LABELS,
  RATING_LABELS,
  type AuditRecord,
  type MeetingSummary,
  type Rating,
  type TimelinessReport,
} from '@mashboard/shared';

/** The longest period one CSV export covers (a year, a leap year included). */
export const CSV_PERIOD_LIMIT_DAYS = 366;

const DAY_MS = 86_400_000;

/** A period's days: from (inclusive) to (exclusive), YYYY-MM-DD. */
export const EXPORT_PERIOD_FIELDS = {
  /** From this day (YYYY-MM-DD, UTC), inclusive. */
  from: IsoDateSchema,
  /** Up to this day (YYYY-MM-DD, UTC), exclusive. */
  to: IsoDateSchema,
};

/** The check every CSV export's period passes: `to` after `from`, at most CSV_PERIOD_LIMIT_DAYS days later. */
export function checkExportPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  else if (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) > CSV_PERIOD_LIMIT_DAYS * DAY_MS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the period can be at most ${CSV_PERIOD_LIMIT_DAYS} days for one CSV export: export a year at a time` });
  }
}

/** The timeliness report's CSV: a period. */
export const ExportPeriodSchema = z.object(EXPORT_PERIOD_FIELDS).strict().superRefine(checkExportPeriod);

/**
 * A cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a return)
 * gets a leading apostrophe, so a name typed as "=HYPERLINK(…)" stays text in Excel.
 */
const cell = (value: string | number | null | undefined): string | number => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
};

/** RFC 4180 CSV with a header row, CRLF line ends and a byte-order mark (so Excel reads it as UTF-8): every CSV the MASH exports. */
export function csv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return `\ufeff${stringify([header, ...rows.map((r) => r.map(cell))], { record_delimiter: '\r\n' })}`;
}

const hours = (h: number | null) => (h === null ? '' : Math.round(h * 10) / 10);

/** The timeliness report as CSV: one row per rating (triage decisions) and per agency (answers to information requests). */
export function timelinessCsv(report: TimelinessReport): string {
  const rows = [
    ...Object.entries(report.byRating).map(([rating, f]) => ['Triage decision', RATING_LABELS[rating as Rating] ?? rating, f.met, f.breached, f.pending, hours(f.medianHours), hours(f.p90Hours)]),
    ...Object.entries(report.byAgency).map(([agency, f]) => ['Information request', agencyName(agency), f.met, f.breached, f.pending, hours(f.medianHours), hours(f.p90Hours)]),
  ];
  return csv(['Deadline', 'Rating or agency', 'Met', 'Breached', 'Pending', 'Median hours to done', '90th percentile hours to done'], rows);
}

/** Audit entries as CSV, in the order given (newest first). */
export function auditCsv(entries: readonly AuditRecord[]): string {
  return csv(
    ['When (UK time)', 'When (ISO 8601, UTC)', 'User', 'User id', 'Agency', 'Role', 'Action', 'Outcome', 'Object type', 'Object id', 'Case id', 'Detail', 'Channel', 'Address', 'Entry id', 'Hash'],
    entries.map((e) => [
      formatUkDateTimeSeconds(e.at),
      e.at,
      e.actor?.name,
      e.actor?.userId,
      e.actor ? agencyName(e.actor.agency) : '',
      e.actor?.role,
      e.action,
      e.outcome,
      e.objectType,
      e.objectId,
      e.caseId,
      e.detail,
      e.channel,
      e.ip,
      e.id,
      e.hash,
    ]),
  );
}

/** How long a meeting is shown for in a calendar. */
export const MEETING_CALENDAR_MINUTES = 60;

/**
 * A meeting as a calendar invitation (ICS, METHOD:PUBLISH) for an attendee's calendar. Calendars
 * are synced to phones and mail servers outside the MASH, so it names no child and no case: only
 * the kind of meeting, its title, its time, the chair and how many cases are on the agenda. Its
 * UID is the meeting's and its sequence the meeting's version, so importing it again updates the
 * same event. Times are in UTC, which every calendar shows in its own zone.
 */
export function meetingIcs(meeting: MeetingSummary, now = new Date()): string {
  const calendar = ical({ name: 'Mashboard', prodId: { company: 'Mashboard', product: 'Mashboard', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  const start = new Date(meeting.scheduledFor);
  const cases = meeting.agenda.length;
  calendar.createEvent({
    id: `${meeting.id}@mashboard`,
    stamp: now,
    start,
    end: new Date(start.getTime() + MEETING_CALENDAR_MINUTES * 60_000),
    summary: `${MEETING_KIND_LABELS[meeting.kind]}: ${meeting.title}`,
    description: [
      `${MEETING_KIND_LABELS[meeting.kind]}, ${formatUkDateTime(start)} (UK time).`,
      `Chair: ${meeting.chair.name}, ${agencyName(meeting.chair.agency)}.`,
      `${cases} ${cases === 1 ? 'case' : 'cases'} on the agenda: open the meeting in Mashboard to see them. No child is named here.`,
    ].join('\n'),
    status: ICalEventStatus.CONFIRMED,
    sequence: meeting.version,
  });
  return calendar.toString();
}
