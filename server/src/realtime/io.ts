/** The typed Socket.IO server and socket every realtime module shares, and how a handler answers. */
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import type { Ack, Actor, ClientToServerEvents, ServerToClientEvents } from '@mashboard/shared';
import { parseOrRefuse, toApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { metrics, secondsSince } from '../observability/metrics.ts';

export interface SocketData {
  actor: Actor;
  sessionKey: string;
  /** Cases this socket has open. */
  cases: Set<string>;
  /** Meetings this socket has open. */
  meetings: Set<string>;
}

export type MashServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type MashSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Whether the client asked for an acknowledgement (the last argument of an event, when a function). */
export function isAck(value: unknown): value is (response: Ack<unknown>) => void {
  return typeof value === 'function';
}

/** A client event's name, and what the contract says its acknowledgement carries. */
export type ClientEvent = keyof ClientToServerEvents;
export type EventResult<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends (response: Ack<infer R>) => void ? R : never;

/**
 * Handle a client event: its payload checked against its shared schema (or, without one, handed on
 * as it came, for work that checks it itself: a command's `execute`), the work's result or refusal
 * acknowledged, typed as the contract says that event answers.
 */
export function onEvent<E extends ClientEvent, S extends z.ZodType>(socket: MashSocket, log: Logger, event: E, schema: S, work: (input: z.output<S>) => Promise<EventResult<E>>): void;
export function onEvent<E extends ClientEvent>(socket: MashSocket, log: Logger, event: E, work: (payload: unknown) => Promise<EventResult<E>>): void;
export function onEvent(socket: MashSocket, log: Logger, event: ClientEvent, ...rest: [z.ZodType, (input: unknown) => Promise<unknown>] | [(payload: unknown) => Promise<unknown>]): void {
  const [schema, work] = rest.length === 2 ? rest : [null, rest[0]];
  const listener = (payload: unknown, ack: unknown) => answer(ack, () => work(schema ? parseOrRefuse(schema, payload) : payload), log, event);
  socket.on(event, listener);
}

/** Answer an acknowledgement if the client asked for one; a crafted packet may send none. */
async function answer<T>(ack: unknown, work: () => Promise<T>, log: Logger, event: string): Promise<void> {
  const started = process.hrtime.bigint();
  let response: Ack<T>;
  try {
    response = { ok: true, result: await work() };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === 'internal') log.error({ err: error, event }, 'socket event failed');
    if (apiError.code === 'unavailable') log.warn({ err: error, event }, 'socket event failed: Redis is not answering');
    response = { ok: false, error: apiError };
  }
  metrics.socketEvents.observe({ event, outcome: response.ok ? 'ok' : response.error.code }, secondsSince(started));
  if (isAck(ack)) ack(response);
}
