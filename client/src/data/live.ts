/**
 * The live data layer of one signed-in session: the connection (connection.ts), the open case
 * boards (caseBoards.ts), the case list (caseList.ts) and the alert inbox (alerts.ts), with the
 * outbox every command goes through (cases' and meetings' alike) and the toasts. React reads it
 * through useLive() (useSyncExternalStore); nothing here renders.
 */
import {
  type Alert,
  type ApiError,
  type CommandInput,
  type CommandName,
  type CommandResult,
  type DecisionSettings,
  type MeetingCommandName,
  type MeetingResult,
  type SessionUser,
  type TimelinessPolicy,
  type UserListing,
} from '@mashboard/shared';
import { api } from './api.ts';
import { AlertInbox } from './alerts.ts';
import { CaseBoards } from './caseBoards.ts';
import { CaseList } from './caseList.ts';
import { Connection, type MashSocket } from './connection.ts';
import { LiveStore, nextNoteId, type CasePart, type LiveParts, type LiveState, type Toast } from './liveState.ts';
import {
  isCaseResult,
  isMeetingResult,
  Outbox,
  OutboxRunner,
  settledAs,
  type MeetingCommandInput,
  type OutboxItem,
  type OutboxResult,
  type SubmitOutcome,
} from './outbox.ts';
import { browserStore, userKeyPrefix, type KeyValueStore } from './storage.ts';

export function newCommandId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface LiveClientOptions {
  /** The session is over (signed out elsewhere, expired, refused): go to sign-in with this message. */
  onSessionEnded(message: string): void;
  store?: KeyValueStore;
  socketFactory?: () => MashSocket;
}

export class LiveClient {
  readonly user: SessionUser;
  private readonly store: LiveStore;
  private readonly connection: Connection;
  private readonly outbox: Outbox;
  private readonly runner: OutboxRunner;
  private readonly boards: CaseBoards;
  private readonly caseList: CaseList;
  private readonly alertInbox: AlertInbox;
  private ended = false;
  private usersCache: Promise<UserListing[]> | null = null;
  private policyCache: { at: number; policy: Promise<TimelinessPolicy> } | null = null;
  private decisionSettingsCache: { at: number; settings: Promise<DecisionSettings> } | null = null;

  constructor(user: SessionUser, private readonly options: LiveClientOptions) {
    this.user = user;
    const keyValues = options.store ?? browserStore();
    this.outbox = new Outbox(keyValues, `${userKeyPrefix(user.userId)}outbox`, () => this.store.set({ outbox: this.outbox.items() }));
    this.store = new LiveStore({
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
    });
    this.connection = new Connection(
      {
        state: (connection) => this.store.set({ connection }),
        connected: (reconnect) => this.connected(reconnect),
        disconnected: () => this.runner.connectionLost(),
        sessionEnded: (message) => this.sessionEnded(message),
      },
      options.socketFactory,
    );
    const parts: LiveParts = { store: this.store, connection: this.connection, sessionEnded: (message) => this.sessionEnded(message) };
    this.boards = new CaseBoards(parts, user.userId);
    this.caseList = new CaseList(parts);
    this.alertInbox = new AlertInbox(parts, user.role);
    this.runner = new OutboxRunner(
      this.outbox,
      {
        connected: () => this.connection.connected,
        emit: async (name, payload) => {
          const ack = await this.connection.ask(name, payload);
          return ack.ok ? { kind: 'ok', result: ack.result } : { kind: 'error', error: ack.error };
        },
      },
      {
        onDone: (item, result) => this.commandDoneLater(item, result),
        onFailed: (item, error) => {
          this.toast('error', `Not sent: ${item.label}. ${error.message}`, item.caseId);
          // A refused case command waits on its board to be fixed or dropped; a meeting command
          // has no such place (the room shows the meeting as it is now): the toast says it all.
          if (item.name.startsWith('meeting.')) this.outbox.remove(item.commandId);
        },
        onUnauthenticated: () => this.sessionEnded('Your session has ended. Sign in again to send your changes.'),
      },
    );
  }

  // ---- store plumbing -------------------------------------------------------------------------
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);
  getState = (): LiveState => this.store.getState();

  // ---- lifecycle ------------------------------------------------------------------------------
  start(): void {
    this.connection.start();
  }

  /** Close the socket (sign-out, session ended). */
  stop(): void {
    this.ended = true;
    this.runner.stop();
    this.store.stop();
    this.connection.stop();
  }

  private sessionEnded(message: string): void {
    if (this.ended) return;
    this.stop();
    this.options.onSessionEnded(message);
  }

  private connected(reconnect: boolean): void {
    // Open boards first, on their own: their catch-up is what the person is looking at, and the
    // rest (the header's state and toast, the case list, the inbox, the outbox) would compete
    // with it for the server and this thread. So the header says live once the boards are current.
    void this.boards.reconnected().then(() => {
      if (this.ended || !this.connection.connected) return; // lost again: the next connect does it
      this.store.set({
        connection: 'live',
        ...(reconnect ? { toasts: this.withToast({ id: nextNoteId(), kind: 'info', text: 'Connection restored.' }) } : {}),
      });
      this.caseList.reconnected();
      // The inbox holds what was raised while we were away: read it on every (re)connect.
      void this.alertInbox.load();
      void this.runner.flush();
    });
  }

  /** The session's socket, for pages that keep their own live link (meeting room, meetings list). */
  get liveSocket(): MashSocket {
    return this.connection.socket;
  }

  // ---- toasts ---------------------------------------------------------------------------------
  toast(kind: Toast['kind'], text: string, caseId?: string): void {
    this.store.set({ toasts: this.withToast({ id: nextNoteId(), kind, text, ...(caseId ? { caseId } : {}) }) });
  }
  private withToast(t: Toast): Toast[] {
    if (t.kind === 'info') this.store.later(8000, () => this.dismissToast(t.id));
    return [...this.store.getState().toasts, t].slice(-5);
  }
  dismissToast(id: number): void {
    this.store.set({ toasts: this.store.getState().toasts.filter((t) => t.id !== id) });
  }

  private commandDoneLater(item: OutboxItem, result: OutboxResult): void {
    if (result.duplicate) return;
    if (!isCaseResult(result)) this.toast('info', `Sent: ${item.label}.`);
    else if (item.name === 'case.open') this.toast('info', `Case ${result.reference} opened (it was waiting to send).`, result.caseId);
    else this.toast('info', `Sent: ${item.label} (${result.reference}).`, result.caseId);
  }

  // ---- commands -------------------------------------------------------------------------------
  /**
   * Send a case command through the outbox. Resolves ok/error when acknowledged while the form
   * waits, or 'queued' when offline or slow (it is sent later, exactly once).
   */
  async send<N extends CommandName>(name: N, payload: CommandInput<N>, meta: { label: string; caseId?: string }): Promise<SubmitOutcome<CommandResult>> {
    return settledAs(await this.runner.submit(name, payload, meta), isCaseResult);
  }
  /** Send a meeting command through the outbox, as `send` does a case command. */
  async sendMeeting<N extends MeetingCommandName>(name: N, payload: MeetingCommandInput<N>, meta: { label: string }): Promise<SubmitOutcome<MeetingResult>> {
    return settledAs(await this.runner.submit(name, payload, meta), isMeetingResult);
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

  // ---- alerts (alerts.ts) ---------------------------------------------------------------------
  get receivesAlerts(): boolean {
    return this.alertInbox.receivesAlerts;
  }
  /** Told of every alert pushed live that was not in the inbox yet (for notifications). */
  onAlertRaised(listener: (alert: Alert) => void): () => void {
    return this.alertInbox.onRaised(listener);
  }
  /** Read the inbox by REST (on sign-in and after every reconnect) and merge it with pushes. */
  loadAlerts(): Promise<void> {
    return this.alertInbox.load();
  }
  /** Acknowledge an alert (socket when live, REST otherwise). Resolves to an error, or null when done. */
  acknowledgeAlert(alertId: string): Promise<ApiError | null> {
    return this.alertInbox.acknowledge(alertId);
  }

  // ---- case list (caseList.ts) ----------------------------------------------------------------
  watchCases(): void {
    this.caseList.watch();
  }

  // ---- case boards (caseBoards.ts) ------------------------------------------------------------
  /** A page opened this case (whole, or its summary alone): join it (and keep it up to date) until closeCase. */
  openCase(caseId: string, part: CasePart = 'whole'): void {
    this.boards.open(caseId, part);
  }
  /** The case was erased: drop what this device holds of it and ask again (the server answers 410 Gone). */
  forgetCase(caseId: string): void {
    this.boards.forget(caseId);
  }
  closeCase(caseId: string, part: CasePart = 'whole'): void {
    this.boards.close(caseId, part);
  }
}
