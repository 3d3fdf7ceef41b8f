/**
 * Real clients of a running server: sign in over REST, call REST with cookie + CSRF token,
 * connect socket.io-client with the session cookie, and wait for pushed events.
 */
import { io, type Socket } from 'socket.io-client';
import {
  COMMAND_ROUTES,
  type Ack,
  type ApiError,
  type CaseEvent,
  type CaseSummary,
  type ClientToServerEvents,
  type CommandName,
  type CommandResult,
  type ServerToClientEvents,
  type SessionUser,
  type TimelinessPolicy,
  type Viewer,
} from '@mashboard/shared';

export const DEMO_PASSWORD = 'mashboard-demo';
export const DEMO_USERS = ['pc.evans', 'sw.okafor', 'hv.patel', 'dsl.morgan', 'lead.hughes', 'admin.demo'] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

export interface Session {
  baseUrl: string;
  /** `mash.sid=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  user: SessionUser;
}

export type MashSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export type ErrorBody = { error: ApiError };

/** A REST answer without the request id every error carries (to compare two answers' content). */
export function withoutRequestId(body: unknown): unknown {
  if (!body || typeof body !== 'object' || !('error' in body)) return body;
  const { requestId: _id, ...error } = (body as ErrorBody).error;
  return { ...body, error };
}

/** The Cookie header value (`name=value`) for one cookie out of Set-Cookie headers. */
/** The session cookie a response sets (`mash.sid`, or `__Host-mash.sid` when sent only over HTTPS). */
export function cookieFrom(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const pair = line.split(';')[0]!.trim();
    if (/^(__Host-)?mash\.sid=/.test(pair)) return pair;
  }
  return undefined;
}

export async function signIn(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username, password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign in as ${username} failed: ${res.status} ${text}`);
  const body = JSON.parse(text) as { user: SessionUser; csrfToken: string };
  const cookie = cookieFrom(res.headers);
  if (!cookie) throw new Error(`sign in as ${username}: no mash.sid cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  if (typeof body.csrfToken !== 'string' || !body.user) throw new Error(`sign in as ${username}: unexpected body ${text}`);
  return { baseUrl, cookie, csrfToken: body.csrfToken, user: body.user };
}

/** Substitutes `:caseId` / `:entryId` from the payload; those fields leave the body. */
export function commandRequest(name: CommandName, payload: Record<string, unknown>): { path: string; body: Record<string, unknown> } {
  const body = { ...payload };
  const route = COMMAND_ROUTES[name].replace(/:(\w+)/g, (_m, key: string) => {
    const value = body[key];
    delete body[key];
    return encodeURIComponent(String(value));
  });
  return { path: route, body };
}

export interface Rest {
  get<T = unknown>(path: string): Promise<RestResponse<T>>;
  /** POST a JSON value (or a raw string body, sent as-is with content-type JSON). */
  post<T = unknown>(path: string, body: unknown, init?: { raw?: boolean; headers?: Record<string, string> }): Promise<RestResponse<T>>;
  /** A command over its REST route. */
  command(name: CommandName, payload: Record<string, unknown>): Promise<RestResponse<CommandResult | ErrorBody>>;
  /** GET /api/cases/:caseId as a CaseView (throws unless 200). */
  view(caseId: string): Promise<import('@mashboard/shared').CaseView>;
}

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** REST as a signed-in user (or anonymously when session is undefined). */
export function rest(baseUrl: string, session: Session | undefined): Rest {
  const baseHeaders = (): Record<string, string> => ({
    origin: baseUrl,
    ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
  });
  const api: Rest = {
    async get<T>(path: string) {
      const res = await fetch(`${baseUrl}${path}`, { headers: baseHeaders() });
      return { status: res.status, body: (await parse(res)) as T, headers: res.headers };
    },
    async post<T>(path: string, body: unknown, init: { raw?: boolean; headers?: Record<string, string> } = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { ...baseHeaders(), 'content-type': 'application/json', ...init.headers },
        body: init.raw ? (body as string) : JSON.stringify(body),
      });
      return { status: res.status, body: (await parse(res)) as T, headers: res.headers };
    },
    command(name, payload) {
      const { path, body } = commandRequest(name, payload);
      return api.post<CommandResult | ErrorBody>(path, body);
    },
    async view(caseId) {
      const res = await api.get<import('@mashboard/shared').CaseView>(`/api/cases/${encodeURIComponent(caseId)}`);
      if (res.status !== 200) throw new Error(`GET case ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
  return api;
}

/** Throws with the server's error unless the REST command succeeded. */
export function expectResult(res: RestResponse<CommandResult | ErrorBody>): CommandResult {
  if ((res.status !== 201 && res.status !== 200) || !res.body || 'error' in res.body) {
    throw new Error(`command failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

export interface ConnectOptions {
  /** Origin header (default: the server's own origin). */
  origin?: string;
  /** Wait for `connect` (default true). */
  waitForConnect?: boolean;
  timeoutMs?: number;
  /** Reconnect automatically (default false: tests decide). */
  reconnection?: boolean;
}

/** A socket.io-client socket carrying the session cookie (websocket transport, as in Node). */
export async function connectSocket(baseUrl: string, session: Session | undefined, options: ConnectOptions = {}): Promise<MashSocket> {
  const socket: MashSocket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
    timeout: options.timeoutMs ?? 10_000,
    extraHeaders: {
      origin: options.origin ?? baseUrl,
      ...(session ? { cookie: session.cookie } : {}),
    },
  });
  if (options.waitForConnect === false) return socket;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('socket connect timed out'));
    }, options.timeoutMs ?? 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** Resolves with the connect_error (throws if the socket connects instead). */
export async function expectConnectRefused(baseUrl: string, session: Session | undefined, origin?: string): Promise<Error> {
  const socket = await connectSocket(baseUrl, session, { waitForConnect: false, ...(origin ? { origin } : {}) });
  try {
    return await new Promise<Error>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('neither connect nor connect_error within 10 s')), 10_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        reject(new Error('socket connected but should have been refused'));
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        resolve(error);
      });
    });
  } finally {
    socket.close();
  }
}

/** emitWithAck for any event name and payload (for malformed input), with a timeout. */
export function rawEmit<T = Ack<unknown>>(socket: MashSocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** A socket command, typed; throws with the error unless it succeeded. */
export async function command<N extends CommandName>(socket: MashSocket, name: N, payload: Parameters<ClientToServerEvents[N]>[0], timeoutMs = 10_000): Promise<CommandResult> {
  const ack = await rawEmit<Ack<CommandResult>>(socket, name, payload, timeoutMs);
  if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`);
  return ack.result;
}

interface Waiter<T> {
  predicate: (value: T) => boolean;
  resolve: (value: T) => void;
}

/** Collects what the server pushes to one socket, and waits for particular pushes. */
export class Inbox {
  readonly events: CaseEvent[] = [];
  readonly presence: { caseId: string; viewers: Viewer[] }[] = [];
  readonly casesChanged: CaseSummary[] = [];
  private eventWaiters: Waiter<CaseEvent>[] = [];
  private presenceWaiters: Waiter<{ caseId: string; viewers: Viewer[] }>[] = [];

  constructor(readonly socket: MashSocket) {
    socket.on('case.event', (event) => {
      this.events.push(event);
      this.eventWaiters = this.eventWaiters.filter((w) => (w.predicate(event) ? (w.resolve(event), false) : true));
    });
    socket.on('case.presence', (p) => {
      this.presence.push(p);
      this.presenceWaiters = this.presenceWaiters.filter((w) => (w.predicate(p) ? (w.resolve(p), false) : true));
    });
    socket.on('cases.changed', (s) => this.casesChanged.push(s));
  }

  eventsFor(caseId: string): CaseEvent[] {
    return this.events.filter((e) => e.caseId === caseId);
  }

  /** The first pushed case.event (already received or to come) matching the predicate. */
  waitForEvent(predicate: (event: CaseEvent) => boolean, timeoutMs = 10_000, what = 'case.event'): Promise<CaseEvent> {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return withTimeout(
      new Promise<CaseEvent>((resolve) => this.eventWaiters.push({ predicate, resolve })),
      timeoutMs,
      `${what} not received within ${timeoutMs} ms (received: ${this.events.map((e) => `${e.type}#${e.seq}`).join(', ') || 'none'})`,
    );
  }

  /** The latest presence for a case (already received or to come) matching the predicate. */
  waitForPresence(caseId: string, predicate: (viewers: Viewer[]) => boolean, timeoutMs = 10_000): Promise<{ caseId: string; viewers: Viewer[] }> {
    const latest = [...this.presence].reverse().find((p) => p.caseId === caseId);
    if (latest && predicate(latest.viewers)) return Promise.resolve(latest);
    return withTimeout(
      new Promise((resolve) => this.presenceWaiters.push({ predicate: (p) => p.caseId === caseId && predicate(p.viewers), resolve })),
      timeoutMs,
      `case.presence for ${caseId} not as expected within ${timeoutMs} ms (last: ${JSON.stringify(latest?.viewers ?? null)})`,
    );
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}

/** Resolves once the socket has disconnected (immediately if it already is). */
export function disconnected(socket: MashSocket, timeoutMs = 10_000): Promise<void> {
  if (!socket.connected) return Promise.resolve();
  return withTimeout(new Promise<void>((resolve) => socket.once('disconnect', () => resolve())), timeoutMs, 'socket did not disconnect');
}

/** Changes the timeliness policy as an admin (e.g. a Red triage deadline of seconds, so a case is soon overdue); returns the new policy. */
export async function setTimelinessPolicy(admin: Session, change: (p: TimelinessPolicy) => void): Promise<TimelinessPolicy> {
  const current = (await rest(admin.baseUrl, admin).get<{ policy: TimelinessPolicy }>('/api/timeliness-policy')).body.policy;
  const { version, ...policy } = structuredClone(current);
  change(policy as TimelinessPolicy);
  const res = await fetch(`${admin.baseUrl}/api/timeliness-policy`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: admin.baseUrl },
    body: JSON.stringify({ expectedVersion: version, policy }),
  });
  const body = (await parse(res)) as { policy: TimelinessPolicy };
  if (res.status !== 200) throw new Error(`policy refused: ${res.status} ${JSON.stringify(body)}`);
  return body.policy;
}
