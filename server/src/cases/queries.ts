/** Reads of cases: authorized by the policy table, shaped for the viewer, and audited. */
import {
  buildChronology,
  CATCH_UP_PAGE,
  caseAudience,
  matchChild,
  matchSearch,
  searchQueryKeys,
  searchTermKinds,
  type CaseSearch,
  type CaseSearchResult,
  type ChildMatch,
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
  addressLine,
  addressQueryKeys,
  byRank,
  matchAddress,
  personIdentity,
  personName,
  presentAddress,
  RELATIONSHIP_LABELS,
  type Address,
  type CaseAddress,
  type MatchedOn,
  type Person,
  type MyWork,
  type WorkItem,
  findMatches,
  RE_REFERRAL_MONTHS,
  reReferralWindowStart,
  type EarlierCase,
  type ReReferral,
} from '@mashboard/shared';
import { auditActor, audited, type Via } from '../audit/audited.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { refuseCaseNotShared, refuseIfErased } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { EventStore } from '../store/event-store.ts';
import { decodeCursor, encodeCursor, type CardPerson, type CaseCard, type CaseIndex, type WorkRef } from '../store/case-index.ts';
import type { AuditCaseMatch, AuditChildSearch, CaseTombstone } from '@mashboard/shared';

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

/** An address looked for: one on a case (the reader may see), or one typed on the new-contact form. */
type LookedForAddress = CaseAddress | { id: string; line1: string; postcode?: string | undefined };
/** What previous involvement looks for: a case's children, people and addresses, or those of a contact not yet opened. */
export interface LookedFor {
  children: ChildIdentity[];
  people?: Pick<Person, 'id' | 'firstName' | 'lastName' | 'dateOfBirth'>[];
  addresses?: (Address | LookedForAddress)[];
}

/** A match on an earlier case's card: who matched (`child`: a child, a person, or the case's first child for an address) and how. */
interface Found {
  child: Child;
  matchedOn?: MatchedOn;
  match: ChildMatch;
}

/** The card as this reader may see it: a protected address of other agencies is not on it, so no rule can match it. */
function visibleCard(card: CaseCard, reader: { agency: string }): CaseCard {
  const addresses = (card.addresses ?? []).filter((a) => !presentAddress(a, a.recordedBy.agency, reader).withheld);
  return { ...card, addresses };
}

/** The card's children and people (with both names) that `match`es, a person with how they are related. */
function whoMatches(card: CaseCard, match: (who: Child) => ChildMatch | null): Found[] {
  const found: Found[] = [];
  for (const child of card.children) {
    const m = match(child);
    if (m) found.push({ child, match: m });
  }
  for (const person of card.people ?? []) {
    const identity = personIdentity(person);
    const m = identity && match({ id: person.id, ...identity });
    if (m) found.push({ child: { id: person.id, ...identity }, matchedOn: { kind: 'person', relationship: relationshipWords(person, card.children) }, match: m });
  }
  return found;
}

/** "Mother of Ava Lee; Brother or sister of Noah Lee". */
function relationshipWords(person: CardPerson, children: readonly Child[]): string {
  return person.relationships
    .map((r) => {
      const child = children[r.childIndex];
      return `${RELATIONSHIP_LABELS[r.relationship]}${child ? ` of ${child.firstName} ${child.lastName}` : ''}`;
    })
    .join('; ');
}

/** The card's addresses (as the reader may see them) that `match`, each shown against the case's first child. */
function addressesMatching(card: CaseCard, match: (address: CaseAddress) => ChildMatch | null): Found[] {
  const first = card.children[0];
  if (!first) return [];
  const found: Found[] = [];
  for (const a of card.addresses ?? []) {
    const address = { ...a, recordedAt: '', recordedBy: { userId: '', name: '', agency: a.recordedBy.agency, role: 'practitioner' as const } };
    const m = match(address);
    if (m) found.push({ child: { ...first, id: `${first.id}@${a.id}` }, matchedOn: { kind: 'address', address: addressLine(address) }, match: m });
  }
  return found;
}

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
      const shown = new Map((await this.store.readSummaries(ids)).filter((s) => maySeeCase(s, actor) && s.status !== 'closed').map((s) => [s.id, presentSummary(s, actor)]));
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

  /** The case's summary alone, as this reader may see it (its entries are not read). `onShared` as for `view`. */
  summary(actor: Actor, caseId: string, via: Via | undefined, onShared: OnShared): Promise<CaseSummary> {
    return this.read(actor, 'case.read', caseId, via, async () => {
      await this.sharedSummary(actor, caseId);
      await onShared();
      // Read again once joined: an event appended meanwhile is then both in it and pushed (the client drops it by its seq).
      return presentSummary(await this.sharedSummary(actor, caseId), actor);
    });
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
   * the cases filed under `terms` (never every case), and each rule run on every card. A rule sees
   * a card as the reader may see it (`visibleCard`: a protected address of other agencies is not on
   * it), and each match is presented as the reader may see it: in full, or on a case restricted to
   * other agencies only whom to ask.
   */
  private async presentedMatches(
    actor: Actor,
    terms: readonly string[],
    excludeCaseId: string | undefined,
    rules: ((card: CaseCard) => Found[])[],
    perTerm = SEARCH_CANDIDATES_PER_TERM,
  ): Promise<InvolvementMatchView[][]> {
    const candidates = (await this.index.searchCandidates(terms, perTerm)).filter((id) => id !== excludeCaseId);
    const cards = (await this.index.cards(candidates)).map((card) => visibleCard(card, actor));
    return rules.map((rule) =>
      cards
        .flatMap((card) => rule(card).map((found) => ({ ...found, card, caseId: card.id, receivedAt: card.receivedAt })))
        .sort(byRank)
        .map(({ card, child: who, matchedOn, match }): InvolvementMatchView => {
          if (!maySeeCase(card, actor)) return { restricted: true, agencies: caseAudience(card) ?? [], strength: match.strength, score: match.score };
          const { firstName, lastName, dateOfBirth, expectedDateOfBirth } = who;
          const child = { firstName, lastName, ...(dateOfBirth ? { dateOfBirth } : {}), ...(expectedDateOfBirth ? { expectedDateOfBirth } : {}) };
          return {
            restricted: false,
            caseId: card.id,
            reference: card.reference,
            receivedAt: card.receivedAt,
            status: card.status,
            child,
            ...(matchedOn ? { matchedOn } : {}),
            strength: match.strength,
            score: match.score,
            reasons: match.reasons,
          };
        }),
    );
  }

  /** Earlier cases with children, people or addresses matching these: in full where the reader may see them, else only whom to ask. */
  involvement(actor: Actor, on: LookedFor, excludeCaseId: string | undefined, via?: Via): Promise<PreviousInvolvementResult> {
    return this.read(actor, 'case.previous-involvement.read', excludeCaseId, via, () => this.matchesFor(actor, on, excludeCaseId));
  }

  /**
   * For the re-referral flag on arrival (inside the `case.open` command, which is audited): how many
   * earlier cases strongly matching these children had a decision within RE_REFERRAL_MONTHS before
   * `receivedAt`. Reads the search index's candidates and the summaries of the matched cases only.
   */
  async earlierDecisions(children: ChildIdentity[], receivedAt: Date): Promise<ReReferral | null> {
    const terms = [...new Set(children.flatMap((c) => childQueryKeys(c)))];
    const candidates = await this.index.searchCandidates(terms, SEARCH_CANDIDATES_PER_TERM);
    const earlier: EarlierCase[] = (await this.index.cards(candidates)).map((c) => ({ caseId: c.id, reference: c.reference, receivedAt: c.receivedAt, status: c.status, children: c.children }));
    const matched = new Set(
      children.flatMap((candidate) =>
        findMatches(earlier, (child) => matchChild(candidate, child))
          .filter((m) => m.match.strength === 'strong')
          .map((m) => m.caseId),
      ),
    );
    const from = reReferralWindowStart(receivedAt).getTime();
    let earlierCases = 0;
    for (const caseId of matched) {
      const summary = await this.store.readSummary(caseId);
      if (summary?.decisions.some((d) => Date.parse(d.recordedAt) >= from && Date.parse(d.recordedAt) <= receivedAt.getTime())) earlierCases += 1;
    }
    return earlierCases > 0 ? { earlierCases, withinMonths: RE_REFERRAL_MONTHS } : null;
  }

  /** Earlier cases matching a case's children, people and addresses; a refusal to read the case is audited like any other. */
  previousInvolvement(actor: Actor, caseId: string, via?: Via): Promise<PreviousInvolvementResult> {
    return this.read(actor, 'case.previous-involvement.read', caseId, via, async () => {
      const { summary } = await this.presentedView(actor, caseId);
      return this.matchesFor(actor, summary, caseId);
    });
  }

  /**
   * Each child, person (with both names) and address the reader may see, against the children
   * and people and addresses of earlier cases: a mother may have been a child on an earlier case,
   * and a family may have lived at the same address under another name.
   */
  private async matchesFor(actor: Actor, on: LookedFor, excludeCaseId: string | undefined): Promise<PreviousInvolvementResult> {
    authorize(actor, 'case.list');
    const people = (on.people ?? []).flatMap((p) => {
      const identity = personIdentity(p);
      return identity ? [{ id: p.id, identity }] : [];
    });
    const addresses = (on.addresses ?? []).filter((a): a is LookedForAddress => !('withheld' in a && a.withheld));
    const terms = [
      ...new Set([...on.children.flatMap((c) => childQueryKeys(c)), ...people.flatMap((p) => childQueryKeys(p.identity)), ...addresses.flatMap((a) => addressQueryKeys(a, actor.agency))]),
    ];
    const byName = (identity: ChildIdentity) => (card: CaseCard) => whoMatches(card, (who) => matchChild(identity, who));
    const byAddress = (address: LookedForAddress) => (card: CaseCard) => addressesMatching(card, (known) => matchAddress(address, known));
    const found = await this.presentedMatches(actor, terms, excludeCaseId, [...on.children.map((c) => byName(c)), ...people.map((p) => byName(p.identity)), ...addresses.map((a) => byAddress(a))]);
    const n = on.children.length;
    return {
      children: on.children.map((c, index) => ({ index, name: `${c.firstName} ${c.lastName}`, matches: found[index]! })),
      people: people.map((p, i) => ({ personId: p.id, name: personName(p.identity), matches: found[n + i]! })),
      addresses: addresses.map((a, i) => ({ addressId: a.id, address: 'kind' in a ? addressLine(a) : [a.line1, a.postcode].filter(Boolean).join(', '), matches: found[n + people.length + i]! })),
    };
  }

  /**
   * Every case ever held, searched by name, date of birth, identifiers, reference, address or
   * postcode, need-to-know applied as for previous involvement (a protected address is found only
   * by its agencies). Audited with the kinds of terms used, never their values.
   */
  search(actor: Actor, query: CaseSearch, via?: Via): Promise<CaseSearchResult> {
    const event = { action: 'case.search', actor: auditActor(actor), objectType: 'case', detail: searchTermKinds(query).join(', ') };
    return audited(this.audit, event, via, async () => {
      authorize(actor, 'case.list');
      const narrowed = Boolean(query.dateOfBirth || query.nhsNumber || query.upn || query.localId || query.reference || query.address || query.postcode);
      const byTerms = (card: CaseCard): Found[] => [
        ...whoMatches(card, (who) => matchSearch(query, who, card.reference)),
        ...(query.address || query.postcode ? addressesMatching(card, (known) => matchAddress({ line1: query.address, postcode: query.postcode }, known)) : []),
      ];
      const [matches] = await this.presentedMatches(actor, searchQueryKeys(query, actor.agency), undefined, [byTerms], narrowed ? SEARCH_CANDIDATES_PER_TERM : UNDATED_SEARCH_CANDIDATES_PER_TERM);
      return { matches: matches!.slice(0, SEARCH_RESULTS_SHOWN), total: matches!.length };
    });
  }

  /**
   * For the auditor, inside the server only: the cases of a child by name and date of birth,
   * whoever may see them (an auditor reads no case, so every case is answered by its reference and
   * the child alone). Reads only the cases filed under the child's search terms.
   */
  async casesOfChildForAudit(child: AuditChildSearch): Promise<AuditCaseMatch[]> {
    const candidates = await this.index.searchCandidates(childQueryKeys(child), SEARCH_CANDIDATES_PER_TERM);
    const cards = await this.index.cards(candidates);
    return cards
      .flatMap((card) =>
        card.children.flatMap((who): (AuditCaseMatch & { score: number })[] => {
          const m = who.dateOfBirth === child.dateOfBirth ? matchChild(child, who) : null;
          if (!m) return [];
          return [
            {
              reference: card.reference,
              receivedAt: card.receivedAt,
              status: card.status,
              child: { firstName: who.firstName, lastName: who.lastName, ...(who.dateOfBirth ? { dateOfBirth: who.dateOfBirth } : {}) },
              strength: m.strength,
              score: m.score,
            },
          ];
        }),
      )
      .sort((a, b) => b.score - a.score || b.receivedAt.localeCompare(a.receivedAt))
      .map(({ score: _s, ...match }) => match);
  }

  /** The references of these cases (an erased one's from its tombstone): audit records name cases by reference. */
  async referencesOf(caseIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(caseIds)];
    const found = new Map((await this.index.cards(unique)).map((card) => [card.id, card.reference]));
    for (const id of unique.filter((x) => !found.has(x))) {
      const tombstone = await this.store.readTombstone(id);
      if (tombstone) found.set(id, tombstone.reference);
    }
    return found;
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
