/**
 * The open case boards, live: `case.join` while a board (or another page) has the case open (whole,
 * or its summary alone: `CasePart`), the events pushed from then on merged in order, a gap or a
 * reconnect filled with `case.catch-up` from the last event applied (nothing lost, nothing twice),
 * and what others changed highlighted and said politely. Each batch of events is one update of the
 * store: one render.
 */
import {
  agencyName,
  CASE_STATUS_LABELS,
  RATING_LABELS,
  type Ack,
  type CaseEvent,
  type CaseView,
  type CatchUpResult,
  type JoinResult,
} from '@mashboard/shared';
import { api, ApiRequestError } from './api.ts';
import { takeEarlyCase } from './earlyCase.ts';
import { entriesChangedByOthers, mergeEvents } from './caseStream.ts';
import { endedByRefusal, HIGHLIGHT_MS, nextNoteId, type CaseLive, type CasePart, type LiveParts } from './liveState.ts';

/** A change someone else made, as the board announces it (a notice and the screen reader's live region). */
export function changeAnnouncement(event: CaseEvent): string {
  // A withheld (restricted) entry comes without its author's name: say only the agency.
  const who = event.actor.name ? `${event.actor.name} (${agencyName(event.actor.agency)})` : agencyName(event.actor.agency);
  switch (event.type) {
    case 'contribution.added':
      return event.data.withheld || !event.data.content
        ? `New restricted entry from ${agencyName(event.actor.agency)} (you cannot see its content).`
        : `New contribution from ${who}.`;
    case 'contribution.corrected':
      return event.data.withheld || !event.data.content
        ? `A restricted entry from ${agencyName(event.actor.agency)} was corrected.`
        : `Contribution corrected by ${who}.`;
    case 'voice.recorded':
      return `Child's voice recorded by ${who}.`;
    case 'voice.corrected':
      return `Child's voice entry corrected by ${who}.`;
    case 'voice.absence-recorded':
      return `Reason for no child's voice recorded by ${who}.`;
    case 'case.status-changed':
      return `Status changed to ${CASE_STATUS_LABELS[event.data.to]} by ${who}.`;
    case 'case.lead-assigned':
      return `${event.data.lead.name} is now the lead.`;
    case 'case.opened':
      return `Case opened by ${who}.`;
    case 'rating.set':
      return `Rated ${RATING_LABELS[event.data.to]} by ${who}.`;
    case 'information.requested':
      return `Information requested from ${agencyName(event.data.agency)} by ${who}.`;
    case 'information.answered':
      return `Information request marked answered by ${who}.`;
    case 'strategy-discussion.decided':
      return `Strategy discussion decided by ${who}.`;
    case 'strategy-discussion.held':
      return `Strategy discussion recorded as held by ${who}.`;
    case 'action.added':
      return `Action added for ${event.data.owner.name} by ${who}.`;
    case 'action.completed':
      return `Action completed by ${who}.`;
    case 'deadline.changed':
      return `A due time was changed by ${who}.`;
    default:
      return `The case changed (${who}).`;
  }
}

/** How long a join waits for the REST read of its case under way before it asks for the whole case itself. */
const REST_READ_WAIT_MS = 10_000;

/** What is held of a case to merge its events into: the whole view, or its summary alone as a view without entries. */
interface Held {
  view: CaseView;
  whole: boolean;
}

export class CaseBoards {
  /** How many pages hold each open case, by part. */
  private holders = new Map<string, Record<CasePart, number>>();
  private busy = new Set<string>();
  /** Boards to re-join once their current join/catch-up (on an old connection) finishes. */
  private rejoin = new Set<string>();
  private buffered = new Map<string, CaseEvent[]>();
  /** Boards being read over REST (opened before the socket connected): a join waits for the read. */
  private restLoads = new Map<string, Promise<void>>();

  constructor(
    private readonly parts: LiveParts,
    private readonly userId: string,
  ) {
    const socket = parts.connection.socket;
    socket.on('case.presence', ({ caseId, viewers }) => {
      if (this.board(caseId)) this.setCase(caseId, { viewers });
    });
    socket.on('case.event', (event) => this.onEvent(event));
  }

  private board(caseId: string): CaseLive | undefined {
    return this.parts.store.getState().cases[caseId];
  }

  private setCase(caseId: string, patch: Partial<CaseLive>): void {
    const { store } = this.parts;
    const cases = store.getState().cases;
    const existing = cases[caseId] ?? { caseId, view: null, summary: null, viewers: [], loading: true, error: null, highlights: {}, note: null };
    store.set({ cases: { ...cases, [caseId]: { ...existing, ...patch, ...(patch.view ? { summary: patch.view.summary } : {}) } } });
  }

  /** The part of the case its pages want now (the whole case if any page does), or null when none holds it. */
  private wanted(caseId: string): CasePart | null {
    const held = this.holders.get(caseId);
    return !held ? null : held.whole > 0 ? 'whole' : 'summary';
  }

  private held(caseId: string): Held | null {
    const board = this.board(caseId);
    if (board?.view) return { view: board.view, whole: true };
    return board?.summary ? { view: { summary: board.summary, entries: [] }, whole: false } : null;
  }

  /** A page opened this case (whole, or its summary alone): join it (and keep it up to date) until close. */
  open(caseId: string, part: CasePart = 'whole'): void {
    const before = this.wanted(caseId);
    const held = this.holders.get(caseId) ?? { whole: 0, summary: 0 };
    held[part] += 1;
    this.holders.set(caseId, held);
    const now = this.wanted(caseId);
    // Held as wanted already: a case held whole also serves its summary, and a case whose view was
    // read while it was held whole has been kept up to date since.
    if (before === now || (before === 'summary' && this.board(caseId)?.view)) return;
    if (!this.board(caseId)?.[now === 'whole' ? 'view' : 'summary']) this.setCase(caseId, { loading: true });
    if (now === 'whole') {
      // A board opened from a link may have asked for its case before its code arrived (earlyCase.ts):
      // that answer is its REST read, and a join waits for it as for any.
      const early = takeEarlyCase(caseId);
      if (early || !this.parts.connection.connected) this.loadByRest(caseId, early);
    }
    if (!this.parts.connection.connected) return;
    // A summary's join under way: the whole case is asked for once it is answered.
    if (this.busy.has(caseId)) this.rejoin.add(caseId);
    else void this.join(caseId);
  }

  /** The case was erased: drop what this device holds of it and ask again (the server answers 410 Gone). */
  forget(caseId: string): void {
    this.setCase(caseId, { view: null, summary: null, loading: true, error: null, highlights: {} });
    if (this.holders.has(caseId) && this.parts.connection.connected) void this.join(caseId);
  }

  /**
   * A page closed this case (the part it opened). Once no page holds it, it is left; a case still
   * held for its summary keeps what it has (a view already read stays up to date).
   */
  close(caseId: string, part: CasePart = 'whole'): void {
    const held = this.holders.get(caseId);
    if (!held || held[part] === 0) return;
    held[part] -= 1;
    if (held.whole + held.summary > 0) return;
    this.holders.delete(caseId);
    // Leave a tick later, so a quick close/open (re-render) does not leave and re-join.
    this.parts.store.later(0, () => {
      if (this.holders.has(caseId)) return;
      if (this.parts.connection.connected) this.parts.connection.socket.emit('case.leave', { caseId }, () => {});
    });
  }

  /**
   * (Re)connected: re-join every open board from its last applied event. Resolves once each has
   * its answer applied or has given up (until the next event or reconnect); never rejects.
   */
  reconnected(): Promise<void> {
    const joins: Promise<void>[] = [];
    for (const caseId of this.holders.keys()) {
      if (this.busy.has(caseId)) this.rejoin.add(caseId);
      else joins.push(this.join(caseId));
    }
    return Promise.allSettled(joins).then(() => undefined);
  }

  /**
   * Read the case over REST (the socket is not up yet, or the answer was asked for early). A join
   * that starts meanwhile waits for this read (up to REST_READ_WAIT_MS) and joins from its last
   * event, so the case is read once, not once per path.
   */
  private loadByRest(caseId: string, answer: Promise<CaseView> = api.getCase(caseId)): void {
    const load = this.readByRest(caseId, answer).finally(() => this.restLoads.delete(caseId));
    this.restLoads.set(caseId, load);
  }

  private async readByRest(caseId: string, answer: Promise<CaseView>): Promise<void> {
    try {
      const view = await answer;
      const current = this.board(caseId)?.view;
      if (current && current.summary.version >= view.summary.version) return;
      this.setCase(caseId, { view, loading: false, error: null });
    } catch (e) {
      if (endedByRefusal(this.parts, e)) return;
      if (!this.board(caseId)?.view) {
        this.setCase(caseId, {
          loading: false,
          error: e instanceof ApiRequestError ? e.error : { code: 'internal', message: 'Could not load the case.' },
        });
      }
    }
  }

  /** Join (or re-join after a reconnect, from the last event applied). */
  private async join(caseId: string): Promise<void> {
    if (this.busy.has(caseId)) return;
    this.busy.add(caseId);
    try {
      const reading = this.restLoads.get(caseId);
      if (reading) await Promise.race([reading, new Promise<void>((resolve) => this.parts.store.later(REST_READ_WAIT_MS, resolve))]);
      const whole = this.wanted(caseId) === 'whole';
      const known = this.held(caseId);
      // From the last event applied to what is held, unless the whole case is wanted and only its summary is held.
      const payload = known && (known.whole || !whole) ? { caseId, afterEventId: known.view.summary.lastEventId } : whole ? { caseId } : { caseId, entries: false as const };
      let ack: Ack<JoinResult>;
      try {
        ack = await this.parts.connection.ask('case.join', payload);
      } catch {
        // Timed out: try again while the board is open and the socket is up.
        if (this.holders.has(caseId) && this.parts.connection.connected) this.parts.store.later(2000, () => void this.join(caseId));
        return;
      }
      if (!ack.ok) {
        if (ack.error.code === 'unauthenticated') {
          this.parts.sessionEnded('Your session has ended. Please sign in again.');
          return;
        }
        this.setCase(caseId, { loading: false, error: ack.error });
        return;
      }
      const { view, summary, events, more, viewers } = ack.result;
      const fresh: Held | null = view ? { view, whole: true } : summary ? { view: { summary, entries: [] }, whole: false } : null;
      const current = this.held(caseId);
      // A copy as new may be here already (e.g. pushes before the ack): keep it, the same objects, so nothing is drawn again.
      const base = fresh && !(current && (current.whole || !fresh.whole) && current.view.summary.version >= fresh.view.summary.version) ? fresh : current;
      if (!base) {
        this.setCase(caseId, { loading: false, error: { code: 'internal', message: 'The server sent no case.' } });
        return;
      }
      const merged = mergeEvents(base.view, events);
      // A fresh copy is not news; events since the last one seen are.
      this.setCase(caseId, { ...this.heldPatch(merged.view, base.whole), viewers, loading: false, error: null, ...(fresh || !base.whole ? {} : this.changedPatch(caseId, merged.applied)) });
      if (more || merged.gap) await this.catchUpLoop(caseId);
    } finally {
      this.busy.delete(caseId);
      this.afterBusy(caseId);
    }
  }

  /** Keep what a merge gave: the whole view, or the summary alone. */
  private heldPatch(view: CaseView, whole: boolean): Partial<CaseLive> {
    return whole ? { view } : { summary: view.summary };
  }

  /** Merge events into what is held; what others changed is highlighted and said only on a whole case (a board shows it). */
  private merge(caseId: string, held: Held, events: readonly CaseEvent[]): ReturnType<typeof mergeEvents> {
    const merged = mergeEvents(held.view, events);
    if (merged.applied.length) this.setCase(caseId, { ...this.heldPatch(merged.view, held.whole), ...(held.whole ? this.changedPatch(caseId, merged.applied) : {}) });
    return merged;
  }

  private afterBusy(caseId: string): void {
    if (this.rejoin.delete(caseId) && this.holders.has(caseId) && this.parts.connection.connected) {
      void this.join(caseId);
      return;
    }
    this.drainBuffer(caseId);
  }

  private async catchUpLoop(caseId: string): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      const held = this.held(caseId);
      if (!held || !this.parts.connection.connected) return;
      let ack: Ack<CatchUpResult>;
      try {
        ack = await this.parts.connection.ask('case.catch-up', { caseId, afterEventId: held.view.summary.lastEventId });
      } catch {
        return; // the next event or reconnect will try again
      }
      if (!ack.ok) return;
      const merged = this.merge(caseId, held, ack.result.events);
      if (!ack.result.more) return;
      if (merged.applied.length === 0 && !merged.gap) return; // no progress: avoid spinning
    }
  }

  private async catchUp(caseId: string): Promise<void> {
    if (this.busy.has(caseId)) return;
    this.busy.add(caseId);
    try {
      await this.catchUpLoop(caseId);
    } finally {
      this.busy.delete(caseId);
      this.afterBusy(caseId);
    }
  }

  private onEvent(event: CaseEvent): void {
    const caseId = event.caseId;
    const entry = this.board(caseId);
    if (!entry) return;
    if (this.busy.has(caseId) || !this.held(caseId)) {
      this.buffered.set(caseId, [...(this.buffered.get(caseId) ?? []), event]);
      return;
    }
    this.applyBuffered(caseId, [event]);
  }

  private drainBuffer(caseId: string): void {
    const events = this.buffered.get(caseId);
    if (!events?.length) return;
    this.buffered.delete(caseId);
    this.applyBuffered(caseId, events);
  }

  /** Apply pushed events; on a gap keep the ones beyond it and catch up first. */
  private applyBuffered(caseId: string, events: CaseEvent[]): void {
    const held = this.held(caseId);
    if (!held) return;
    const merged = this.merge(caseId, held, events);
    const leftover = events.filter((e) => e.seq > merged.view.summary.version);
    if (merged.gap && leftover.length) {
      this.buffered.set(caseId, [...leftover, ...(this.buffered.get(caseId) ?? [])]);
      void this.catchUp(caseId);
    }
  }

  /** Highlight what others changed, and say it politely: the part of the board's update that says so. */
  private changedPatch(caseId: string, applied: CaseEvent[]): Partial<CaseLive> {
    const entry = this.board(caseId);
    if (!applied.length || !entry) return {};
    const ids = entriesChangedByOthers(applied, this.userId);
    const byOthers = applied.filter((e) => e.actor.userId !== this.userId);
    const last = byOthers[byOthers.length - 1];
    const text = byOthers.length > 1 ? `${byOthers.length} new changes on this case. ${changeAnnouncement(last!)}` : last ? changeAnnouncement(last) : null;
    if (!ids.length) return text ? { note: { id: nextNoteId(), text } } : {};
    const until = Date.now() + HIGHLIGHT_MS;
    const highlights = { ...entry.highlights };
    for (const id of ids) highlights[id] = until;
    this.parts.store.later(HIGHLIGHT_MS + 50, () => {
      const c = this.board(caseId);
      if (!c) return;
      const now = Date.now();
      const kept = Object.fromEntries(Object.entries(c.highlights).filter(([, t]) => t > now));
      this.setCase(caseId, { highlights: kept });
    });
    return { highlights, ...(text ? { note: { id: nextNoteId(), text } } : {}) };
  }
}
