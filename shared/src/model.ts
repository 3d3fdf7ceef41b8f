/**
 * A case as recorded and as read: its summary, its board (the view) and the events of its stream.
 * Types only, no code. Each part has its own module, which defines its schema, constants and record
 * (deadlines, decisions, sharing, retention, people, contributions) and never imports this one;
 * rules over a whole case (access, the reducer, minutes, the chronology, share packs) import it.
 * That keeps shared/src free of import cycles.
 */
import type { Actor, PersonRef } from './agencies.ts';
import type { CaseStatus, Child, OpenCaseInput } from './cases.ts';
import type { BoardEntry, ContributionContent, VoiceContent } from './contributions.ts';
import type { Deadline, DueTimes, RatingState, RequestAnswer } from './deadlines.ts';
import type { CaseDecision, DecisionOutcome, ReferrerFeedback, ReReferral } from './decision.ts';
import type { Address, AddressInput, Person, PersonInput, WithheldAddress } from './people.ts';
import type { LegalHold, RetentionState } from './retention.ts';
import type { SharingAdviceVersion, SharingDecision, SharingDecisionContent } from './sharing.ts';
import type { Rating } from './timeliness.ts';

/** What everyone sees of a case at a glance (the list, the board's header). */
export interface CaseSummary {
  id: string;
  reference: string;
  children: Child[];
  referral: OpenCaseInput['referral'];
  reasonForConcern: string;
  receivedAt: string;
  openedAt: string;
  openedBy: Actor;
  status: CaseStatus;
  lead: PersonRef | null;
  /** Why a child's voice could not be recorded, per child id. */
  voiceAbsence: Record<string, { reason: string; explanation: string; recordedBy: Actor; recordedAt: string }>;
  /** Children (ids) with at least one voice entry. */
  childrenHeard: string[];
  contributionCount: number;
  /** Agencies that have contributed. */
  agenciesContributed: string[];
  /** Agencies the whole case is restricted to (empty: every case worker). */
  restrictedTo: string[];
  /** The people around the children (empty on cases opened before people were recorded). */
  people: Person[];
  /** Addresses and places; a protected one is withheld from readers outside its agencies. */
  addresses: Address[];
  /** The RAG rating, null until a duty lead sets one. */
  rating: RatingState | null;
  /** Every clock on the case, open or done. */
  deadlines: Deadline[];
  /** Every decision to share or not to share, superseded ones included. */
  sharingDecisions: SharingDecision[];
  /** Decisions on the case (outcome, rationale, threshold, who agreed, dissent). */
  decisions: CaseDecision[];
  /** Each time the referrer was told the outcome (how, when, to whom, by whom). */
  referrerFeedback?: ReferrerFeedback[];
  /** Present when the contact was a re-referral on arrival (see `ReReferral`). */
  reReferral?: ReReferral;
  /** When the case was last closed (absent while it is open): retention is counted from here. */
  closedAt?: string;
  /** While closed: when the retention review falls due, and the keep decisions made at reviews. */
  retention?: RetentionState;
  /** A legal hold (erasure refused while set); null or absent when none. */
  legalHold?: LegalHold | null;
  /** Number of events so far (the case's version). */
  version: number;
  lastEventId: string;
  updatedAt: string;
}

/** An address as an event carries it: whole, or withheld from this reader (a protected address). */
export type EventAddress = AddressInput | WithheldAddress;

export type CaseEventBody =
  | {
      type: 'case.opened';
      data: {
        reference: string;
        children: Child[];
        referral: OpenCaseInput['referral'];
        reasonForConcern: string;
        receivedAt: string;
        restrictedTo?: string[];
        /** The clocks from receipt (absent on contacts opened before they existed). */
        clocks?: { decision: DueTimes; rating: DueTimes };
        /** Set when the child had a decision on an earlier case within 12 months before receipt. */
        reReferral?: ReReferral;
        /** Absent on cases opened before people were recorded. */
        people?: PersonInput[];
        addresses?: EventAddress[];
      };
    }
  | { type: 'people.added'; data: { people: PersonInput[]; addresses: EventAddress[] } }
  | { type: 'case.lead-assigned'; data: { lead: PersonRef } }
  | { type: 'case.status-changed'; data: { from: CaseStatus; to: CaseStatus; reason: string } }
  | { type: 'contribution.added'; data: { entryId: string; content: ContributionContent | null; restrictedTo: string[]; withheld?: true } }
  | {
      type: 'contribution.corrected';
      /** Withheld from a reader (`withheld`): no content and no reason. */
      data: { entryId: string; version: number; content: ContributionContent | null; reason?: string; restrictedTo: string[]; withheld?: true };
    }
  | { type: 'voice.recorded'; data: { entryId: string; content: VoiceContent } }
  | { type: 'voice.corrected'; data: { entryId: string; version: number; content: VoiceContent; reason: string } }
  | { type: 'voice.absence-recorded'; data: { childId: string; reason: string; explanation: string } }
  | { type: 'rating.set'; data: { from: Rating | null; to: Rating; reason: string; triage: DueTimes | null } }
  | { type: 'information.requested'; data: { requestId: string; agency: string; question: string; times: DueTimes } }
  | { type: 'information.answered'; data: { requestId: string; note?: string | undefined; answer?: RequestAnswer } }
  | { type: 'strategy-discussion.decided'; data: { reason: string; times: DueTimes } }
  | { type: 'strategy-discussion.held'; data: { note?: string | undefined } }
  | { type: 'action.added'; data: { actionId: string; title: string; owner: PersonRef; times: DueTimes; meetingId?: string | undefined } }
  | {
      type: 'decision.recorded';
      /** `feedback`: when the referrer must be told (absent: no feedback due, e.g. an anonymous referrer). */
      data: { decision: Omit<CaseDecision, 'recordedBy' | 'recordedAt'>; feedback?: DueTimes };
    }
  | { type: 'decision.signed-off'; data: { decisionId: string } }
  | { type: 'referrer-feedback.recorded'; data: { feedback: Omit<ReferrerFeedback, 'recordedBy' | 'recordedAt'> } }
  | { type: 'action.completed'; data: { actionId: string; note?: string | undefined } }
  | { type: 'deadline.changed'; data: { deadlineId: string; times: DueTimes; reason: string } }
  | { type: 'sharing.decided'; data: { decisionId: string; content: SharingDecisionContent; /** Absent on decisions recorded before the 2024 advice was adopted. */ advice?: SharingAdviceVersion } }
  | { type: 'sharing.exported'; data: { decisionId: string; exportId: string; format: 'html' | 'pdf' } }
  /** Appended with the closure: when the retention review falls due, from the schedule then in force. */
  | { type: 'retention.review-scheduled'; data: { reviewDueAt: string; scheduleVersion: number; outcome: DecisionOutcome | null } }
  | { type: 'retention.kept'; data: { reason: string; nextReviewOn: string; reviewDueAt: string } }
  | { type: 'retention.legal-hold-set'; data: { onHold: boolean; reason: string } };

export type CaseEventType = CaseEventBody['type'];

/** An event as stored and as sent to clients. */
export type CaseEvent = CaseEventBody & {
  /** Redis stream id: the catch-up cursor. */
  id: string;
  /** Position in the case's stream, 1, 2, 3 … with no gaps: a client that sees a jump has missed one. */
  seq: number;
  caseId: string;
  /** Server time it was recorded. */
  at: string;
  actor: Actor;
  /** The command that produced it (idempotency key). */
  commandId: string;
};

/** A case as the board shows it. */
export interface CaseView {
  summary: CaseSummary;
  entries: BoardEntry[];
}
