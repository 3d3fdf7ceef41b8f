/** Agency contributions and the child's voice: the entries on a case board. */
import type { z } from 'zod';
import type { Actor } from './agencies.ts';
import type { Happened } from './primitives.ts';
import type { AddContributionSchema, CorrectContributionSchema, RecordVoiceSchema, CorrectVoiceSchema } from './contributions.schema.ts';

export const CONTRIBUTION_KINDS = ['fact', 'opinion'] as const;
export const TIMEFRAMES = ['current', 'historic'] as const;
export const SOURCES = ['agency-records', 'direct-observation', 'third-party', 'child', 'family-member'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];
export type Timeframe = (typeof TIMEFRAMES)[number];
export type InformationSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<InformationSource, string> = {
  'agency-records': "Own agency's records",
  'direct-observation': 'Direct observation',
  'third-party': 'Third party',
  child: 'The child',
  'family-member': 'A family member',
};
export type AddContributionInput = z.infer<typeof AddContributionSchema>;
export type CorrectContributionInput = z.infer<typeof CorrectContributionSchema>;

export const HOW_EXPRESSED = ['spontaneous', 'answer-to-question', 'play-or-drawing', 'interpreter', 'observed-behaviour'] as const;
export type HowExpressed = (typeof HOW_EXPRESSED)[number];
export const HOW_EXPRESSED_LABELS: Record<HowExpressed, string> = {
  spontaneous: 'Spontaneous disclosure',
  'answer-to-question': 'In answer to a question',
  'play-or-drawing': 'Through play or drawing',
  interpreter: 'Through an interpreter',
  'observed-behaviour': 'Observed behaviour (child too young to speak)',
};
export type RecordVoiceInput = z.infer<typeof RecordVoiceSchema>;
export type CorrectVoiceInput = z.infer<typeof CorrectVoiceSchema>;

export const VOICE_ABSENCE_REASONS = ['pre-verbal', 'not-yet-seen', 'communication-needs', 'declined', 'other'] as const;
export const VOICE_ABSENCE_LABELS: Record<(typeof VOICE_ABSENCE_REASONS)[number], string> = {
  'pre-verbal': 'Too young to speak (e.g. a baby)',
  'not-yet-seen': 'Not yet seen',
  'communication-needs': 'Communication needs not yet met',
  declined: 'The child declined to speak',
  other: 'Other reason',
};

export type ContributionContent = Omit<AddContributionInput, 'commandId' | 'caseId' | 'restrictedTo'>;
export type VoiceContent = Omit<RecordVoiceInput, 'commandId' | 'caseId'>;

/** One version of an entry; the newest is the entry's current content. */
export interface EntryVersion<C> {
  version: number;
  content: C;
  /** Server time the version was recorded. */
  recordedAt: string;
  recordedBy: Actor;
  /** The reason for a correction (absent on the first version). */
  reason?: string;
}

export interface ContributionEntry {
  kind: 'contribution';
  id: string;
  caseId: string;
  agency: string;
  author: Actor;
  /** When first recorded (server time). */
  recordedAt: string;
  /** Agencies it is restricted to besides the contributor's own; empty: everyone on the case. */
  restrictedTo: string[];
  /** True when this viewer may not see it: no author, no versions, only agency and time. */
  withheld?: true;
  versions: EntryVersion<ContributionContent>[];
}

export interface VoiceEntry {
  kind: 'voice';
  id: string;
  caseId: string;
  agency: string;
  author: Actor;
  recordedAt: string;
  versions: EntryVersion<VoiceContent>[];
}

export type BoardEntry = ContributionEntry | VoiceEntry;

export function currentVersion<E extends BoardEntry>(entry: E): E['versions'][number] {
  return entry.versions[entry.versions.length - 1]!;
}

export type { Happened };
