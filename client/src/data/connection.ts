/**
 * The session's one socket: connecting and reconnecting (also on the browser's online/offline),
 * the connection state the header shows, the end of the session, and `ask`, the one typed way to
 * send an event the server acknowledges. What to do on each (re)connect is the caller's (live.ts).
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@mashboard/shared';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type MashSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const COMMAND_TIMEOUT_MS = 10_000;

/** Every event a client sends is acknowledged; what it carries, and what its answer holds. */
export type AskedEvent = keyof ClientToServerEvents;
export type PayloadOf<E extends AskedEvent> = Parameters<ClientToServerEvents[E]>[0];
export type AnswerOf<E extends AskedEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Ack<infer R> ? R : never;

/**
 * Send one event and wait for its acknowledgement (rejects when none comes in time). Typed by
 * the contract for one event name or for a union of them (the outbox sends any command by name).
 */
export function ask<E extends AskedEvent>(socket: MashSocket, event: E, payload: PayloadOf<E>, timeoutMs = COMMAND_TIMEOUT_MS): Promise<Ack<AnswerOf<E>>> {
  // socket.io's typings cannot follow a name that is a union of events: the contract's types
  // above say what goes and comes back, the untyped socket carries it.
  const untyped: Socket = socket;
  return untyped.timeout(timeoutMs).emitWithAck(event, payload);
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

export interface ConnectionHooks {
  state(state: ConnectionState): void;
  /** Connected; `reconnect` when it had been connected before. */
  connected(reconnect: boolean): void;
  disconnected(): void;
  /** The session is over (refused, signed out elsewhere, expired): say why. */
  sessionEnded(message: string): void;
}

export class Connection {
  readonly socket: MashSocket;
  private ended = false;
  private everConnected = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly hooks: ConnectionHooks,
    socketFactory?: () => MashSocket,
  ) {
    this.socket =
      socketFactory?.() ?? (io({ withCredentials: true, transports: ['websocket', 'polling'], autoConnect: false }));
    this.wire();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Send an event the server acknowledges (see `ask`). */
  ask<E extends AskedEvent>(event: E, payload: PayloadOf<E>): Promise<Ack<AnswerOf<E>>> {
    return ask(this.socket, event, payload);
  }

  start(): void {
    this.socket.connect();
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
    }
  }

  /** Close the socket for good (sign-out, session ended). */
  stop(): void {
    this.ended = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
  }

  private onOnline = () => {
    if (this.socket.connected || this.ended) return;
    this.hooks.state('reconnecting');
    // The network is back: connect now. socket.io may be sitting out the back-off its failed
    // attempts earned while offline (1 s doubling to 5 s, randomised), and connect() alone waits
    // for it; disconnect() of a socket that is not connected only cancels that wait.
    this.socket.disconnect().connect();
  };
  private onOffline = () => {
    if (!this.socket.connected) this.hooks.state('offline');
  };

  private connectLater(ms: number): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.ended) this.socket.connect();
    }, ms);
  }

  private wire(): void {
    const s = this.socket;
    s.on('connect', () => {
      // For `npm run bench client`: how long after (re)connecting a board is current.
      performance.mark('mash:connected');
      const reconnect = this.everConnected;
      this.everConnected = true;
      this.hooks.connected(reconnect);
    });
    s.on('disconnect', (reason) => {
      this.hooks.disconnected();
      if (this.ended) return;
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      this.hooks.state(offline ? 'offline' : 'reconnecting');
      // The server closed the socket without ending the session: try again (a refusal ends it).
      if (reason === 'io server disconnect') this.connectLater(1000);
    });
    s.on('connect_error', (err) => {
      if (this.ended) return;
      if (err.message === 'unauthenticated') {
        this.hooks.sessionEnded('Your session has ended. Please sign in again.');
        return;
      }
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      this.hooks.state(offline ? 'offline' : 'reconnecting');
      if (!s.active) this.connectLater(3000);
    });
    s.on('session.ended', ({ reason }) => {
      this.hooks.sessionEnded(reason ? `Your session ended: ${reason}` : 'Your session has ended. Please sign in again.');
    });
  }
}
