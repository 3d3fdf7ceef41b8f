/**
 * The outbox: every command is stored (localStorage) before it is sent, and removed only when the
 * server acknowledges it (ok, or a definitive refusal). On a timeout or a dropped connection it is
 * resent later with the SAME commandId, which the server dedupes: a command is applied exactly once.
 */
import type { z } from 'zod';
import type { ApiError, CommandInput, CommandName, CommandResult, MEETING_COMMANDS, MeetingCommandName, MeetingResult } from '@mashboard/shared';
import { readJson, writeJson, type KeyValueStore } from './storage.ts';

/** What a client sends for a meeting command. */
export type MeetingCommandInput<N extends MeetingCommandName> = z.input<(typeof MEETING_COMMANDS)[N]>;

/** Everything that goes through the outbox: case commands and meeting commands. */
export type OutboxCommandName = CommandName | MeetingCommandName;
export type OutboxInput<N extends OutboxCommandName> = N extends CommandName
  ? CommandInput<N>
  : N extends MeetingCommandName
    ? MeetingCommandInput<N>
    : never;
/** What the server acknowledges: a case command's result, or a meeting command's. */
export type OutboxResult = CommandResult | MeetingResult;

export const isCaseResult = (result: OutboxResult): result is CommandResult => 'caseId' in result;
export const isMeetingResult = (result: OutboxResult): result is MeetingResult => 'meetingId' in result;

export type OutboxStatus = 'pending' | 'failed';

export interface OutboxItem<N extends OutboxCommandName = OutboxCommandName> {
  commandId: string;
  name: N;
  payload: OutboxInput<N>;
  /** The case it belongs to (absent for case.open and meeting commands). */
  caseId?: string;
  /** What it is, for people: "Contribution", "Child's voice for Ayesha". */
  label: string;
  createdAt: string;
  attempts: number;
  status: OutboxStatus;
  /** Why the server refused it (status failed). */
  error?: ApiError;
}

/** What came back from one send attempt. */
export type SendOutcome = { kind: 'ok'; result: OutboxResult } | { kind: 'error'; error: ApiError } | { kind: 'timeout' };

/** What a form that submitted a command learns. */
export type SubmitOutcome<R extends OutboxResult = CommandResult> =
  | { status: 'ok'; result: R }
  | { status: 'error'; error: ApiError }
  /** Not acknowledged yet (offline or slow): it stays in the outbox and is sent when possible. */
  | { status: 'queued' };

/** A submitted command's outcome, with the kind of result its name promises (any other is an error). */
export function settledAs<R extends OutboxResult>(outcome: SubmitOutcome<OutboxResult>, is: (result: OutboxResult) => result is R): SubmitOutcome<R> {
  if (outcome.status !== 'ok') return outcome;
  if (is(outcome.result)) return { status: 'ok', result: outcome.result };
  return { status: 'error', error: { code: 'internal', message: 'The server answered with something else.' } };
}

export type Verdict = 'done' | 'failed' | 'retry' | 'unauthenticated';

/** Errors that retrying cannot fix are definitive; the rest are retried. */
export function classifyOutcome(outcome: SendOutcome, attempts: number, maxInternalAttempts = 5): Verdict {
  if (outcome.kind === 'ok') return 'done';
  if (outcome.kind === 'timeout') return 'retry';
  switch (outcome.error.code) {
    case 'unauthenticated':
      return 'unauthenticated';
    case 'rate-limited':
    case 'unavailable': // the case store is away: nothing was saved; send again (same command id)
      return 'retry';
    case 'internal':
      return attempts >= maxInternalAttempts ? 'failed' : 'retry';
    default:
      return 'failed';
  }
}

export function retryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 15_000);
}

export class Outbox {
  private list: OutboxItem[];
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
    private readonly onChange: () => void = () => {},
  ) {
    const saved = readJson<OutboxItem[]>(store, key);
    this.list = Array.isArray(saved) ? saved.filter((i) => i && typeof i.commandId === 'string') : [];
  }
  items(): readonly OutboxItem[] {
    return this.list;
  }
  pending(): OutboxItem[] {
    return this.list.filter((i) => i.status === 'pending');
  }
  get(commandId: string): OutboxItem | undefined {
    return this.list.find((i) => i.commandId === commandId);
  }
  add(item: OutboxItem): void {
    if (this.get(item.commandId)) return;
    this.list = [...this.list, item];
    this.save();
  }
  update(commandId: string, patch: Partial<OutboxItem>): void {
    this.list = this.list.map((i) => (i.commandId === commandId ? { ...i, ...patch } : i));
    this.save();
  }
  remove(commandId: string): void {
    this.list = this.list.filter((i) => i.commandId !== commandId);
    this.save();
  }
  private save(): void {
    if (this.list.length === 0) this.store.removeItem(this.key);
    else writeJson(this.store, this.key, this.list);
    this.onChange();
  }
}

export interface Transport {
  connected(): boolean;
  emit(name: OutboxCommandName, payload: OutboxInput<OutboxCommandName>): Promise<SendOutcome>;
}

export interface RunnerHooks {
  /** Acknowledged with no form waiting (e.g. sent after a reconnect or a reload). */
  onDone?(item: OutboxItem, result: OutboxResult): void;
  /** Refused with no form waiting: the item stays, marked failed, for the person to fix or discard. */
  onFailed?(item: OutboxItem, error: ApiError): void;
  onUnauthenticated?(): void;
}

export interface RunnerOptions {
  sleep?: (ms: number) => Promise<void>;
  delay?: (attempts: number) => number;
}

export class OutboxRunner {
  private waiters = new Map<string, (outcome: SubmitOutcome<OutboxResult>) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly delay: (attempts: number) => number;

  constructor(
    readonly outbox: Outbox,
    private readonly transport: Transport,
    private readonly hooks: RunnerHooks = {},
    options: RunnerOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.delay = options.delay ?? retryDelayMs;
  }

  /** Store the command, then send it when connected. Resolves when acknowledged, or 'queued'. */
  submit(name: OutboxCommandName, payload: OutboxInput<OutboxCommandName>, meta: { label: string; caseId?: string }): Promise<SubmitOutcome<OutboxResult>> {
    const commandId = payload.commandId;
    const item: OutboxItem = {
      commandId,
      name,
      payload,
      label: meta.label,
      createdAt: new Date().toISOString(),
      attempts: 0,
      status: 'pending',
      ...(meta.caseId ? { caseId: meta.caseId } : {}),
    };
    this.outbox.add(item);
    const promise = new Promise<SubmitOutcome<OutboxResult>>((resolve) => {
      if (!this.transport.connected()) {
        resolve({ status: 'queued' });
        return;
      }
      this.waiters.set(commandId, resolve);
    });
    void this.flush();
    return promise;
  }

  /** Resend a failed item as it was (same commandId). */
  retry(commandId: string): void {
    this.outbox.update(commandId, { status: 'pending', attempts: 0 });
    void this.flush();
  }

  /** The connection dropped: forms stop waiting (their commands stay in the outbox). */
  connectionLost(): void {
    this.releaseWaiters();
  }

  stop(): void {
    this.stopped = true;
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const waiting = [...this.waiters.values()];
    this.waiters.clear();
    for (const resolve of waiting) resolve({ status: 'queued' });
  }

  private settle(commandId: string, outcome: SubmitOutcome<OutboxResult>): boolean {
    const resolve = this.waiters.get(commandId);
    if (!resolve) return false;
    this.waiters.delete(commandId);
    resolve(outcome);
    return true;
  }

  /** Send every pending item, oldest first, one at a time. Safe to call any time. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again && !this.stopped && this.transport.connected());
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.transport.connected()) {
      const item = this.outbox.pending()[0];
      if (!item) return;
      const attempts = item.attempts + 1;
      this.outbox.update(item.commandId, { attempts });
      let outcome: SendOutcome;
      try {
        outcome = await this.transport.emit(item.name, item.payload);
      } catch {
        outcome = { kind: 'timeout' };
      }
      if (this.stopped) return;
      const verdict = classifyOutcome(outcome, attempts);
      if (verdict === 'done' && outcome.kind === 'ok') {
        this.outbox.remove(item.commandId);
        if (!this.settle(item.commandId, { status: 'ok', result: outcome.result })) this.hooks.onDone?.(item, outcome.result);
      } else if (verdict === 'failed' && outcome.kind === 'error') {
        if (this.settle(item.commandId, { status: 'error', error: outcome.error })) {
          // The form that submitted it shows the error and keeps the draft.
          this.outbox.remove(item.commandId);
        } else {
          this.outbox.update(item.commandId, { status: 'failed', error: outcome.error });
          this.hooks.onFailed?.({ ...item, status: 'failed', error: outcome.error }, outcome.error);
        }
      } else if (verdict === 'unauthenticated') {
        this.releaseWaiters();
        this.hooks.onUnauthenticated?.();
        return;
      } else {
        // Retry later with the same commandId; a waiting form is told it is queued.
        this.settle(item.commandId, { status: 'queued' });
        await this.sleep(this.delay(attempts));
      }
    }
  }
}
