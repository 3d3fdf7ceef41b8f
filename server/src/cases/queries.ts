/** Reads of cases: authorized by the policy table, shaped for the viewer, and audited. */
import type { Redis } from 'ioredis';
import {
  CATCH_UP_PAGE,
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
      return (options.includeClosed ? summaries : summaries.filter((s) => s.status !== 'closed')).map((s) => presentSummary(s, actor));
    });
  }

  /** Every case, closed included, unshaped: for reports and reconciliation inside the server only. */
  async allForReport(): Promise<CaseSummary[]> {
    return this.store.readSummaries(await this.redis.zrange(keys.caseIndex(), 0, -1));
  }

  view(actor: Actor, caseId: string, via?: Via): Promise<CaseView> {
    return this.read(actor, 'case.read', caseId, via, async () => {
      authorize(actor, 'case.read');
      const view = await this.store.readView(caseId);
      if (!view) refuse('not-found', `No case with id ${caseId}.`);
      return { summary: presentSummary(view.summary, actor), entries: view.entries.map((e) => presentEntry(e, actor)) };
    });
  }

  eventsAfter(actor: Actor, caseId: string, afterEventId: string | undefined, via?: Via): Promise<CatchUpResult> {
    return this.read(actor, 'case.events.read', caseId, via, async () => {
      authorize(actor, 'case.read');
      if (!(await this.store.readSummary(caseId))) refuse('not-found', `No case with id ${caseId}.`);
      const { events, more } = await this.store.readEventsAfter(caseId, afterEventId, CATCH_UP_PAGE);
      return { events: events.map((e) => presentEvent(e, actor)), more };
    });
  }
}
