/** Reads of cases, each authorized by the policy table. */
import type { Redis } from 'ioredis';
import { CATCH_UP_PAGE, type Actor, type CaseSummary, type CaseView, type CatchUpResult } from '@mashboard/shared';
import { refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { EventStore } from '../store/event-store.ts';
import { keys } from '../store/keys.ts';

export class CaseQueries {
  constructor(
    private readonly redis: Redis,
    private readonly store: EventStore,
  ) {}

  /** Cases newest-received first; closed ones only when asked. */
  async list(actor: Actor, options: { includeClosed?: boolean } = {}): Promise<CaseSummary[]> {
    authorize(actor, 'case.list');
    const ids = await this.redis.zrevrange(keys.caseIndex(), 0, -1);
    const summaries = await this.store.readSummaries(ids);
    return options.includeClosed ? summaries : summaries.filter((s) => s.status !== 'closed');
  }

  /** Every case, closed included, for reports and reconciliation (callers authorize). */
  async allForReport(): Promise<CaseSummary[]> {
    return this.store.readSummaries(await this.redis.zrange(keys.caseIndex(), 0, -1));
  }

  async view(actor: Actor, caseId: string): Promise<CaseView> {
    authorize(actor, 'case.read');
    const view = await this.store.readView(caseId);
    if (!view) refuse('not-found', `No case with id ${caseId}.`);
    return view;
  }

  async eventsAfter(actor: Actor, caseId: string, afterEventId: string | undefined): Promise<CatchUpResult> {
    authorize(actor, 'case.read');
    if (!(await this.store.readSummary(caseId))) refuse('not-found', `No case with id ${caseId}.`);
    return this.store.readEventsAfter(caseId, afterEventId, CATCH_UP_PAGE);
  }
}
