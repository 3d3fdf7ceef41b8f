/** The typed Socket.IO server and socket every realtime module shares, and how a handler answers. */
import type { Server, Socket } from 'socket.io';
import type { Ack, Actor, ClientToServerEvents, ServerToClientEvents } from '@mashboard/shared';
import { toApiError } from '../errors.ts';
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

/** Answer an acknowledgement if the client asked for one; a crafted packet may send none. */
export async function answer<T>(ack: unknown, work: () => Promise<T>, log: Logger, event: string): Promise<void> {
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
  if (typeof ack === 'function') ack(response);
}
