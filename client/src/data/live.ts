/**
 * The live data layer: one socket per signed-in session, the outbox, the case list and the open
 * case boards. React reads it through useLive() (useSyncExternalStore); nothing here renders.
 */
import { io, type Socket } from 'socket.io-client';
import {
  agencyName,
  rolesThatMay,
  CASE_STATUS_LABELS,
  RATING_LABELS,
  type Ack,
  type Alert,
  type ApiError,
  type CaseEvent,
  type CaseSummary,
  type CaseView,
  type ClientToServerEvents,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type ServerToClientEvents,
  type SessionUser,
  type TimelinessPolicy,
  type DecisionSettings,
  type UserListing,
  type Viewer,
} from '@mashboard/shared';
import { api, ApiRequestError } from './api.ts';
import { mergeAlerts } from './alerts.ts';
import { entriesChangedByOthers, mergeEvents, upsertSummary } from './caseStream.ts';
import { Outbox, OutboxRunner, type OutboxItem, type SendOutcome, type SubmitOutcome } from './outbox.ts';
import { browserStore, userKeyPrefix, type KeyValueStore } from './storage.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveNote {
  id: number;
  text: string;
}

export interface CaseLive {
  caseId: string;
  view: CaseView | null;
  viewers: Viewer[];
  loading: boolean;
  error: ApiError | null;
  /** Entries just added or corrected by someone else: entryId → highlight until (ms). */
  highlights: Record<string, number>;
  /** The latest change, for a polite live region. */
  note: LiveNote | null;
}

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** Open this case from the toast. */
  caseId?: string;
}

export interface LiveState {
  connection: ConnectionState;
  outbox: readonly OutboxItem[];
  /** Cases seen by the list (open and closed; the page filters). null until first loaded. */
  caseList: CaseSummary[] | null;
  caseListError: ApiError | null;
  /** Cases that just changed: id → highlight until (ms). */
  changedCases: Record<string, number>;
  caseListNote: LiveNote | null;
  cases: Record<string, CaseLive>;
  toasts: Toast[];
  /** The alert inbox, newest first (null until loaded, or for roles that receive no alerts). */
  alerts: Alert[] | null;
  alertsError: ApiError | null;
}

/** Roles that receive deadline alerts (the others may not read an inbox). */
export const ALERT_ROLES: ReadonlySet<string> = new Set(rolesThatMay('alerts.read'));

export type MashSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const COMMAND_TIMEOUT_MS = 10_000;
const HIGHLIGHT_MS = 6_000;

let noteCounter = 0;
const nextId = () => ++noteCounter;

export function newCommandId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function describeEvent(event: CaseEvent): string {
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

/** Handlers for some of the events the server pushes. */
export type PushHandlers = { [E in keyof ServerToClientEvents]?: ServerToClientEvents[E] };

/**
 * A live link a screen keeps while it is mounted: listen to its pushes, and `join` now and after
 * every reconnect (what was pushed while away comes back with the join). Returns what stops
 * listening, for the effect's cleanup.
 */
export function keepJoined(socket: MashSocket, pushes: PushHandlers, join: () => void): () => void {
  const listeners = Object.entries(pushes) as [keyof ServerToClientEvents, never][];
  for (const [event, listener] of listeners) socket.on(event, listener);
  socket.on('connect', join);
  join();
  return () => {
    for (const [event, listener] of listeners) socket.off(event, listener);
    socket.off('connect', join);
  };
}

export interface LiveClientOptions {
  /** The session is over (signed out elsewhere, expired, refused): go to sign-in with this message. */
  onSessionEnded(message: string): void;
  store?: KeyValueStore;
  socketFactory?: () => MashSocket;
}

export class LiveClient {
  readonly user: SessionUser;
  private state: LiveState;
  private listeners = new Set<() => void>();
  private readonly socket: MashSocket;
  private readonly outbox: Outbox;
  private readonly runner: OutboxRunner;
  private readonly store: KeyValueStore;
  private openCount = new Map<string, number>();
  private busy = new Set<string>();
  /** Boards to re-join once their current join/catch-up (on an old connection) finishes. */
  private rejoin = new Set<string>();
  private buffered = new Map<string, CaseEvent[]>();
  private watching = false;
  private ended = false;
  private everConnected = false;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private usersCache: Promise<UserListing[]> | null = null;
  private policyCache: { at: number; policy: Promise<TimelinessPolicy> } | null = null;
  private decisionSettingsCache: { at: number; settings: Promise<DecisionSettings> } | null = null;
  private alertListeners = new Set<(alert: Alert) => void>();

  constructor(user: SessionUser, private readonly options: LiveClientOptions) {
    this.user = user;
    this.store = options.store ?? browserStore();
    this.outbox = new Outbox(this.store, `${userKeyPrefix(user.userId)}outbox`, () => this.set({ outbox: this.outbox.items() }));
    this.state = {
      connection: 'connecting',
      outbox: this.outbox.items(),
      caseList: null,
      caseListError: null,
      changedCases: {},
      caseListNote: null,
      cases: {},
      toasts: [],
      alerts: null,
      alertsError: null,
    };
    this.socket =
      options.socketFactory?.() ??
      (io({ withCredentials: true, transports: ['websocket', 'polling'], autoConnect: false }) as MashSocket);
    const transport = {
      connected: () => this.socket.connected,
      emit: (name: CommandName, payload: unknown) => this.emitCommand(name, payload),
    };
    this.runner = new OutboxRunner(this.outbox, transport, {
      onDone: (item, result) => this.commandDoneLater(item, result),
      onFailed: (item, error) =>
        this.toast('error', `Not sent: ${item.label}. ${error.message}`, item.caseId),
      onUnauthenticated: () => this.sessionEnded('Your session has ended. Sign in again to send your changes.'),
    });
    this.wireSocket();
  }

  // ---- store plumbing -------------------------------------------------------------------------
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = (): LiveState => this.state;
  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
  private setCase(caseId: string, patch: Partial<CaseLive>): void {
    const existing = this.state.cases[caseId] ?? {
      caseId,
      view: null,
      viewers: [],
      loading: true,
      error: null,
      highlights: {},
      note: null,
    };
    this.set({ cases: { ...this.state.cases, [caseId]: { ...existing, ...patch } } });
  }
  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  // ---- lifecycle ------------------------------------------------------------------------------
  start(): void {
    this.socket.connect();
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
    }
  }

  /** Close the socket (sign-out, session ended). */
  stop(): void {
    this.ended = true;
    this.runner.stop();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
  }

  private onOnline = () => {
    if (!this.socket.connected && !this.ended) {
      this.set({ connection: 'reconnecting' });
      this.socket.connect();
    }
  };
  private onOffline = () => {
    if (!this.socket.connected) this.set({ connection: 'offline' });
  };

  private sessionEnded(message: string): void {
    if (this.ended) return;
    this.stop();
    this.options.onSessionEnded(message);
  }

  private wireSocket(): void {
    const s = this.socket;
    s.on('connect', () => {
      // For `npm run bench client`: how long after (re)connecting a board is current.
      performance.mark('mash:connected');
      const reconnect = this.everConnected;
      this.everConnected = true;
      this.set({ connection: 'live' });
      if (this.watching) void this.loadCaseList();
      // The inbox holds what was raised while we were away: read it on every (re)connect.
      void this.loadAlerts();
      // Re-join every open board from its last applied event: nothing lost, nothing twice.
      for (const caseId of this.openCount.keys()) {
        if (this.busy.has(caseId)) this.rejoin.add(caseId);
        else void this.join(caseId);
      }
      if (reconnect) this.toast('info', 'Connection restored.');
      void this.runner.flush();
    });
    s.on('disconnect', (reason) => {
      this.runner.connectionLost();
      if (this.ended) return;
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      this.set({ connection: offline ? 'offline' : 'reconnecting' });
      // The server closed the socket without ending the session: try again (a refusal ends it).
      if (reason === 'io server disconnect') this.later(1000, () => !this.ended && s.connect());
    });
    s.on('connect_error', (err) => {
      if (this.ended) return;
      if (err.message === 'unauthenticated') {
        this.sessionEnded('Your session has ended. Please sign in again.');
        return;
      }
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      this.set({ connection: offline ? 'offline' : 'reconnecting' });
      if (!s.active) this.later(3000, () => !this.ended && s.connect());
    });
    s.on('session.ended', ({ reason }) => {
      this.sessionEnded(reason ? `Your session ended: ${reason}` : 'Your session has ended. Please sign in again.');
    });
    s.on('cases.changed', (summary) => this.caseChanged(summary));
    s.on('case.presence', ({ caseId, viewers }) => {
      if (this.state.cases[caseId]) this.setCase(caseId, { viewers });
    });
    s.on('case.event', (event) => this.onEvent(event));
    s.on('alert.raised', (alert) => {
      const known = this.state.alerts?.some((a) => a.id === alert.id);
      this.set({ alerts: mergeAlerts(this.state.alerts ?? [], [alert]) });
      if (!known) for (const l of this.alertListeners) l(alert);
    });
    s.on('alert.acknowledged', (alert) => this.set({ alerts: mergeAlerts(this.state.alerts ?? [], [alert]) }));
  }

  private async emitCommand(name: CommandName, payload: unknown): Promise<SendOutcome> {
    type Loose = { emit(ev: string, payload: unknown, ack: (err: Error | null, res: Ack<CommandResult>) => void): void };
    return new Promise<SendOutcome>((resolve) => {
      (this.socket.timeout(COMMAND_TIMEOUT_MS) as unknown as Loose).emit(name, payload, (err, res) => {
        if (err || !res) resolve({ kind: 'timeout' });
        else if (res.ok) resolve({ kind: 'ok', result: res.result });
        else resolve({ kind: 'error', error: res.error });
      });
    });
  }

  /** The session's socket, for the meeting room (data/meetingRoom.ts): its own join, events and presence. */
  get liveSocket(): MashSocket {
    return this.socket;
  }

  // ---- toasts ---------------------------------------------------------------------------------
  toast(kind: Toast['kind'], text: string, caseId?: string): void {
    const t: Toast = { id: nextId(), kind, text, ...(caseId ? { caseId } : {}) };
    this.set({ toasts: [...this.state.toasts, t].slice(-5) });
    if (kind === 'info') this.later(8000, () => this.dismissToast(t.id));
  }
  dismissToast(id: number): void {
    this.set({ toasts: this.state.toasts.filter((t) => t.id !== id) });
  }

  private commandDoneLater(item: OutboxItem, result: CommandResult): void {
    if (result.duplicate) return;
    if (item.name === 'case.open') this.toast('info', `Case ${result.reference} opened (it was waiting to send).`, result.caseId);
    else this.toast('info', `Sent: ${item.label} (${result.reference}).`, result.caseId);
  }

  // ---- commands -------------------------------------------------------------------------------
  /**
   * Send a command through the outbox. Resolves ok/error when acknowledged while the form waits,
   * or 'queued' when offline or slow (it is sent later, exactly once).
   */
  send<N extends CommandName>(name: N, payload: CommandInput<N>, meta: { label: string; caseId?: string }): Promise<SubmitOutcome> {
    return this.runner.submit(name, payload, meta);
  }
  /** Send a refused item again unchanged. */
  retry(commandId: string): void {
    this.runner.retry(commandId);
  }
  /** Drop an item (a refused one, or one the person no longer wants sent). */
  discard(commandId: string): void {
    this.outbox.remove(commandId);
  }

  users(): Promise<UserListing[]> {
    if (!this.usersCache) {
      this.usersCache = api.listUsers().catch((e: unknown) => {
        this.usersCache = null;
        throw e;
      });
    }
    return this.usersCache;
  }

  /** The timeliness policy in force (cached for a minute). */
  policy(): Promise<TimelinessPolicy> {
    if (!this.policyCache || Date.now() - this.policyCache.at > 60_000) {
      const policy = api.timelinessPolicy().catch((e: unknown) => {
        this.policyCache = null;
        throw e;
      });
      this.policyCache = { at: Date.now(), policy };
    }
    return this.policyCache.policy;
  }

  /** The decision settings in force: the levels of need a decision names (cached for a minute). */
  decisionSettings(): Promise<DecisionSettings> {
    if (!this.decisionSettingsCache || Date.now() - this.decisionSettingsCache.at > 60_000) {
      const settings = api.decisionSettings().catch((e: unknown) => {
        this.decisionSettingsCache = null;
        throw e;
      });
      this.decisionSettingsCache = { at: Date.now(), settings };
    }
    return this.decisionSettingsCache.settings;
  }

  // ---- alerts ---------------------------------------------------------------------------------
  get receivesAlerts(): boolean {
    return ALERT_ROLES.has(this.user.role);
  }

  /** Told of every alert pushed live that was not in the inbox yet (for notifications). */
  onAlertRaised(listener: (alert: Alert) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** Read the inbox by REST (on sign-in and after every reconnect) and merge it with pushes. */
  async loadAlerts(): Promise<void> {
    if (!this.receivesAlerts) return;
    try {
      const alerts = await api.alerts();
      if (this.ended) return;
      this.set({ alerts: mergeAlerts(this.state.alerts ?? [], alerts), alertsError: null });
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 401) {
        this.sessionEnded('Your session has ended. Please sign in again.');
        return;
      }
      this.set({ alertsError: e instanceof ApiRequestError ? e.error : { code: 'internal', message: 'The alerts could not be loaded.' } });
    }
  }

  /** Acknowledge an alert (socket when live, REST otherwise). Resolves to an error, or null when done. */
  async acknowledgeAlert(alertId: string): Promise<ApiError | null> {
    let alert: Alert;
    try {
      if (this.socket.connected) {
        const ack = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('alert.acknowledge', { alertId });
        if (!ack.ok) return ack.error;
        alert = ack.result.alert;
      } else {
        alert = await api.acknowledgeAlert(alertId);
      }
    } catch (e) {
      return e instanceof ApiRequestError ? e.error : { code: 'internal', message: 'No answer from the server. Check your connection and try again.' };
    }
    this.set({ alerts: mergeAlerts(this.state.alerts ?? [], [alert]) });
    return null;
  }

  // ---- case list ------------------------------------------------------------------------------
  watchCases(): void {
    this.watching = true;
    void this.loadCaseList();
  }

  private async loadCaseList(): Promise<void> {
    if (this.socket.connected) {
      try {
        const ack = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('cases.watch', {});
        if (ack.ok) {
          this.set({ caseList: ack.result.cases, caseListError: null });
          return;
        }
        this.set({ caseListError: ack.error });
        return;
      } catch {
        // Timed out: fall back to REST below.
      }
    }
    try {
      const cases = await api.listCases();
      // A socket answer may have arrived meanwhile; merge rather than overwrite.
      let list = this.state.caseList ?? [];
      for (const c of cases) list = upsertSummary(list, c);
      this.set({ caseList: list, caseListError: null });
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 401) {
        this.sessionEnded('Your session has ended. Please sign in again.');
        return;
      }
      if (!this.state.caseList) this.set({ caseListError: e instanceof ApiRequestError ? e.error : { code: 'internal', message: String(e) } });
    }
  }

  private caseChanged(summary: CaseSummary): void {
    const list = this.state.caseList ?? [];
    const before = list.find((c) => c.id === summary.id);
    if (before && before.version >= summary.version) return;
    const until = Date.now() + HIGHLIGHT_MS;
    const text = before ? `Case ${summary.reference} updated.` : `New case ${summary.reference}.`;
    this.set({
      caseList: upsertSummary(list, summary),
      changedCases: { ...this.state.changedCases, [summary.id]: until },
      caseListNote: { id: nextId(), text },
    });
    this.later(HIGHLIGHT_MS + 50, () => {
      const { [summary.id]: t, ...rest } = this.state.changedCases;
      if (t !== undefined && t <= Date.now()) this.set({ changedCases: rest });
    });
  }

  // ---- case boards ----------------------------------------------------------------------------
  /** The board opened this case: join it (and keep it up to date) until closeCase. */
  openCase(caseId: string): void {
    const n = (this.openCount.get(caseId) ?? 0) + 1;
    this.openCount.set(caseId, n);
    if (n > 1) return;
    if (!this.state.cases[caseId]) this.setCase(caseId, { loading: true });
    if (this.socket.connected) void this.join(caseId);
    else void this.loadByRest(caseId);
  }

  /** The case was erased: drop what this device holds of it and ask again (the server answers 410 Gone). */
  forgetCase(caseId: string): void {
    this.setCase(caseId, { view: null, loading: true, error: null, highlights: {} });
    if (this.openCount.has(caseId) && this.socket.connected) void this.join(caseId);
  }

  closeCase(caseId: string): void {
    const n = (this.openCount.get(caseId) ?? 0) - 1;
    if (n > 0) {
      this.openCount.set(caseId, n);
      return;
    }
    this.openCount.delete(caseId);
    // Leave a tick later, so a quick close/open (re-render) does not leave and re-join.
    this.later(0, () => {
      if (this.openCount.has(caseId)) return;
      if (this.socket.connected) this.socket.emit('case.leave', { caseId }, () => {});
    });
  }

  private async loadByRest(caseId: string): Promise<void> {
    try {
      const view = await api.getCase(caseId);
      const current = this.state.cases[caseId]?.view;
      if (current && current.summary.version >= view.summary.version) return;
      this.setCase(caseId, { view, loading: false, error: null });
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 401) {
        this.sessionEnded('Your session has ended. Please sign in again.');
        return;
      }
      if (!this.state.cases[caseId]?.view) {
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
      const known = this.state.cases[caseId]?.view ?? null;
      const payload = known ? { caseId, afterEventId: known.summary.lastEventId } : { caseId };
      let ack: Ack<import('@mashboard/shared').JoinResult>;
      try {
        ack = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck('case.join', payload);
      } catch {
        // Timed out: try again while the board is open and the socket is up.
        if (this.openCount.has(caseId) && this.socket.connected) this.later(2000, () => void this.join(caseId));
        return;
      }
      if (!ack.ok) {
        if (ack.error.code === 'unauthenticated') {
          this.sessionEnded('Your session has ended. Please sign in again.');
          return;
        }
        this.setCase(caseId, { loading: false, error: ack.error });
        return;
      }
      const { view, events, more, viewers } = ack.result;
      let base = view ?? this.state.cases[caseId]?.view ?? known;
      if (!base) {
        this.setCase(caseId, { loading: false, error: { code: 'internal', message: 'The server sent no case.' } });
        return;
      }
      // A newer copy may be here already (e.g. pushes before the ack): keep the newer one.
      const current = this.state.cases[caseId]?.view;
      if (view && current && current.summary.version > view.summary.version) base = current;
      const merged = mergeEvents(base, events);
      this.setCase(caseId, { view: merged.view, viewers, loading: false, error: null });
      if (!view) this.markChanged(caseId, merged.applied);
      if (more || merged.gap) await this.catchUpLoop(caseId);
    } finally {
      this.busy.delete(caseId);
      this.afterBusy(caseId);
    }
  }

  private afterBusy(caseId: string): void {
    if (this.rejoin.delete(caseId) && this.openCount.has(caseId) && this.socket.connected) {
      void this.join(caseId);
      return;
    }
    this.drainBuffer(caseId);
  }

  private async catchUpLoop(caseId: string): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      const view = this.state.cases[caseId]?.view;
      if (!view || !this.socket.connected) return;
      let ack: Ack<import('@mashboard/shared').CatchUpResult>;
      try {
        ack = await this.socket
          .timeout(COMMAND_TIMEOUT_MS)
          .emitWithAck('case.catch-up', { caseId, afterEventId: view.summary.lastEventId });
      } catch {
        return; // the next event or reconnect will try again
      }
      if (!ack.ok) return;
      const merged = mergeEvents(view, ack.result.events);
      this.setCase(caseId, { view: merged.view });
      this.markChanged(caseId, merged.applied);
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
    const entry = this.state.cases[caseId];
    if (!entry) return;
    if (this.busy.has(caseId) || !entry.view) {
      this.buffered.set(caseId, [...(this.buffered.get(caseId) ?? []), event]);
      return;
    }
    const merged = mergeEvents(entry.view, [event]);
    if (merged.applied.length) {
      this.setCase(caseId, { view: merged.view });
      this.markChanged(caseId, merged.applied);
    }
    if (merged.gap) {
      this.buffered.set(caseId, [...(this.buffered.get(caseId) ?? []), event]);
      void this.catchUp(caseId);
    }
  }

  private drainBuffer(caseId: string): void {
    const events = this.buffered.get(caseId);
    if (!events?.length) return;
    this.buffered.delete(caseId);
    const view = this.state.cases[caseId]?.view;
    if (!view) return;
    const merged = mergeEvents(view, events);
    if (merged.applied.length) {
      this.setCase(caseId, { view: merged.view });
      this.markChanged(caseId, merged.applied);
    }
    const leftover = events.filter((e) => e.seq > merged.view.summary.version);
    if (merged.gap && leftover.length) {
      this.buffered.set(caseId, leftover);
      void this.catchUp(caseId);
    }
  }

  /** Highlight what others changed, and say it politely. */
  private markChanged(caseId: string, applied: CaseEvent[]): void {
    if (!applied.length) return;
    const ids = entriesChangedByOthers(applied, this.user.userId);
    const byOthers = applied.filter((e) => e.actor.userId !== this.user.userId);
    const entry = this.state.cases[caseId];
    if (!entry) return;
    const until = Date.now() + HIGHLIGHT_MS;
    const highlights = { ...entry.highlights };
    for (const id of ids) highlights[id] = until;
    const last = byOthers[byOthers.length - 1];
    const text =
      byOthers.length > 1 ? `${byOthers.length} new changes on this case. ${describeEvent(last!)}` : last ? describeEvent(last) : null;
    this.setCase(caseId, { highlights, ...(text ? { note: { id: nextId(), text } } : {}) });
    if (ids.length) {
      this.later(HIGHLIGHT_MS + 50, () => {
        const c = this.state.cases[caseId];
        if (!c) return;
        const now = Date.now();
        const kept = Object.fromEntries(Object.entries(c.highlights).filter(([, t]) => t > now));
        this.setCase(caseId, { highlights: kept });
      });
    }
  }
}
