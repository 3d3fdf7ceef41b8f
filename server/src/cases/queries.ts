/** Reads of cases: authorized by the policy table, shaped for the viewer, and audited. */
import {
  buildChronology,
  CATCH_UP_PAGE,
  caseAudience,
  findMatches,
  matchChild,
  matchSearch,
  searchQueryKeys,
  searchTermKinds,
  type CaseSearch,
  type CaseSearchResult,
  type ChildMatch,
  type EarlierCase,
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
  type Child,
  type CaseView,
  type CatchUpResult,
  type CaseListPage,
  type CaseListQuery,
  childQueryKeys,
  SEARCH_RESULTS_SHOWN,
  type MyWork,
  type WorkItem,
} from '@mashboard/shared';
import { auditActor, audited, type Via } from '../audit/audited.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { refuseCaseNotShared } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { EventStore } from '../store/event-store.ts';
import { decodeCursor, encodeCursor, type CaseIndex, type WorkRef } from '../store/case-index.ts';
import { refuseIfErased } from './commands.ts';
import type { CaseTombstone } from '@mashboard/shared';

/**
 * At most this many of the newest cases are read per search term and shard. A term shared by
 * more cases than that (a very common surname with no date of birth) finds the newest of them.
 */
const SEARCH_CANDIDATES_PER_TERM = 200;
/**
 * A search by name with no date of birth or identifier reads fewer per term and shard (the newest
 * 400 cases under each term in all): a common surname alone matches thousands, and the person
 * searching is told to add a date of birth to narrow it.
 */
const UNDATED_SEARCH_CANDIDATES_PER_TERM = 25;

/**
 * Runs once a reader's access to a case is established and before anything of it is read: a
 * socket joins the case's rooms there, so it is never in them unless it may see the case, and an
 * event appended after the read is still pushed to it.
 */
export type OnShared = () => Promise<void>;

export class CaseQueries {
  private readonly index: CaseIndex;

  constructor(
    private readonly store: EventStore,
    private readonly audit: AuditLog,
  ) {
    this.index = store.index;
  }

  private read<T>(actor: Actor, action: string, caseId: string | undefined, via: Via | undefined, work: () => Promise<T>): Promise<T> {
    return audited(this.audit, { action, actor: auditActor(actor), objectType: 'case', ...(caseId ? { objectId: caseId, caseId } : {}) }, via, work);
  }

  /** The open cases (not closed), newest received first: read through the open-cases index. */
  list(actor: Actor, via?: Via): Promise<CaseSummary[]> {
    return this.read(actor, 'case.list', undefined, via, async () => {
      authorize(actor, 'case.list');
      const summaries = await this.store.readSummaries(await this.index.openCaseIds());
      return summaries.filter((s) => maySeeCase(s, actor)).map((s) => presentSummary(s, actor));
    });
  }

  /**
   * One page of every case ever held (closed ones included), filtered, newest received first. A
   * page holds at most `limit` rows the reader may see; cases restricted to other agencies are
   * skipped in the index walk, so neither the page nor its cursor names one.
   */
  page(actor: Actor, query: CaseListQuery, via?: Via): Promise<CaseListPage> {
    return this.read(actor, 'case.list', undefined, via, async () => {
      authorize(actor, 'case.list');
      const day = (d: string | undefined, plusDays = 0) => (d ? Date.parse(`${d}T00:00:00Z`) + plusDays * 86_400_000 : undefined);
      const { ids, next } = await this.index.page(
        {
          ...(query.status ? { status: query.status } : {}),
          ...(query.outcome ? { outcome: query.outcome } : {}),
          ...(query.rating ? { rating: query.rating } : {}),
          ...(query.agency ? { agency: query.agency } : {}),
          ...(query.receivedFrom ? { receivedFrom: day(query.receivedFrom)! } : {}),
          ...(query.receivedTo ? { receivedTo: day(query.receivedTo, 1)! } : {}),
        },
        query.limit,
        query.cursor ? (decodeCursor(query.cursor) ?? undefined) : undefined,
        (card) => maySeeCase(card, actor),
      );
      const summaries = await this.store.readSummaries(ids);
      return {
        cases: summaries.filter((s) => maySeeCase(s, actor)).map((s) => presentSummary(s, actor)),
        next: next ? encodeCursor(next) : null,
      };
    });
  }

  /**
   * The reader's own work, from the work-list indexes (never by walking cases): the open cases they
   * lead, the open actions they own and the open information requests to their agency, each on a
   * case they may see, as they may see it. Audited as a read of each case it returns.
   */
  myWork(actor: Actor, via?: Via): Promise<MyWork> {
    return this.read(actor, 'work.read', undefined, via, async () => {
      authorize(actor, 'work.read');
      const [leading, actionRefs, requestRefs] = await Promise.all([this.index.ledBy(actor.userId), this.index.actionsOwnedBy(actor.userId), this.index.requestsTo(actor.agency)]);
      const ids = [...new Set([...leading, ...actionRefs.map((r) => r.caseId), ...requestRefs.map((r) => r.caseId)])];
      const shown = new Map(
        (await this.store.readSummaries(ids)).filter((s) => maySeeCase(s, actor) && s.status !== 'closed').map((s) => [s.id, presentSummary(s, actor)]),
      );
      const items = (refs: WorkRef[]): WorkItem[] =>
        refs.flatMap((r) => {
          const deadline = shown.get(r.caseId)?.deadlines.find((d) => d.id === r.deadlineId && d.state === 'open');
          return deadline ? [{ caseId: r.caseId, deadline }] : [];
        });
      const actions = items(actionRefs);
      const requests = items(requestRefs);
      const named = new Set([...leading.filter((id) => shown.has(id)), ...actions.map((i) => i.caseId), ...requests.map((i) => i.caseId)]);
      return { cases: [...named].map((id) => shown.get(id)!), leading: leading.filter((id) => shown.has(id)), actions, requests };
    });
  }

  /** Cases with an open deadline, unshaped: for deadline reconciliation inside the server only. */
  async withOpenDeadlines(): Promise<CaseSummary[]> {
    return this.store.readSummaries(await this.index.withOpenDeadlines());
  }

  /** Cases with a deadline started in [from, to), unshaped: for the timeliness report inside the server only. */
  async withDeadlinesStartedBetween(from: Date, to: Date): Promise<CaseSummary[]> {
    return this.store.readSummaries(await this.index.deadlinesStartedBetween(from.getTime(), to.getTime()));
  }

  /** The case with this reference (any case, whoever may see it): for the auditor's look-up inside the server only. */
  async byReference(reference: string): Promise<CaseSummary | null> {
    const caseId = await this.index.idByReference(reference);
    return caseId ? this.store.readSummary(caseId) : null;
  }

  /** The case as this reader may see it. `onShared` runs once access is established, before the read. */
  view(actor: Actor, caseId: string, via?: Via, onShared?: OnShared): Promise<CaseView> {
    return this.read(actor, 'case.read', caseId, via, () => this.presentedView(actor, caseId, onShared));
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

  /**
   * The one way matches are found and shown, for previous involvement and the search: the cards of
   * the cases filed under `terms` (never every case), each child on them scored by each rule, and
   * each match presented as the reader may see it: in full, or on a case restricted to other
   * agencies only whom to ask.
   */
  private async presentedMatches(
    actor: Actor,
    terms: readonly string[],
    excludeCaseId: string | undefined,
    rules: ((child: Child, c: EarlierCase) => ChildMatch | null)[],
    perTerm = SEARCH_CANDIDATES_PER_TERM,
  ): Promise<InvolvementMatchView[][]> {
    const candidates = (await this.index.searchCandidates(terms, perTerm)).filter((id) => id !== excludeCaseId);
    const cards = new Map((await this.index.cards(candidates)).map((c) => [c.id, c]));
    const earlier: EarlierCase[] = [...cards.values()].map((c) => ({ caseId: c.id, reference: c.reference, receivedAt: c.receivedAt, status: c.status, children: c.children }));
    return rules.map((rule) =>
      findMatches(earlier, rule).map((m): InvolvementMatchView => {
        const card = cards.get(m.caseId)!;
        if (!maySeeCase(card, actor)) return { restricted: true, agencies: caseAudience(card) ?? [], strength: m.match.strength, score: m.match.score };
        const { id: _id, identifiers: _ids, ...child } = m.child;
        return { restricted: false, caseId: m.caseId, reference: m.reference, receivedAt: m.receivedAt, status: m.status, child, strength: m.match.strength, score: m.match.score, reasons: m.match.reasons };
      }),
    );
  }

  /** Earlier cases with children matching these: in full where the reader may see them, else only whom to ask. */
  involvement(actor: Actor, children: ChildIdentity[], excludeCaseId: string | undefined, via?: Via): Promise<PreviousInvolvementResult> {
    return this.read(actor, 'case.previous-involvement.read', excludeCaseId, via, () => this.matchesFor(actor, children, excludeCaseId));
  }

  /** Earlier cases matching a case's children; a refusal to read the case is audited like any other. */
  previousInvolvement(actor: Actor, caseId: string, via?: Via): Promise<PreviousInvolvementResult> {
    return this.read(actor, 'case.previous-involvement.read', caseId, via, async () => {
      const view = await this.presentedView(actor, caseId);
      return this.matchesFor(actor, view.summary.children, caseId);
    });
  }

  private async matchesFor(actor: Actor, children: ChildIdentity[], excludeCaseId: string | undefined): Promise<PreviousInvolvementResult> {
    authorize(actor, 'case.list');
    const terms = [...new Set(children.flatMap((c) => childQueryKeys(c)))];
    const found = await this.presentedMatches(actor, terms, excludeCaseId, children.map((candidate) => (child: Child) => matchChild(candidate, child)));
    return { children: children.map((c, index) => ({ index, name: `${c.firstName} ${c.lastName}`, matches: found[index]! })) };
  }

  /**
   * Every case ever held, searched by name, date of birth, identifiers or reference, need-to-know
   * applied as for previous involvement. Audited with the kinds of terms used, never their values.
   */
  search(actor: Actor, query: CaseSearch, via?: Via): Promise<CaseSearchResult> {
    const event = { action: 'case.search', actor: auditActor(actor), objectType: 'case', detail: searchTermKinds(query).join(', ') };
    return audited(this.audit, event, via, async () => {
      authorize(actor, 'case.list');
      const narrowed = Boolean(query.dateOfBirth || query.nhsNumber || query.upn || query.localId || query.reference);
      const [matches] = await this.presentedMatches(
        actor,
        searchQueryKeys(query),
        undefined,
        [(child, c) => matchSearch(query, child, c.reference)],
        narrowed ? SEARCH_CANDIDATES_PER_TERM : UNDATED_SEARCH_CANDIDATES_PER_TERM,
      );
      return { matches: matches!.slice(0, SEARCH_RESULTS_SHOWN), total: matches!.length };
    });
  }

  /** No such case: 410 with the tombstone's words if it was erased (and the reader's agency could see it), else as a case not shared. */
  private async missing(actor: Actor, caseId: string): Promise<never> {
    refuseIfErased(await this.store.readTombstone(caseId), actor);
    refuseCaseNotShared(false);
  }

  /** The tombstone of the erased case with this reference: for the auditor's look-up inside the server only. */
  async tombstoneByReference(reference: string): Promise<CaseTombstone | null> {
    const caseId = await this.index.erasedIdByReference(reference);
    return caseId ? this.store.readTombstone(caseId) : null;
  }

  /** The case's summary if this reader may see it; a case restricted from them reads as one that does not exist. */
  private async sharedSummary(actor: Actor, caseId: string): Promise<CaseSummary> {
    authorize(actor, 'case.read');
    const summary = await this.store.readSummary(caseId);
    if (!summary) return this.missing(actor, caseId);
    if (!maySeeCase(summary, actor)) refuseCaseNotShared(true);
    return summary;
  }

  private async presentedView(actor: Actor, caseId: string, onShared?: OnShared): Promise<CaseView> {
    authorize(actor, 'case.read');
    if (onShared) {
      await this.sharedSummary(actor, caseId);
      await onShared();
    }
    const view = await this.store.readView(caseId);
    if (!view) return this.missing(actor, caseId);
    if (!maySeeCase(view.summary, actor)) refuseCaseNotShared(true);
    return { summary: presentSummary(view.summary, actor), entries: view.entries.map((e) => presentEntry(e, actor)) };
  }

  eventsAfter(actor: Actor, caseId: string, afterEventId: string | undefined, via?: Via, onShared?: OnShared): Promise<CatchUpResult> {
    return this.read(actor, 'case.events.read', caseId, via, async () => {
      await this.sharedSummary(actor, caseId);
      await onShared?.();
      const { events, more } = await this.store.readEventsAfter(caseId, afterEventId, CATCH_UP_PAGE);
      return { events: events.map((e) => presentEvent(e, actor)), more };
    });
  }
}
