/**
 * The one reducer that turns the events of a case's append-only stream (`CaseEvent`, in model.ts)
 * into the board's state. The server projects with it; the client merges live events with it.
 */
import { agencyName, type Actor } from './agencies.ts';
import type { BoardEntry } from './contributions.ts';
import type { Deadline, DueTimes } from './deadlines.ts';
import { DECISION_DEADLINE_ID, FEEDBACK_DEADLINE_ID, RATING_DEADLINE_ID } from './decision.ts';
import type { CaseEvent, CaseEventBody, CaseSummary, CaseView } from './model.ts';
import { RATING_LABELS } from './timeliness.ts';

/** The entry an event creates or changes, if any. */
export function entryIdOf(event: CaseEventBody): string | undefined {
  switch (event.type) {
    case 'contribution.added':
    case 'contribution.corrected':
    case 'voice.recorded':
    case 'voice.corrected':
      return event.data.entryId;
    default:
      return undefined;
  }
}

/** The case summary after an event. */
export function applyToSummary(summary: CaseSummary | null, event: CaseEvent): CaseSummary {
  if (event.type === 'case.opened') {
    const { clocks, people, addresses, ...opened } = event.data;
    return {
      id: event.caseId,
      ...opened,
      restrictedTo: event.data.restrictedTo ?? [],
      people: (people ?? []).map((p) => recorded(p, event)),
      addresses: (addresses ?? []).map((a) => ('withheld' in a ? a : recorded(a, event))),
      openedAt: event.at,
      referrerFeedback: [],
      openedBy: event.actor,
      status: 'new',
      lead: null,
      voiceAbsence: {},
      childrenHeard: [],
      contributionCount: 0,
      agenciesContributed: [],
      rating: null,
      deadlines: clocks ? receiptDeadlines(event.data.receivedAt, clocks, event.seq) : [],
      sharingDecisions: [],
      decisions: [],
      version: event.seq,
      lastEventId: event.id,
      updatedAt: event.at,
    };
  }
  if (!summary) throw new Error(`event ${event.type} before case.opened`);
  const next: CaseSummary = { ...summary, version: event.seq, lastEventId: event.id, updatedAt: event.at };
  switch (event.type) {
    case 'case.lead-assigned':
      next.lead = event.data.lead;
      break;
    case 'people.added':
      next.people = [...next.people, ...event.data.people.map((p) => recorded(p, event))];
      next.addresses = [...next.addresses, ...event.data.addresses.map((a) => ('withheld' in a ? a : recorded(a, event)))];
      break;
    case 'case.status-changed':
      next.status = event.data.to;
      if (event.data.to === 'decided' || event.data.to === 'closed') {
        next.deadlines = updateDeadline(next.deadlines, 'triage', (d) => (d.state === 'open' ? { ...d, state: 'done', doneAt: event.at } : d));
      }
      if (event.data.to === 'closed') {
        next.deadlines = next.deadlines.map((d) => (d.state === 'open' ? { ...d, state: 'cancelled' } : d));
        next.closedAt = event.at;
      } else {
        delete next.closedAt;
        // A reopened case is not due for review; closing it again schedules a new one.
        delete next.retention;
      }
      break;
    case 'retention.review-scheduled':
      next.retention = { reviewDueAt: event.data.reviewDueAt, generation: event.seq, scheduleVersion: event.data.scheduleVersion, reviews: next.retention?.reviews ?? [] };
      break;
    case 'retention.kept':
      next.retention = {
        reviewDueAt: event.data.reviewDueAt,
        generation: event.seq,
        reviews: [...(next.retention?.reviews ?? []), { reason: event.data.reason, nextReviewOn: event.data.nextReviewOn, by: event.actor, at: event.at }],
      };
      break;
    case 'retention.legal-hold-set':
      next.legalHold = event.data.onHold ? { reason: event.data.reason, by: event.actor, at: event.at } : null;
      break;
    case 'rating.set': {
      next.rating = { value: event.data.to, reason: event.data.reason, setAt: event.at, setBy: event.actor };
      next.deadlines = completeDeadline(next.deadlines, RATING_DEADLINE_ID, event.at, undefined);
      const triage = event.data.triage;
      const decided = next.status === 'decided' || next.status === 'closed';
      if (triage && !decided) {
        next.deadlines = upsertDeadline(next.deadlines, {
          id: 'triage',
          kind: 'triage',
          label: `Triage decision (${RATING_LABELS[event.data.to]})`,
          startedAt: next.receivedAt,
          ...triage,
          generation: event.seq,
          state: 'open',
          rating: event.data.to,
        });
      } else {
        next.deadlines = updateDeadline(next.deadlines, 'triage', (d) => (d.state === 'open' ? { ...d, state: 'cancelled' } : d));
      }
      break;
    }
    case 'information.requested':
      next.deadlines = upsertDeadline(next.deadlines, {
        id: `request:${event.data.requestId}`,
        kind: 'information-request',
        label: `Information from ${agencyName(event.data.agency)}`,
        detail: event.data.question,
        startedAt: event.at,
        ...event.data.times,
        generation: event.seq,
        state: 'open',
        agency: event.data.agency,
        requestedBy: event.actor,
      });
      break;
    case 'information.answered':
      next.deadlines = completeDeadline(next.deadlines, `request:${event.data.requestId}`, event.at, event.data.note);
      if (event.data.answer) next.deadlines = updateDeadline(next.deadlines, `request:${event.data.requestId}`, (d) => ({ ...d, answer: event.data.answer! }));
      break;
    case 'strategy-discussion.decided':
      next.deadlines = upsertDeadline(next.deadlines, {
        id: 'strategy',
        kind: 'strategy-discussion',
        label: 'Strategy discussion',
        detail: event.data.reason,
        startedAt: event.at,
        ...event.data.times,
        generation: event.seq,
        state: 'open',
      });
      break;
    case 'strategy-discussion.held':
      next.deadlines = completeDeadline(next.deadlines, 'strategy', event.at, event.data.note);
      break;
    case 'action.added':
      next.deadlines = upsertDeadline(next.deadlines, {
        id: `action:${event.data.actionId}`,
        kind: 'action',
        label: event.data.title,
        startedAt: event.at,
        ...event.data.times,
        generation: event.seq,
        state: 'open',
        owner: event.data.owner,
        agency: event.data.owner.agency,
        ...(event.data.meetingId ? { meetingId: event.data.meetingId } : {}),
      });
      break;
    case 'decision.recorded':
      next.decisions = [...next.decisions, { ...event.data.decision, recordedBy: event.actor, recordedAt: event.at }];
      next.status = 'decided';
      next.deadlines = updateDeadline(next.deadlines, DECISION_DEADLINE_ID, (d) => (d.state === 'open' ? { ...d, state: 'done', doneAt: event.at } : d));
      next.deadlines = completeDeadline(next.deadlines, RATING_DEADLINE_ID, event.at, undefined);
      if (event.data.feedback) {
        next.deadlines = upsertDeadline(next.deadlines, {
          id: FEEDBACK_DEADLINE_ID,
          kind: 'referrer-feedback',
          label: 'Feedback to the referrer',
          detail: 'Tell the referrer the outcome of the decision.',
          startedAt: event.at,
          ...event.data.feedback,
          generation: event.seq,
          state: 'open',
        });
      }
      break;
    case 'decision.signed-off':
      next.decisions = next.decisions.map((d) => (d.id === event.data.decisionId ? { ...d, signedOff: { by: event.actor, at: event.at } } : d));
      break;
    case 'referrer-feedback.recorded':
      next.referrerFeedback = [...(next.referrerFeedback ?? []), { ...event.data.feedback, recordedBy: event.actor, recordedAt: event.at }];
      next.deadlines = completeDeadline(next.deadlines, FEEDBACK_DEADLINE_ID, event.at, undefined);
      break;
    case 'action.completed':
      next.deadlines = completeDeadline(next.deadlines, `action:${event.data.actionId}`, event.at, event.data.note);
      break;
    case 'sharing.decided': {
      const { decisionId, content } = event.data;
      const decided = { ...content, id: decisionId, advice: event.data.advice ?? '2018-07', decidedBy: event.actor, decidedAt: event.at, exports: [] };
      next.sharingDecisions = [
        ...next.sharingDecisions.map((d) => (d.id === content.supersedes ? { ...d, supersededBy: { id: decisionId, reason: content.supersedeReason ?? '', at: event.at } } : d)),
        decided,
      ];
      break;
    }
    case 'sharing.exported':
      next.sharingDecisions = next.sharingDecisions.map((d) =>
        d.id === event.data.decisionId ? { ...d, exports: [...d.exports, { exportId: event.data.exportId, format: event.data.format, by: event.actor, at: event.at }] } : d,
      );
      break;
    case 'deadline.changed':
      next.deadlines = updateDeadline(next.deadlines, event.data.deadlineId, (d) => ({ ...d, ...event.data.times, generation: event.seq }));
      break;
    case 'contribution.added':
      next.contributionCount += 1;
      if (!next.agenciesContributed.includes(event.actor.agency)) {
        next.agenciesContributed = [...next.agenciesContributed, event.actor.agency];
      }
      break;
    case 'voice.recorded': {
      const childId = event.data.content.childId;
      if (!next.childrenHeard.includes(childId)) next.childrenHeard = [...next.childrenHeard, childId];
      break;
    }
    case 'voice.absence-recorded':
      next.voiceAbsence = {
        ...next.voiceAbsence,
        [event.data.childId]: {
          reason: event.data.reason,
          explanation: event.data.explanation,
          recordedBy: event.actor,
          recordedAt: event.at,
        },
      };
      break;
    default:
      break;
  }
  return next;
}

/** The decision and first-rating clocks a contact gets on receipt. */
function receiptDeadlines(receivedAt: string, clocks: { decision: DueTimes; rating: DueTimes }, generation: number): Deadline[] {
  return [
    { id: DECISION_DEADLINE_ID, kind: 'triage', label: 'Decision (from receipt, not yet rated)', startedAt: receivedAt, ...clocks.decision, generation, state: 'open' },
    { id: RATING_DEADLINE_ID, kind: 'initial-rating', label: 'First rating', startedAt: receivedAt, ...clocks.rating, generation, state: 'open' },
  ];
}

/** A person or address as recorded: who recorded it and when come from the event. */
function recorded<T extends object>(item: T, event: CaseEvent): T & { recordedBy: Actor; recordedAt: string } {
  return { ...item, recordedBy: event.actor, recordedAt: event.at };
}

function upsertDeadline(deadlines: Deadline[], deadline: Deadline): Deadline[] {
  return deadlines.some((d) => d.id === deadline.id) ? deadlines.map((d) => (d.id === deadline.id ? deadline : d)) : [...deadlines, deadline];
}

function updateDeadline(deadlines: Deadline[], id: string, change: (d: Deadline) => Deadline): Deadline[] {
  return deadlines.map((d) => (d.id === id ? change(d) : d));
}

function completeDeadline(deadlines: Deadline[], id: string, at: string, note: string | undefined): Deadline[] {
  return updateDeadline(deadlines, id, (d) => (d.state === 'open' ? { ...d, state: 'done', doneAt: at, ...(note ? { outcome: note } : {}) } : d));
}

/** The entry after an event (the same entry if the event does not concern it). */
export function applyToEntry(entry: BoardEntry | undefined, event: CaseEvent): BoardEntry | undefined {
  const base = (kind: 'contribution' | 'voice') => ({
    kind,
    id: entryIdOf(event)!,
    caseId: event.caseId,
    agency: event.actor.agency,
    author: event.actor,
    recordedAt: event.at,
  });
  switch (event.type) {
    case 'contribution.added': {
      const { content, restrictedTo, withheld } = event.data;
      if (!content || withheld) return { ...base('contribution'), kind: 'contribution', restrictedTo, withheld: true, versions: [] };
      return {
        ...base('contribution'),
        kind: 'contribution',
        restrictedTo,
        versions: [{ version: 1, content, recordedAt: event.at, recordedBy: event.actor }],
      };
    }
    case 'voice.recorded':
      return {
        ...base('voice'),
        kind: 'voice',
        versions: [{ version: 1, content: event.data.content, recordedAt: event.at, recordedBy: event.actor }],
      };
    case 'contribution.corrected': {
      const content = event.data.content;
      if (entry?.kind !== 'contribution' || entry.withheld || !content) return entry;
      return {
        ...entry,
        versions: [...entry.versions, { version: event.data.version, content, recordedAt: event.at, recordedBy: event.actor, reason: event.data.reason }],
      };
    }
    case 'voice.corrected':
      if (entry?.kind !== 'voice') return entry;
      return {
        ...entry,
        versions: [...entry.versions, { version: event.data.version, content: event.data.content, recordedAt: event.at, recordedBy: event.actor, reason: event.data.reason }],
      };
    default:
      return entry;
  }
}

/** Apply an event to a whole view (the client's cache). Events at or below the view's version are ignored. */
export function applyToView(view: CaseView, event: CaseEvent): CaseView {
  if (event.seq <= view.summary.version) return view;
  const summary = applyToSummary(view.summary, event);
  const entryId = entryIdOf(event);
  if (!entryId) return { summary, entries: view.entries };
  const index = view.entries.findIndex((e) => e.id === entryId);
  const updated = applyToEntry(index >= 0 ? view.entries[index] : undefined, event);
  if (!updated) return { summary, entries: view.entries };
  const entries = index >= 0 ? view.entries.map((e, i) => (i === index ? updated : e)) : [...view.entries, updated];
  return { summary, entries };
}

/**
 * Records written by earlier versions lack the fields added since. They are read as if written
 * now (the stream is never rewritten): every read of a case goes through these.
 */
export function upcastSummary(summary: CaseSummary): CaseSummary {
  return {
    ...summary,
    referral: { ...summary.referral, identityProtected: summary.referral.identityProtected ?? false },
    restrictedTo: summary.restrictedTo ?? [],
    people: summary.people ?? [],
    addresses: summary.addresses ?? [],
    rating: summary.rating ?? null,
    deadlines: summary.deadlines ?? [],
    sharingDecisions: (summary.sharingDecisions ?? []).map((d) => (d.advice ? d : { ...d, advice: '2018-07' })),
    decisions: summary.decisions ?? [],
    referrerFeedback: summary.referrerFeedback ?? [],
  };
}

export function upcastEntry(entry: BoardEntry): BoardEntry {
  return entry.kind === 'contribution' ? { ...entry, restrictedTo: entry.restrictedTo ?? [] } : entry;
}

export function upcastEvent(event: CaseEvent): CaseEvent {
  switch (event.type) {
    case 'contribution.added':
    case 'contribution.corrected':
      return { ...event, data: { ...event.data, restrictedTo: event.data.restrictedTo ?? [] } } as CaseEvent;
    case 'case.opened':
      return { ...event, data: { ...event.data, referral: { ...event.data.referral, identityProtected: event.data.referral.identityProtected ?? false } } };
    default:
      return event;
  }
}
