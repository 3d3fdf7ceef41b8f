/** The timeliness policy as an admin edits it: strings in the form, numbers in the policy, and back. */
import { issuesFromZod, RATING_LABELS, RATINGS, TimelinessPolicySchema, type DeadlineBasis, type FieldIssue, type Rating, type TimelinessPolicy } from '@mashboard/shared';

export interface RatingDraft {
  noTarget: boolean;
  hours: string;
  basis: DeadlineBasis;
  /** Warn at this percentage of the time allowed. */
  warnPercent: string;
  infoNoTarget: boolean;
  infoHours: string;
}

export interface PolicyDraft {
  ratings: Record<Rating, RatingDraft>;
  strategyDays: string;
  /** Every contact's decision from receipt, until rated (working days). */
  decisionDays: string;
  /** The first rating from receipt (hours) and how they are counted. */
  ratingHours: string;
  ratingBasis: DeadlineBasis;
  /** Feedback to the referrer after the decision (working days). */
  feedbackDays: string;
  escalateMinutes: string;
  timeZone: string;
  dayStart: string;
  dayEnd: string;
  workingDays: number[];
  /** One YYYY-MM-DD a line. */
  bankHolidays: string;
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);

export function draftFromPolicy(p: TimelinessPolicy): PolicyDraft {
  const ratings = {} as Record<Rating, RatingDraft>;
  for (const r of RATINGS) {
    const rule = p.ratings[r];
    const info = p.informationRequestWithinHours[r];
    ratings[r] = {
      noTarget: rule.decisionWithinHours === null,
      hours: rule.decisionWithinHours === null ? '' : num(rule.decisionWithinHours),
      basis: rule.basis,
      warnPercent: num(rule.warnAtFraction * 100),
      infoNoTarget: info === null,
      infoHours: info === null ? '' : num(info),
    };
  }
  return {
    ratings,
    strategyDays: num(p.strategyDiscussionWithinWorkingDays),
    decisionDays: num(p.decisionFromReceiptWithinWorkingDays),
    ratingHours: num(p.initialRatingWithinHours),
    ratingBasis: p.initialRatingBasis,
    feedbackDays: num(p.referrerFeedbackWithinWorkingDays),
    escalateMinutes: num(p.escalateUnacknowledgedBreachAfterMinutes),
    timeZone: p.calendar.timeZone,
    dayStart: p.calendar.dayStart,
    dayEnd: p.calendar.dayEnd,
    workingDays: [...p.calendar.workingDays].sort((a, b) => a - b),
    bankHolidays: p.calendar.bankHolidays.join('\n'),
  };
}

/** A number typed by a person ("4", "0.5", " 24 "); NaN when it is not one (the schema then says so). */
function parseNumber(s: string): number | string | undefined {
  const t = s.trim().replace(/,/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : s;
}

/** The policy (without version) the form describes. Values that are not numbers are passed as typed, so the schema names them. */
export function policyFromDraft(d: PolicyDraft): Omit<TimelinessPolicy, 'version'> {
  const ratings = {} as Record<string, unknown>;
  const info = {} as Record<string, unknown>;
  for (const r of RATINGS) {
    const x = d.ratings[r];
    const pct = parseNumber(x.warnPercent);
    ratings[r] = {
      decisionWithinHours: x.noTarget && r !== 'red' ? null : parseNumber(x.hours),
      basis: x.basis,
      warnAtFraction: typeof pct === 'number' ? pct / 100 : pct,
    };
    info[r] = x.infoNoTarget ? null : parseNumber(x.infoHours);
  }
  return {
    calendar: {
      timeZone: d.timeZone,
      workingDays: [...d.workingDays].sort((a, b) => a - b),
      dayStart: d.dayStart,
      dayEnd: d.dayEnd,
      bankHolidays: d.bankHolidays
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    },
    ratings,
    informationRequestWithinHours: info,
    strategyDiscussionWithinWorkingDays: parseNumber(d.strategyDays),
    decisionFromReceiptWithinWorkingDays: parseNumber(d.decisionDays),
    initialRatingWithinHours: parseNumber(d.ratingHours),
    initialRatingBasis: d.ratingBasis,
    referrerFeedbackWithinWorkingDays: parseNumber(d.feedbackDays),
    escalateUnacknowledgedBreachAfterMinutes: parseNumber(d.escalateMinutes),
  } as unknown as Omit<TimelinessPolicy, 'version'>;
}

/** Friendly names of the policy's fields, by path. */
export function policyLabel(path: string): string {
  const m = /^(ratings|informationRequestWithinHours)\.(red|amber|green|blue)(?:\.(\w+))?/.exec(path);
  if (m) {
    const rating = RATING_LABELS[m[2] as Rating].replace(' (no target)', '');
    if (m[1] === 'informationRequestWithinHours') return `${rating}: information requests answered within (hours)`;
    if (m[3] === 'decisionWithinHours') return `${rating}: decision within (hours)`;
    if (m[3] === 'basis') return `${rating}: counted`;
    if (m[3] === 'warnAtFraction') return `${rating}: warn at (% of the time)`;
    return rating;
  }
  if (path.startsWith('calendar.bankHolidays')) return 'Bank holidays';
  if (path.startsWith('calendar.workingDays')) return 'Working days';
  const fixed: Record<string, string> = {
    'calendar.dayStart': 'Office opens',
    'calendar.dayEnd': 'Office closes',
    'calendar.timeZone': 'Time zone',
    strategyDiscussionWithinWorkingDays: 'Strategy discussion held within (working days)',
    decisionFromReceiptWithinWorkingDays: 'Every contact decided within (working days from receipt, until rated)',
    initialRatingWithinHours: 'First rating within (hours from receipt)',
    initialRatingBasis: 'First rating: counted',
    referrerFeedbackWithinWorkingDays: 'Referrer told the outcome within (working days of the decision)',
    escalateUnacknowledgedBreachAfterMinutes: 'Escalate an overdue alert no one has acknowledged after (minutes)',
  };
  return fixed[path] ?? path;
}

/** The form control an issue belongs to (list items go to their list's control). */
export function policyFieldPath(path: string): string {
  return path.replace(/^(calendar\.(?:bankHolidays|workingDays))\.\d+$/, '$1');
}

/** "ratings.amber.decisionWithinHours must be more than 0 hours" → "must be more than 0 hours" (the label says which). */
export function tidyIssue(issue: FieldIssue): FieldIssue {
  const path = policyFieldPath(issue.path);
  const last = path.split('.').pop() ?? '';
  let message = issue.message;
  for (const prefix of [issue.path, path, path.replace(/^calendar\./, ''), last]) {
    if (prefix && message.startsWith(`${prefix} `) && !message.startsWith(`${prefix} (`)) {
      message = message.slice(prefix.length + 1);
      break;
    }
  }
  return { path, message };
}

/** Check the draft with the same schema the server uses; issues by field path, tidied. */
export function validatePolicyDraft(d: PolicyDraft, version: number): FieldIssue[] {
  const result = TimelinessPolicySchema.safeParse({ ...policyFromDraft(d), version: version + 1 });
  return result.success ? [] : issuesFromZod(result.error).map(tidyIssue);
}
