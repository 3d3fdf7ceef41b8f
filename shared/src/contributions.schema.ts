/** The zod schemas of contributions.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import {
  ActorSchema,
  TimestampSchema,
  CommandIdSchema,
  HappenedSchema,
  IdSchema,
  LongText,
  MediumText,
  OptionalMediumText,
  OptionalShortText,
  ShortText,
  IsoDateSchema,
  AgencyIdSchema,
} from './primitives.schema.ts';
import { type BoardEntry, type ContributionEntry, type VoiceContent, type VoiceEntry, CONTRIBUTION_KINDS, TIMEFRAMES, SOURCES, HOW_EXPRESSED, VOICE_ABSENCE_REASONS } from './contributions.ts';
import { AGENCIES } from './agencies.ts';
import { childVoiceRuleIssues, contributionRuleIssues, happenedRuleIssues, ukNow } from './rules.ts';
import type { Happened } from './primitives.ts';
import { LIMITS } from './limits.ts';
import { PEOPLE_PER_CASE } from './people.ts';

function checkContributionRules(value: Parameters<typeof contributionRuleIssues>[0], ctx: z.RefinementCtx) {
  const now = ukNow();
  for (const issue of contributionRuleIssues(value, now.date, now.time)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  }
}

function checkVoiceRules(value: Parameters<typeof childVoiceRuleIssues>[0] & { circumstances: { happened: Happened } }, ctx: z.RefinementCtx) {
  const now = ukNow();
  for (const issue of [...childVoiceRuleIssues(value), ...happenedRuleIssues(value.circumstances.happened, 'circumstances.happened', now.date, now.time)]) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  }
}

/** The parts of a contribution that a correction may change. */
const contributionContent = {
  /** What the agency knows or thinks. */
  text: LongText,
  /** fact: known or seen; opinion: a professional judgement (needs basis). */
  kind: z.enum(CONTRIBUTION_KINDS, { error: 'kind must be fact or opinion' }),
  /** For an opinion: the evidence it rests on. */
  basis: OptionalMediumText,
  /** current: about the present concern; historic: earlier events (needs relevance). */
  timeframe: z.enum(TIMEFRAMES, { error: 'timeframe must be current or historic' }),
  /** For historic information: why it matters now. */
  relevance: OptionalMediumText,
  /** When it happened, as precisely as known. */
  happened: HappenedSchema,
  /** Where the information comes from. */
  source: z.enum(SOURCES, { error: `source must be one of: ${SOURCES.join(', ')}` }),
  /**
   * When the agency recorded it in its own records (YYYY-MM-DD), where that is not the day it is
   * shared here: a 2021 A&E attendance shared today from health records was recorded in 2021. Not
   * before it happened, not in the future. "Recorded late" is judged from this, not from sharing.
   */
  agencyRecordedOn: IsoDateSchema.optional(),
  /** The children it concerns (ids); empty means the whole case. */
  childIds: z.array(IdSchema).max(LIMITS.childrenPerCase).default([]),
  /** The people around the children it concerns (ids of people on the case); empty: none named. */
  personIds: z.array(IdSchema).max(PEOPLE_PER_CASE).optional(),
};

/**
 * A contribution's content alone, without the command's fields or the rules across fields
 * (contributionRuleIssues): what the contribution form's answers are checked against.
 */
export const ContributionContentSchema = z.object(contributionContent);

export const AddContributionSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    ...contributionContent,
    /**
     * Restrict the entry to these agencies (your own always sees it), e.g. police intelligence.
     * Others see that it exists, from which agency and when, never its content. Set once: every
     * correction keeps it.
     */
    restrictedTo: z.array(AgencyIdSchema).max(AGENCIES.length).default([]),
  })
  .strict()
  .superRefine(checkContributionRules);

/** What every correction names: the entry, the version corrected, and why. */
const correction = {
  commandId: CommandIdSchema,
  caseId: IdSchema,
  /** The entry being corrected. */
  entryId: IdSchema,
  /** The version being corrected: refused if someone corrected it since. */
  expectedEntryVersion: z.number().int().min(1),
  /** Why it is corrected (kept in the history). */
  reason: MediumText,
};

export const CorrectContributionSchema = z
  .object({ ...correction, ...contributionContent })
  .strict()
  .superRefine(checkContributionRules);

const voiceContent = {
  /** The child the entry is about. */
  childId: IdSchema,
  /** The people the child speaks about (ids of people on the case), e.g. "mum's boyfriend". */
  personIds: z.array(IdSchema).max(PEOPLE_PER_CASE).optional(),
  /** The child's own words, verbatim. */
  words: z
    .string()
    .trim()
    .max(LIMITS.longText, `must be at most ${LIMITS.longText.toLocaleString('en-GB')} characters`)
    .optional(),
  /** What the child wants to happen. */
  wishes: OptionalMediumText,
  /** How the child feels about it. */
  feelings: OptionalMediumText,
  /** For a child too young to speak: what was observed. */
  observedBehaviour: OptionalMediumText,
  /** How it came out. */
  howExpressed: z.enum(HOW_EXPRESSED, { error: `howExpressed must be one of: ${HOW_EXPRESSED.join(', ')}` }),
  /** The language interpreted, if through an interpreter. */
  interpreterLanguage: OptionalShortText,
  /** Where, when and who was present. */
  circumstances: z
    .object({
      where: ShortText,
      happened: HappenedSchema,
      whoPresent: OptionalShortText,
    })
    .strict(),
  /** Who heard it (may differ from who records it). */
  heardBy: z.object({ name: ShortText, role: ShortText, agency: ShortText }).strict(),
};

export const RecordVoiceSchema = z
  .object({ commandId: CommandIdSchema, caseId: IdSchema, ...voiceContent })
  .strict()
  .superRefine(checkVoiceRules);

export const CorrectVoiceSchema = z
  .object({ ...correction, ...voiceContent })
  .strict()
  .superRefine(checkVoiceRules);

export const RecordVoiceAbsenceSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    childId: IdSchema,
    reason: z.enum(VOICE_ABSENCE_REASONS, { error: `reason must be one of: ${VOICE_ABSENCE_REASONS.join(', ')}` }),
    /** Why, in words. */
    explanation: MediumText,
  })
  .strict();

/* Answer schemas (the API document): entries as a reader is sent them. */
export const VoiceContentSchema = z.object(voiceContent) satisfies z.ZodType<VoiceContent>;
function entryVersionSchema<C extends z.ZodType>(content: C) {
  return z.object({ version: z.number(), content, recordedAt: TimestampSchema, recordedBy: ActorSchema, reason: z.string().optional() });
}
export const ContributionEntrySchema = z.object({
  kind: z.literal('contribution'),
  id: z.string(),
  caseId: z.string(),
  agency: z.string(),
  author: ActorSchema,
  recordedAt: TimestampSchema,
  restrictedTo: z.array(z.string()),
  withheld: z.literal(true).optional(),
  versions: z.array(entryVersionSchema(ContributionContentSchema)),
}) satisfies z.ZodType<ContributionEntry>;
export const VoiceEntrySchema = z.object({
  kind: z.literal('voice'),
  id: z.string(),
  caseId: z.string(),
  agency: z.string(),
  author: ActorSchema,
  recordedAt: TimestampSchema,
  versions: z.array(entryVersionSchema(VoiceContentSchema)),
}) satisfies z.ZodType<VoiceEntry>;
/** A child's voice as minutes and share packs put it in words (the child's name, how it came out in words). */
export const ChildVoiceLineSchema = z.object({
  child: z.string(),
  words: z.string().optional(),
  wishes: z.string().optional(),
  feelings: z.string().optional(),
  observedBehaviour: z.string().optional(),
  howExpressed: z.string(),
});
export const BoardEntrySchema = z.discriminatedUnion('kind', [ContributionEntrySchema, VoiceEntrySchema]) satisfies z.ZodType<BoardEntry>;
