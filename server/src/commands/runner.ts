/**
 * The one path of every command on an aggregate (a case, a meeting): validate with the shared
 * schema, authorize by the policy table, decide the events from the current state, append them
 * atomically with the projection, then run the named steps that follow an append (publish to
 * sockets, schedule deadlines, ...). Each aggregate says only what is its own: how its events are
 * stamped and applied, who may act on it, and how each command decides.
 */
import type { z } from 'zod';
import type { Actor } from '@mashboard/shared';
import { parseOrRefuse, refuse } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { authorize } from '../policies.ts';
import type { AggregateStore, AppliedCommand } from '../store/event-store.ts';
import { KeyedQueue } from '../store/keyed-queue.ts';

/**
 * Validate a command by name, then authorize it. The payload is parsed first, so a malformed one
 * is answered naming its fields whoever sends it; an unknown name is refused before either.
 */
export function validateAndAuthorize<C extends Record<string, z.ZodType>, N extends keyof C & string>(schemas: C, name: string, raw: unknown, actor: Actor): { name: N; payload: z.output<C[N]> } {
  if (!Object.hasOwn(schemas, name)) refuse('invalid', `Unknown command ${name}.`);
  const payload = parseOrRefuse(schemas[name as N]!, raw);
  authorize(actor, name as Parameters<typeof authorize>[1]);
  return { name: name as N, payload };
}

/** What a command decided: the events to append and, for commands on an entry, the entry's id. */
export interface Decision<B> {
  events: B[];
  entryId?: string;
}

/** Where a decided event goes in its aggregate's history (its `id` comes from Redis on append). */
export interface EventPlace {
  aggregateId: string;
  seq: number;
  at: string;
  actor: Actor;
  commandId: string;
}

/** A batch just appended: its events (with their ids), the projection after them and before. */
export interface Appended<E, S> {
  events: E[];
  summary: S;
  previous: S | null;
}

/**
 * A step that follows every append (publish to sockets, schedule deadlines, ...). Each is awaited
 * before the command is acknowledged; the events are stored already, so a step that fails is
 * logged by its name and repaired by reconciliation, never undoing the command.
 */
export interface AfterAppend<E, S> {
  name: string;
  run(appended: Appended<E, S>): void | Promise<void>;
}

/** What is particular to one kind of aggregate. */
export interface AggregateRules<E, S, N, B> {
  /** Names the aggregate in refusals: "The case is changing too fast ...". */
  noun: string;
  store: AggregateStore<E & { id: string }, S, N & { id: string }>;
  /** A decided event as stored, in its place in the aggregate's history. */
  stamp(body: B, place: EventPlace): E;
  /** The projection after one more event. */
  apply(summary: S | null, event: E): S;
  /** The entries these events create or change, as they will be stored (none if omitted). */
  entriesAfter?(aggregateId: string, events: E[]): Promise<N[]>;
  /** Refuses an actor who may not act on this aggregate (checked before anything is decided). */
  guard?(summary: S | null, aggregateId: string, actor: Actor): Promise<void>;
  /** The last projections this process stored, to skip the first read (a stale one costs a retry). */
  cacheSize?: number;
}

/** A command ready to run: its aggregate, who runs it, and how it decides on the current state. */
export interface CommandRun<B, S> {
  aggregateId: string;
  commandId: string;
  actor: Actor;
  /** The version the client decided on: a mismatch is refused instead of retried. */
  expectedVersion?: number | undefined;
  /** Synchronous when the current state is all it needs; a promise when it reads more. */
  decide(summary: S | null): Decision<B> | Promise<Decision<B>>;
}

/** A command's outcome: appended now, or found applied already (a retry), answered the same way. */
export type RunOutcome<E, S> =
  { duplicate: false; version: number; lastEventId: string; entryId?: string; events: E[]; summary: S } | { duplicate: true; version: number; lastEventId: string; entryId?: string };

/** Retries when another process appended first; each waits a little longer, with jitter. */
export const MAX_ATTEMPTS = 20;
export const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 4 * attempt));

/** The last projection this process stored per aggregate (bounded, least recently stored out first). */
class SummaryCache<S> {
  private readonly map = new Map<string, S>();
  constructor(private readonly capacity: number) {}
  get(id: string): S | undefined {
    return this.map.get(id);
  }
  set(id: string, summary: S): void {
    this.map.delete(id);
    this.map.set(id, summary);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
  delete(id: string): void {
    this.map.delete(id);
  }
}

const asDuplicate = (applied: AppliedCommand) => ({
  duplicate: true as const,
  version: applied.version,
  lastEventId: applied.lastEventId,
  ...(applied.note ? { entryId: applied.note } : {}),
});

export class CommandRunner<E extends { id: string }, S extends { version: number; lastEventId: string }, N extends { id: string }, B> {
  private readonly queue = new KeyedQueue();
  private readonly cache: SummaryCache<S> | undefined;
  private readonly steps: AfterAppend<E, S>[] = [];

  constructor(
    private readonly rules: AggregateRules<E, S, N, B>,
    private readonly log: Logger,
  ) {
    this.cache = rules.cacheSize ? new SummaryCache<S>(rules.cacheSize) : undefined;
  }

  /** The steps that follow every append, in one list (see main.ts). */
  afterAppend(...steps: AfterAppend<E, S>[]): void {
    this.steps.push(...steps);
  }

  /** Work on one aggregate one job after another in this process (a command, an erasure). */
  exclusive<T>(aggregateId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(aggregateId, work);
  }

  /** The aggregate was changed outside the runner (erased): forget its cached projection. */
  forget(aggregateId: string): void {
    this.cache?.delete(aggregateId);
  }

  run(command: CommandRun<B, S>): Promise<RunOutcome<E, S>> {
    return this.exclusive(command.aggregateId, () => this.attempt(command));
  }

  private async attempt(command: CommandRun<B, S>): Promise<RunOutcome<E, S>> {
    const { aggregateId, commandId, actor, expectedVersion } = command;
    const { store, noun } = this.rules;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const cached = attempt === 1 && expectedVersion === undefined ? this.cache?.get(aggregateId) : undefined;
      // A retried command is answered as done before anything is decided again: the state it
      // produced may no longer accept it (the case it opened exists), and nothing is done twice.
      const [applied, summary] = await Promise.all([store.findAppliedCommand(aggregateId, commandId), cached ?? store.readSummary(aggregateId)]);
      if (applied) return asDuplicate(applied);
      const version = summary?.version ?? 0;
      await this.rules.guard?.(summary, aggregateId, actor);
      // (no such aggregate at all is the command's not-found, not a version conflict)
      if (summary && expectedVersion !== undefined && expectedVersion !== version) {
        refuse('conflict', `The ${noun} changed since you loaded it (version ${version}, you had ${expectedVersion}); reload and try again.`);
      }
      const decision = await command.decide(summary);
      const at = new Date().toISOString();
      const events = decision.events.map((body, i) => this.rules.stamp(body, { aggregateId, seq: version + i + 1, at, actor, commandId }));
      const next = events.reduce<S | null>((s, e) => this.rules.apply(s, e), summary);
      if (!next) refuse('internal', `A command on ${noun} ${aggregateId} decided no events.`);
      const outcome = await store.append({
        aggregateId,
        commandId,
        expectedVersion: version,
        events,
        summary: next,
        entries: (await this.rules.entriesAfter?.(aggregateId, events)) ?? [],
        note: decision.entryId ?? '',
        previous: summary,
      });
      if (outcome.kind === 'duplicate') return asDuplicate(outcome.applied);
      if (outcome.kind === 'conflict') {
        this.cache?.delete(aggregateId);
        if (expectedVersion !== undefined) refuse('conflict', `The ${noun} changed while your change was being saved; reload and try again.`);
        await backoff(attempt); // another process appended first: decide again on the new state
        continue;
      }
      events.forEach((event, i) => (event.id = outcome.eventIds[i]!));
      const stored = { ...next, version: outcome.version, lastEventId: events[events.length - 1]!.id };
      this.cache?.set(aggregateId, stored);
      await this.runSteps({ events, summary: stored, previous: summary }, aggregateId);
      return { duplicate: false, version: outcome.version, lastEventId: stored.lastEventId, ...(decision.entryId ? { entryId: decision.entryId } : {}), events, summary: stored };
    }
    refuse('conflict', `The ${noun} is changing too fast to save this now; try again.`);
  }

  private async runSteps(appended: Appended<E, S>, aggregateId: string): Promise<void> {
    const outcomes = await Promise.allSettled(this.steps.map(async (step) => step.run(appended)));
    outcomes.forEach((o, i) => {
      if (o.status === 'rejected') this.log.error({ err: o.reason, [this.rules.noun + 'Id']: aggregateId, step: this.steps[i]!.name }, 'after-append step failed');
    });
  }
}
