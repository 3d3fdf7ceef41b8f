/** Reads of cases: authorized by the policy table, shaped for the viewer, and audited. */
import type { Redis } from 'ioredis';
import {
  buildChronology,
  CATCH_UP_PAGE,
  caseAudience,
  findPreviousInvolvement,
  maySeeCase,
  type CaseEvent,
  type ChildIdentity,
  type ChronologyLine,
  type InvolvementMatchView,
  type PreviousInvolvementResult,
  presentEntry,
  presentEvent,
  presentSummary,
  type Actor,
  type CaseSummary,
  type CaseView,
  type CatchUpResult,
} from '@mashboard/shared';
import { auditActor, audited, type Via } from '../audit/audited.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { EventStore } from '../store/event-store.ts';
import { keys } from '../store/keys.ts';
import { NOT_SHARED } from './commands.ts';

export class CaseQueries {
  constructor(
    private readonly redis: Redis,
    private readonly store: EventStore,
    private readonly audit: AuditLog,
  ) {}

  private read<T>(actor: Actor, action: string, caseId: string | undefined, via: Via | undefined, work: () => Promise<T>): Promise<T> {
    return audited(this.audit, { action, actor: auditActor(actor), objectType: 'case', ...(caseId ? { objectId: caseId, caseId } : {}) }, via, work);
  }

  /** Cases newest-received first; closed ones only when asked. */
  list(actor: Actor, options: { includeClosed?: boolean } = {}, via?: Via): Promise<CaseSummary[]> {
    return this.read(actor, 'case.list', undefined, via, async () => {
      authorize(actor, 'case.list');
      const ids = await this.redis.zrevrange(keys.caseIndex(), 0, -1);
      const summaries = await this.store.readSummaries(ids);
      return (options.includeClosed ? summaries : summaries.filter((s) => s.status !== 'closed'))
        .filter((s) => maySeeCase(s, actor))
        .map((s) => presentSummary(s, actor));
    });
  }

  /** Every case, closed included, unshaped: for reports and reconciliation inside the server only. */
  async allForReport(): Promise<CaseSummary[]> {
    return this.store.readSummaries(await this.redis.zrange(keys.caseIndex(), 0, -1));
  }

  view(actor: Actor, caseId: string, via?: Via): Promise<CaseView> {
    return this.read(actor, 'case.read', caseId, via, () => this.presentedView(actor, caseId));
  }

  /** Every contribution and event in order of when it happened, as this reader may see them. */
  chronology(actor: Actor, caseId: string, via?: Via): Promise<ChronologyLine[]> {
    return this.read(actor, 'case.chronology.read', caseId, via, async () => {
      const view = await this.presentedView(actor, caseId);
      const events: CaseEvent[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await this.store.readEventsAfter(caseId, after, CATCH_UP_PAGE);
        events.push(...page.events.map((e) => presentEvent(e, actor)));
        if (!page.more) break;
        after = page.events[page.events.length - 1]!.id;
      }
      return buildChronology(view, events);
    });
  }

  /** Earlier cases with children matching these: in full where the reader may see them, else only whom to ask. */
  involvement(actor: Actor, children: ChildIdentity[], excludeCaseId: string | undefined, via?: Via): Promise<PreviousInvolvementResult> {
    return this.read(actor, 'case.previous-involvement.read', excludeCaseId, via, async () => {
      authorize(actor, 'case.list');
      const earlier = (await this.allForReport()).filter((s) => s.id !== excludeCaseId);
      const found = findPreviousInvolvement(children, earlier.map((s) => ({ caseId: s.id, reference: s.reference, receivedAt: s.receivedAt, status: s.status, children: s.children })));
      return {
        children: found.map(({ childIndex, matches }) => ({
          index: childIndex,
          name: `${children[childIndex]!.firstName} ${children[childIndex]!.lastName}`,
          matches: matches.map((m): InvolvementMatchView => {
            const summary = earlier.find((s) => s.id === m.caseId)!;
            if (!maySeeCase(summary, actor)) return { restricted: true, agencies: caseAudience(summary) ?? [], strength: m.match.strength, score: m.match.score };
            const { id: _id, identifiers: _ids, ...child } = m.child;
            return { restricted: false, caseId: m.caseId, reference: m.reference, receivedAt: m.receivedAt, status: m.status, child, strength: m.match.strength, score: m.match.score, reasons: m.match.reasons };
          }),
        })),
      };
    });
  }

  previousInvolvement(actor: Actor, caseId: string, via?: Via): Promise<PreviousInvolvementResult> {
    return (async () => {
      const view = await this.presentedView(actor, caseId);
      return this.involvement(actor, view.summary.children, caseId, via);
    })();
  }

  private async presentedView(actor: Actor, caseId: string): Promise<CaseView> {
    authorize(actor, 'case.read');
    const view = await this.store.readView(caseId);
    if (!view) refuse('not-found', `No case with id ${caseId}.`);
    if (!maySeeCase(view.summary, actor)) refuse('forbidden', NOT_SHARED);
    return { summary: presentSummary(view.summary, actor), entries: view.entries.map((e) => presentEntry(e, actor)) };
  }

  eventsAfter(actor: Actor, caseId: string, afterEventId: string | undefined, via?: Via): Promise<CatchUpResult> {
    return this.read(actor, 'case.events.read', caseId, via, async () => {
      authorize(actor, 'case.read');
      const summary = await this.store.readSummary(caseId);
      if (!summary) refuse('not-found', `No case with id ${caseId}.`);
      if (!maySeeCase(summary, actor)) refuse('forbidden', NOT_SHARED);
      const { events, more } = await this.store.readEventsAfter(caseId, afterEventId, CATCH_UP_PAGE);
      return { events: events.map((e) => presentEvent(e, actor)), more };
    });
  }
}
