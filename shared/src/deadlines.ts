/**
 * Timeliness on a case: its RAG rating and the deadlines that follow from it (the triage
 * decision, information requests to agencies, a strategy discussion, actions), and alerts.
 */
import type { z } from 'zod';
import type { Actor, PersonRef } from './agencies.ts';
import type { Rating } from './timeliness.ts';
import type { RequestAnswerSchema } from './deadlines.schema.ts';

export const DEADLINE_KINDS = ['triage', 'initial-rating', 'information-request', 'strategy-discussion', 'action', 'referrer-feedback'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** One clock on a case. Times are computed when it is set, from the policy then in force. */
export interface Deadline {
  /** `triage` (the decision), `rating` (the first rating), `strategy`, `feedback` (to the referrer), `request:<id>` or `action:<id>`. */
  id: string;
  kind: DeadlineKind;
  /** What it is, in words: "Triage decision (Red)", "Information from Health". */
  label: string;
  startedAt: string;
  /** When to warn that the breach is near (null: no warning). */
  warnAt: string | null;
  dueAt: string;
  /** The case version that last set its times: alert jobs of an older generation are stale. */
  generation: number;
  state: 'open' | 'done' | 'cancelled';
  /** When it was done (decision made, request answered, action completed). */
  doneAt?: string;
  /** The agency awaited (information requests). */
  agency?: string;
  /** Who must act (actions). */
  owner?: PersonRef;
  /** For the triage deadline: the rating it follows from (absent: from receipt, not yet rated). */
  rating?: Rating;
  /** The question asked, or the reason a strategy discussion is needed. */
  detail?: string;
  /** Who asked (information requests). */
  requestedBy?: Actor;
  /** A note recorded when it was done. */
  outcome?: string;
  /** How an information request was answered: the contributions that answer it, or nothing held and why. */
  answer?: RequestAnswer;
  /** The meeting an action was agreed in. */
  meetingId?: string;
}

export interface RatingState {
  value: Rating;
  reason: string;
  setAt: string;
  setBy: Actor;
}

/** When a deadline was computed to fall due, and when to warn. */
export interface DueTimes {
  dueAt: string;
  warnAt: string | null;
}
export type RequestAnswer = z.infer<typeof RequestAnswerSchema>;

/** `request`: an agency has just been asked for information (sent at once to its members). */
export const ALERT_KINDS = ['request', 'warning', 'breach', 'escalation', 'retention-review', 'account-locked', 'calendar-ending'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** Alerts raised as a deadline nears or passes. */
export type DeadlineAlertKind = Extract<AlertKind, 'warning' | 'breach' | 'escalation'>;
/**
 * Alerts about the service rather than a case (an account locked by failed sign-ins, the working
 * calendar's bank holidays about to run out), addressed to
 * administrators: they carry no case (`caseId` and `caseReference` are empty).
 */
export const SERVICE_ALERT_KINDS: readonly AlertKind[] = ['account-locked', 'calendar-ending'];
export function isServiceAlert(alert: Pick<Alert, 'kind'>): boolean {
  return SERVICE_ALERT_KINDS.includes(alert.kind);
}

export interface Alert {
  /** Deterministic: case, deadline, phase and generation, so a job run twice raises it once. */
  id: string;
  kind: AlertKind;
  /** Empty for a service alert (`isServiceAlert`). */
  caseId: string;
  caseReference: string;
  deadlineId: string;
  /** "Red triage decision due in 1 h", in words. */
  title: string;
  dueAt: string;
  raisedAt: string;
  recipients: string[];
  acknowledged: { by: Actor; at: string } | null;
}

/** The next open deadline (soonest due), or null. */
export function nextDeadline(deadlines: Deadline[]): Deadline | null {
  let next: Deadline | null = null;
  for (const d of deadlines) if (d.state === 'open' && (!next || d.dueAt < next.dueAt)) next = d;
  return next;
}

/** Agencies whose information is awaited on open requests. */
export function awaitedAgencies(deadlines: Deadline[]): string[] {
  return [...new Set(deadlines.filter((d) => d.kind === 'information-request' && d.state === 'open' && d.agency).map((d) => d.agency!))];
}

/** Deadlines met and breached, and time taken, for one rating or one agency. */
export interface TimelinessFigures {
  met: number;
  breached: number;
  /** Not done and not yet due. */
  pending: number;
  /** Hours from start to done, over the deadlines done. */
  medianHours: number | null;
  p90Hours: number | null;
}

/** GET /api/reports/timeliness: triage decisions per rating, answers to information requests per agency. */
export interface TimelinessReport {
  from: string;
  to: string;
  generatedAt: string;
  byRating: Record<string, TimelinessFigures>;
  byAgency: Record<string, TimelinessFigures>;
}
