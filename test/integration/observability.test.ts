/**
 * What a council's monitoring stack sees: Prometheus metrics that are never open to anyone who
 * asks, liveness and readiness an orchestrator can act on, and one log line per request that an
 * operator can find from the request id a user quotes, without a body or query string in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, command, expectResult, rest, signIn, type ErrorBody } from '../support/clients.ts';
import { factPayload, openCasePayload } from '../support/fixtures.ts';
import { freePort, waitUntil } from '../support/ports.ts';
import { startServer } from '../support/server.ts';
import { useWorld } from '../support/world.ts';

const TOKEN = 'metrics-scraper-token-0123456789abcdef';

async function scrape(url: string, token?: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** The log lines (pino JSON) the server printed. */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('metrics, health and request logs', () => {
  const world = useWorld({ redis: { aof: true }, server: { env: { METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' } } });

  it('serves /metrics only to a scraper with the bearer token', async () => {
    const url = `${world.current.baseUrl}/metrics`;
    const anonymous = await scrape(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('mash_');
    expect((await scrape(url, 'not-the-token-not-the-token-not-the-token')).status).toBe(401);
    const scraped = await scrape(url, TOKEN);
    expect(scraped.status).toBe(200);
    expect(scraped.type).toContain('text/plain');
  });

  it('counts what a case board does: REST and socket latency by route and command, appends, fan-out, sockets, audit, jobs, Redis, the event loop and memory', async () => {
    const { baseUrl } = world.current;
    const session = await signIn(baseUrl, 'lead.hughes');
    const api = rest(baseUrl, session);
    const caseId = expectResult(await api.command('case.open', openCasePayload())).caseId;
    await api.view(caseId);
    const socket = await connectSocket(baseUrl, session);
    try {
      const added = await command(socket, 'contribution.add', factPayload(caseId));
      await command(socket, 'rating.set', { commandId: crypto.randomUUID(), caseId, expectedVersion: added.version, rating: 'red', reason: 'Bruising to a baby' });
      const { text } = await scrape(`${baseUrl}/metrics`, TOKEN);
      const sample = (pattern: RegExp) => expect(text, pattern.source).toMatch(pattern);
      sample(/^mash_http_request_duration_seconds_count\{method="GET",route="\/api\/cases\/:caseId",status="200"\} [1-9]/m);
      sample(/^mash_http_request_duration_seconds_count\{method="POST",route="\/api\/cases",status="201"\} [1-9]/m);
      sample(/^mash_socket_event_duration_seconds_count\{event="contribution\.add",outcome="ok"\} 1$/m);
      sample(/^mash_socket_event_duration_seconds_count\{event="rating\.set",outcome="ok"\} 1$/m);
      sample(/^mash_append_duration_seconds_count\{aggregate="case",outcome="ok"\} [1-9]\d*$/m);
      sample(/^mash_fanout_duration_seconds_count [1-9]/m);
      sample(/^mash_connected_sockets 1$/m);
      sample(/^mash_audit_batches_total\{outcome="stored"\} [1-9]/m);
      sample(/^mash_audit_batch_retries_total \d+$/m);
      // The red rating started the triage clock: its warning and breach jobs wait, delayed.
      sample(/^mash_deadline_jobs\{state="delayed"\} [1-9]/m);
      sample(/^mash_deadline_jobs\{state="failed"\} 0$/m);
      sample(/^mash_redis_round_trip_seconds 0\.\d+/m);
      sample(/^# TYPE mash_alert_lateness_seconds histogram$/m);
      sample(/^nodejs_eventloop_lag_seconds \d/m);
      sample(/^process_resident_memory_bytes [1-9]/m);
      // Labels are patterns and names, never ids.
      expect(text).not.toContain(caseId);
    } finally {
      socket.close();
    }
  });

  it('logs each request once with its id, method, route pattern, status and time, never its body or query, and gives the id back to quote', async () => {
    const { baseUrl, server } = world.current;
    const session = await signIn(baseUrl, 'pc.evans');
    const api = rest(baseUrl, session);
    const caseId = expectResult(await api.command('case.open', openCasePayload())).caseId;

    const read = await fetch(`${baseUrl}/api/cases/${caseId}/events?after=0-0&name=Tia%20Secretname`, { headers: { cookie: session.cookie } });
    const readId = read.headers.get('x-request-id');
    expect(read.status).toBe(200);
    expect(readId).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await api.post<ErrorBody>(`/api/cases/${caseId}/contributions`, { text: 'Mother said the bruise came from a fall', kind: 'opinion', commandId: crypto.randomUUID() });
    expect(refused.status).toBe(400);
    const refusedId = refused.headers.get('x-request-id');
    expect(refused.body.error.requestId).toBe(refusedId);
    expect(refused.body.error.code).toBe('invalid');

    // A request id a proxy in front already gave is kept, so both logs agree.
    const proxied = await fetch(`${baseUrl}/api/health/live`, { headers: { 'x-request-id': 'proxy-7f3a9c21' } });
    expect(proxied.headers.get('x-request-id')).toBe('proxy-7f3a9c21');

    const byId = (id: string | null) => logLines(server.output()).filter((l) => l.requestId === id && l.msg === 'request');
    // The line is written as the answer finishes; the process's output may reach us a moment later.
    await waitUntil('the last request logged', () => byId('proxy-7f3a9c21').length > 0, { timeoutMs: 10_000, intervalMs: 50 });
    expect(byId(readId)).toEqual([expect.objectContaining({ method: 'GET', route: '/api/cases/:caseId/events', status: 200, ms: expect.any(Number) })]);
    expect(byId(refusedId)).toEqual([expect.objectContaining({ method: 'POST', route: '/api/cases/:caseId/contributions', status: 400 })]);
    expect(byId('proxy-7f3a9c21')).toHaveLength(1);
    const output = server.output();
    expect(output).not.toContain('Secretname');
    expect(output).not.toContain('bruise came from a fall');
    expect(output).not.toContain(`/api/cases/${caseId}`);
    expect(output).not.toContain(session.cookie.split('=')[1]);
  });

  it('is live and ready while Redis answers, and not ready (503, within the health time limit) the moment Redis is away', async () => {
    const { baseUrl, redis } = world.current;
    const live = await fetch(`${baseUrl}/api/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { redis: true, durable: true, accepting: true } });

    await redis.kill();
    try {
      const away = await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(3_000) });
      expect(away.status).toBe(503);
      expect(await away.json()).toMatchObject({ ready: false, checks: { redis: false, accepting: true } });
      // The process itself still runs: an orchestrator must not restart it for Redis's sake.
      expect((await fetch(`${baseUrl}/api/health/live`)).status).toBe(200);
    } finally {
      await redis.restart();
    }
  });
});

describe('metrics on their own port', () => {
  const world = useWorld({ redis: { aof: false } });
  let metricsPort = 0;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    metricsPort = await freePort();
    server = await startServer({ redisUrl: world.current.redis.url, env: { METRICS_PORT: String(metricsPort) } });
  });
  afterAll(async () => server?.stop());

  it('serves /metrics on METRICS_PORT and not on the app port; a server with neither setting serves none', async () => {
    const scraped = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toMatch(/^# TYPE mash_http_request_duration_seconds histogram$/m);
    expect((await scrape(`http://127.0.0.1:${metricsPort}/api/health`)).status).toBe(404);
    expect((await scrape(`${server.baseUrl}/metrics`)).status).toBe(404);
    // The world's own server was started with neither METRICS_PORT nor METRICS_TOKEN.
    const closed = await scrape(`${world.current.baseUrl}/metrics`, TOKEN);
    expect(closed.status).toBe(404);
    expect(closed.text).not.toContain('mash_');
  });

  it('refuses to start in production with no way to scrape metrics, saying what to set', async () => {
    const refused = await startServer({ redisUrl: world.current.redis.url, demo: false, env: { NODE_ENV: 'production' }, readyTimeoutMs: 30_000 }).then(
      async (s) => {
        await s.stop();
        return 'started';
      },
      (error: unknown) => String(error),
    );
    expect(refused).toMatch(/Refusing to start in production without a way to scrape metrics: set METRICS_PORT .* or METRICS_TOKEN/);
  });
});
