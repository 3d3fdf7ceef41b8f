/**
 * Bad input of every kind gets a clear error, writes nothing (the case version is unchanged) and
 * leaves the server up (health still 200).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LIMITS, type Ack, type CommandResult } from '@mashboard/shared';
import {
  command,
  connectSocket,
  disconnected,
  expectConnectRefused,
  expectResult,
  rawEmit,
  rest,
  signIn,
  withTimeout,
  type ErrorBody,
  type MashSocket,
  type Rest,
  type Session,
} from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();

let evans: Session;
let asEvans: Rest;
let socket: MashSocket;
let caseId: string;
let versionBefore: number;

beforeAll(async () => {
  evans = await signIn(world.current.baseUrl, 'pc.evans');
  asEvans = rest(world.current.baseUrl, evans);
  caseId = expectResult(await asEvans.command('case.open', openCasePayload())).caseId;
  expectResult(await asEvans.command('contribution.add', factPayload(caseId)));
  socket = await connectSocket(world.current.baseUrl, evans);
});

afterAll(() => socket?.close());

/** Every test: the case is unchanged and the server still answers. */
async function expectNothingWrittenAndUp(): Promise<void> {
  expect((await asEvans.view(caseId)).summary.version).toBe(versionBefore);
  expect(await world.current.server.health()).toBe(200);
  expect(world.current.server.running()).toBe(true);
}

async function ensureSocket(): Promise<MashSocket> {
  if (!socket.connected) socket = await connectSocket(world.current.baseUrl, evans);
  return socket;
}

describe('bad input', () => {
  // Each test is checked on its own: what it sent must not have changed the case.
  beforeEach(async () => {
    versionBefore = (await asEvans.view(caseId)).summary.version;
  });
  afterEach(async () => {
    await expectNothingWrittenAndUp();
  });

  const invalidPayloads: [string, () => Record<string, unknown>, string][] = [
    ['text of the wrong type', () => ({ ...factPayload(caseId), text: 42 }), 'text'],
    [
      'a missing kind',
      () => {
        const { kind: _k, ...p } = factPayload(caseId);
        return p;
      },
      'kind',
    ],
    [
      'a missing commandId',
      () => {
        const { commandId: _c, ...p } = factPayload(caseId);
        return p;
      },
      'commandId',
    ],
    ['an unknown kind', () => ({ ...factPayload(caseId), kind: 'rumour' }), 'kind'],
    ['an unknown source', () => ({ ...factPayload(caseId), source: 'overheard' }), 'source'],
    ['an unknown precision', () => ({ ...factPayload(caseId), happened: { precision: 'roughly', date: '2025-01-01' } }), 'happened.precision'],
    ['text of 20,001 characters', () => ({ ...factPayload(caseId), text: 'x'.repeat(LIMITS.longText + 1) }), 'text'],
    ['a __proto__ key', () => JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(factPayload(caseId)).slice(1)}`) as Record<string, unknown>, ''],
  ];

  it.each(invalidPayloads)('REST: %s is refused with 400 naming the field', async (_what, make, path) => {
    const res = await asEvans.command('contribution.add', make());
    expect(res.status).toBe(400);
    const error = (res.body as ErrorBody).error;
    expect(error.code).toBe('invalid');
    expect(error.message.length).toBeGreaterThan(0);
    if (path) expect(error.issues?.map((i) => i.path)).toContain(path);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(invalidPayloads)('socket: %s is refused naming the field', async (_what, make, path) => {
    const ack = await rawEmit<Ack<CommandResult>>(await ensureSocket(), 'contribution.add', make());
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe('invalid');
      if (path) expect(ack.error.issues?.map((i) => i.path)).toContain(path);
    }
  });

  it('a text of exactly 20,000 characters is within the limit (the boundary is right)', async () => {
    // Accepted over a throwaway case so the watched case stays unchanged.
    const other = expectResult(await asEvans.command('case.open', openCasePayload())).caseId;
    const res = await asEvans.command('contribution.add', factPayload(other, { text: 'y'.repeat(LIMITS.longText) }));
    expect(res.status).toBe(201);
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [1, 2, 3]],
    ['a number', 7],
  ])('socket: a payload that is %s is refused as invalid', async (_what, payload) => {
    const ack = await rawEmit<Ack<CommandResult>>(await ensureSocket(), 'contribution.add', payload);
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe('invalid');
  });

  it('socket: a command sent without an acknowledgement callback does not upset the server', async () => {
    const s = await ensureSocket();
    (s as unknown as { emit: (e: string, p: unknown) => void }).emit('contribution.add', { ...factPayload(caseId), text: 99 });
    (s as unknown as { emit: (e: string, p: unknown) => void }).emit('no.such.event', { a: 1 });
    // A round trip after them proves they were processed.
    const join = await rawEmit<Ack<unknown>>(s, 'case.join', { caseId });
    expect(join.ok).toBe(true);
  });

  it('a contribution to a case that does not exist is refused as not found (REST 404, socket not-found)', async () => {
    const res = await asEvans.command('contribution.add', factPayload('no-such-case'));
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error.code).toBe('not-found');
    const ack = await rawEmit<Ack<CommandResult>>(await ensureSocket(), 'contribution.add', factPayload('no-such-case'));
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.code).toBe('not-found');
    const get = await asEvans.get<ErrorBody>('/api/cases/no-such-case');
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe('not-found');
    const join = await rawEmit<Ack<unknown>>(await ensureSocket(), 'case.join', { caseId: 'no-such-case' });
    expect(join.ok).toBe(false);
  });

  it('a malformed JSON body is refused with 400 and a message saying the JSON is malformed', async () => {
    const res = await asEvans.post<ErrorBody>(`/api/cases/${caseId}/contributions`, '{"commandId": "abcdefgh-1", "text": ', { raw: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.message).toMatch(/json/i);
  });

  it('a body that is not JSON at all (wrong content type) is refused, not treated as empty', async () => {
    const res = await asEvans.post<ErrorBody>(`/api/cases/${caseId}/contributions`, 'text=hello', { raw: true, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([400, 415]).toContain(res.status);
    expect(res.body.error.code).toBeDefined();
  });

  it('a REST body over the size limit is refused with 413 too-large', async () => {
    const res = await asEvans.post<ErrorBody>(`/api/cases/${caseId}/contributions`, { ...factPayload(caseId), text: 'z'.repeat(LIMITS.maxPayloadBytes + 10_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too-large');
  });

  it('REST without a session is refused with 401 unauthenticated', async () => {
    const anonymous = rest(world.current.baseUrl, undefined);
    const list = await anonymous.get<ErrorBody>('/api/cases');
    expect(list.status).toBe(401);
    expect(list.body.error.code).toBe('unauthenticated');
    const write = await anonymous.command('contribution.add', factPayload(caseId));
    expect(write.status).toBe(401);
    const forged = rest(world.current.baseUrl, { ...evans, cookie: 'mash.sid=forged-session-value' });
    expect((await forged.get('/api/cases')).status).toBe(401);
  });

  it('REST with a session but without the CSRF token is refused with 403', async () => {
    const res = await fetch(`${world.current.baseUrl}/api/cases/${caseId}/contributions`, {
      method: 'POST',
      headers: { cookie: evans.cookie, origin: world.current.baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify(factPayload(caseId)),
    });
    expect(res.status).toBe(403);
    const wrong = rest(world.current.baseUrl, { ...evans, csrfToken: 'not-the-token' });
    expect((await wrong.command('contribution.add', factPayload(caseId))).status).toBe(403);
  });

  it('REST from a foreign Origin is refused', async () => {
    const res = await fetch(`${world.current.baseUrl}/api/cases/${caseId}/contributions`, {
      method: 'POST',
      headers: { cookie: evans.cookie, 'x-csrf-token': evans.csrfToken, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(factPayload(caseId)),
    });
    expect(res.status).toBe(403);
  });

  it('a socket command sent with an extra argument, or with no payload, is answered invalid at once and writes nothing', async () => {
    const s = (await ensureSocket()) as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<Ack<unknown>> } };
    const extra = await s.timeout(5_000).emitWithAck('contribution.add', factPayload(caseId), 'an extra argument');
    expect(extra).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'Invalid input: send one payload object, then the acknowledgement callback.',
        issues: [{ path: '', message: 'send one payload object, then the acknowledgement callback' }],
      },
    });
    const none = await s.timeout(5_000).emitWithAck('cases.watch');
    expect(none).toMatchObject({ ok: false, error: { code: 'invalid' } });
    await expectNothingWrittenAndUp();
  });

  it('a contact received in the future or decades ago is refused, naming receivedAt', async () => {
    for (const receivedAt of [new Date(Date.now() + 90 * 86_400_000).toISOString(), '1990-03-01T09:00:00Z']) {
      const res = await asEvans.command('case.open', openCasePayload({ receivedAt }));
      expect(res.status, receivedAt).toBe(400);
      expect((res.body as ErrorBody).error.issues?.map((i) => i.path)).toEqual(['receivedAt']);
    }
    const skewed = await asEvans.command('case.open', openCasePayload({ receivedAt: new Date(Date.now() + 60_000).toISOString() }));
    expect(skewed.status).toBe(201);
  });

  it('an Idempotency-Key header is checked like a commandId, and may not name a different command from the body', async () => {
    const post = (key: string, body: object) =>
      fetch(`${world.current.baseUrl}/api/cases/${caseId}/contributions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: evans.cookie, 'x-csrf-token': evans.csrfToken, 'idempotency-key': key },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: { code: string; issues: { path: string; message: string }[] } } }));
    const { commandId: _c, caseId: _id, ...fact } = factPayload(caseId);
    const long = await post('k'.repeat(5000), fact);
    expect(long.status).toBe(400);
    expect(long.body.error.issues).toEqual([expect.objectContaining({ path: 'commandId', message: expect.stringContaining('Idempotency-Key') })]);
    const mismatch = await post(newCommandId(), { ...fact, commandId: newCommandId() });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.issues).toEqual([{ path: 'commandId', message: 'the body names a different commandId from the Idempotency-Key header' }]);
    await expectNothingWrittenAndUp();
  });

  it('sign-in with a wrong password is refused with 401 and sets no session', async () => {
    const res = await fetch(`${world.current.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: world.current.baseUrl },
      body: JSON.stringify({ username: 'pc.evans', password: 'wrong' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('mash.sid=') && !/mash\.sid=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))).toBe(false);
  });

  it('a socket without a session is refused with "unauthenticated"', async () => {
    const error = await expectConnectRefused(world.current.baseUrl, undefined);
    expect(error.message).toBe('unauthenticated');
    const forged = await expectConnectRefused(world.current.baseUrl, { ...evans, cookie: 'mash.sid=forged-session-value' });
    expect(forged.message).toBe('unauthenticated');
  });

  it('a socket from a foreign Origin is refused, even with a valid session', async () => {
    const error = await expectConnectRefused(world.current.baseUrl, evans, 'http://evil.example');
    // Refused by the engine at the transport handshake (403), before Socket.IO's own handshake.
    expect(error.message).toBe('websocket error');
  });

  it('a raw engine.io handshake from a foreign Origin is refused once, with the security headers, and logs no error', async () => {
    const before = world.current
      .logs()
      .split('\n')
      .filter((l) => l.includes('"level":50')).length;
    const res = await fetch(`${world.current.baseUrl}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'http://evil.example', cookie: evans.cookie } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 4, message: 'Forbidden' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await new Promise((r) => setTimeout(r, 300));
    expect(
      world.current
        .logs()
        .split('\n')
        .filter((l) => l.includes('"level":50')).length,
    ).toBe(before);
  });

  it('an oversize socket message is refused (error or disconnect) and writes nothing', async () => {
    const s = await connectSocket(world.current.baseUrl, evans);
    try {
      const huge = { ...factPayload(caseId), text: 'q'.repeat(LIMITS.maxPayloadBytes + 50_000) };
      const outcome = await withTimeout(
        Promise.race([
          rawEmit<Ack<CommandResult>>(s, 'contribution.add', huge, 20_000).then(
            (ack) => ({ ack }),
            // socket.io-client rejects a pending ack when the server closes the connection.
            (error: Error) => {
              if (/disconnected/.test(error.message)) return { disconnected: true as const };
              throw error;
            },
          ),
          disconnected(s, 20_000).then(() => ({ disconnected: true as const })),
        ]),
        25_000,
        'neither an error nor a disconnect for an oversize message',
      );
      if ('ack' in outcome) {
        expect(outcome.ack.ok).toBe(false);
        if (!outcome.ack.ok) expect(['too-large', 'invalid']).toContain(outcome.ack.error.code);
      } else {
        expect(outcome.disconnected).toBe(true);
      }
    } finally {
      s.close();
    }
    // A fresh socket still works.
    const fresh = await connectSocket(world.current.baseUrl, evans);
    try {
      expect((await rawEmit<Ack<unknown>>(fresh, 'case.join', { caseId })).ok).toBe(true);
    } finally {
      fresh.close();
    }
  });

  it('garbage packets on a raw websocket do not crash the server or write anything', async () => {
    const url = `${world.current.baseUrl.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const garbage: (string | Buffer)[] = [
      '40', // connect to the default namespace first
      '42["contribution.add",{"bad json',
      '42not json at all',
      '451-["contribution.add",{"_placeholder":true,"num":99}]',
      '42["contribution.add",{"_placeholder":true,"num":0}]',
      '42[{"__proto__":{"polluted":true}}]',
      `42${JSON.stringify(['contribution.add', { ...factPayload(caseId), commandId: newCommandId(), kind: { $gt: '' } }])}0`,
      '42["case.join",{"caseId":{"$ne":null}}]0',
      '4' + '9'.repeat(400),
      '\u0000\u0001\u0002',
      Buffer.from([0xff, 0xfe, 0x00, 0x42, 0x13]),
      '41',
      '2probe',
      '6',
    ];
    for (let round = 0; round < 2; round++) {
      const ws = new WebSocket(url, { headers: { cookie: evans.cookie, origin: world.current.baseUrl } });
      const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
      ws.on('error', () => undefined);
      await withTimeout(new Promise<void>((resolve) => ws.once('message', () => resolve())), 10_000, 'no engine.io open packet');
      for (const packet of round === 0 ? garbage : [...garbage].reverse()) {
        if (ws.readyState !== WebSocket.OPEN) break;
        ws.send(packet);
      }
      ws.close();
      await withTimeout(closed, 10_000, 'raw websocket did not close');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The server still serves a proper client.
    const fresh = await connectSocket(world.current.baseUrl, evans);
    try {
      const other = expectResult(await asEvans.command('case.open', openCasePayload())).caseId;
      const result = await command(fresh, 'contribution.add', factPayload(other));
      expect(result.duplicate).toBe(false);
    } finally {
      fresh.close();
    }
  });
});
