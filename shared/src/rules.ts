/**
 * The domain's rules as pure functions. The client runs them as a person types, to explain
 * what is missing; the server runs the same ones (through the schemas) to refuse what breaks them.
 */
import type { FieldIssue } from './errors.ts';
import type { Happened } from './primitives.ts';
import { isoDateOf, UK_ZONE, zonedTime } from './zone.ts';

/** One line each, from the guidance, shown beside the choice that needs it. */
export const GUIDANCE = {
  fact: 'A fact is something known or seen: record it as it was, with when and where it comes from.',
  opinion: 'Keep fact and opinion apart: an opinion must be evidence-based, so say what it rests on.',
  current: 'Current information is about the present concern.',
  historic: 'Historic information is shared only where it is relevant to the present concern: say why it matters now.',
  precision: 'Be accurate and specific: say when it happened, and how sure you are of the date.',
  childVoice: "Record the child's own words verbatim, never paraphrased: what they said, wished and felt, and how it came out.",
  voiceAbsent: "If the child's voice cannot be recorded (for example a baby), record why before a decision is taken.",
  correction: 'Corrections never erase: the earlier version stays in the history with your reason.',
} as const;

export interface ContributionTagsDraft {
  kind?: 'fact' | 'opinion' | undefined;
  basis?: string | undefined;
  timeframe?: 'current' | 'historic' | undefined;
  relevance?: string | undefined;
  happened?: Partial<Happened> | undefined;
  /** When the agency recorded it in its own records (YYYY-MM-DD), if given. */
  agencyRecordedOn?: string | undefined;
}

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

/** Only an opinion has a basis (what it rests on); only historic information has a relevance (why it matters now). */
const hasBasis = (kind: string | undefined) => kind === 'opinion';
const hasRelevance = (timeframe: string | undefined) => timeframe === 'historic';

/**
 * The basis and relevance a contribution carries, where it shows or sends them (the board, the
 * chronology, minutes, share packs, the form's request): a basis only for an opinion, a relevance
 * only for historic information, and neither when empty.
 */
export function basisAndRelevance(content: { kind?: string | undefined; basis?: string | undefined; timeframe?: string | undefined; relevance?: string | undefined }): {
  basis?: string;
  relevance?: string;
} {
  return {
    ...(hasBasis(content.kind) && content.basis ? { basis: content.basis } : {}),
    ...(hasRelevance(content.timeframe) && content.relevance ? { relevance: content.relevance } : {}),
  };
}

/** The last minute asked for and its answer: UK offsets change only on a minute, and this runs on every submit. */
let lastMinute: { minute: number; value: { date: string; time: string } } | undefined;

/** The date and time now on a UK wall clock (Europe/London, summer time included). */
export function ukNow(instant: Date = new Date()): { date: string; time: string } {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (lastMinute?.minute === minute) return lastMinute.value;
  const t = zonedTime(instant, UK_ZONE);
  const value = Object.freeze({ date: isoDateOf(t), time: `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}` });
  lastMinute = { minute, value };
  return value;
}

/**
 * What a contribution's fact/opinion and current/historic choices require of it. `today` and
 * `nowTime` are the UK date and time now (see ukNow): nothing can have happened after them.
 */
export function contributionRuleIssues(draft: ContributionTagsDraft, today?: string, nowTime?: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (hasBasis(draft.kind) && blank(draft.basis)) {
    issues.push({ path: 'basis', message: 'an opinion must state its basis (what it rests on)' });
  }
  if (draft.kind && !hasBasis(draft.kind) && !blank(draft.basis)) {
    issues.push({ path: 'basis', message: 'only an opinion has a basis; choose opinion or clear the basis' });
  }
  if (hasRelevance(draft.timeframe) && blank(draft.relevance)) {
    issues.push({ path: 'relevance', message: 'historic information must say why it is relevant now' });
  }
  if (draft.timeframe && !hasRelevance(draft.timeframe) && !blank(draft.relevance)) {
    issues.push({ path: 'relevance', message: 'only historic information needs a relevance; choose historic or clear it' });
  }
  issues.push(...happenedRuleIssues(draft.happened, 'happened', today, nowTime));
  if (draft.agencyRecordedOn) {
    if (today && draft.agencyRecordedOn > today) issues.push({ path: 'agencyRecordedOn', message: 'cannot be in the future' });
    else if (draft.happened?.date && draft.agencyRecordedOn < draft.happened.date) {
      issues.push({ path: 'agencyRecordedOn', message: 'cannot be before the date it happened' });
    }
  }
  return issues;
}

/** When-it-happened: a date unless unknown; no time without a date; never in the future. */
export function happenedRuleIssues(happened: Partial<Happened> | undefined, path: string, today?: string, nowTime?: string): FieldIssue[] {
  if (!happened) return [];
  const issues: FieldIssue[] = [];
  if (happened.precision === 'unknown') {
    if (happened.date || happened.time) {
      issues.push({ path: `${path}.precision`, message: 'a date is given, so precision cannot be unknown' });
    }
    return issues;
  }
  if (happened.precision && !happened.date) {
    issues.push({ path: `${path}.date`, message: 'give the date it happened, or choose precision unknown' });
  }
  if (happened.date && today && happened.date > today) {
    issues.push({ path: `${path}.date`, message: 'cannot be in the future' });
  } else if (happened.date && happened.date === today && happened.time && nowTime && happened.time > nowTime) {
    issues.push({ path: `${path}.time`, message: 'cannot be later than now' });
  }
  return issues;
}

export interface ChildVoiceDraft {
  howExpressed?: string | undefined;
  words?: string | undefined;
  observedBehaviour?: string | undefined;
  interpreterLanguage?: string | undefined;
  wishes?: string | undefined;
  feelings?: string | undefined;
}

/** What a child's voice entry needs, depending on how the child expressed it. */
export function childVoiceRuleIssues(draft: ChildVoiceDraft): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (draft.howExpressed === 'observed-behaviour') {
    if (blank(draft.observedBehaviour)) {
      issues.push({ path: 'observedBehaviour', message: 'describe the behaviour observed' });
    }
  } else if (blank(draft.words) && blank(draft.wishes) && blank(draft.feelings)) {
    issues.push({ path: 'words', message: "record the child's own words, wishes or feelings" });
  }
  if (draft.howExpressed === 'interpreter' && blank(draft.interpreterLanguage)) {
    issues.push({ path: 'interpreterLanguage', message: 'name the language interpreted' });
  }
  return issues;
}

/** Age in whole years on a given day (both YYYY-MM-DD). */
export function ageInYears(dateOfBirth: string, onDay: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDay.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
