/**
 * The API document a council's integrators read (`GET /api/openapi.json`) is a valid OpenAPI 3.1
 * document, names every route the application really serves and no route it does not, and
 * documents every socket event the server accepts and pushes.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { startServer, type RunningServer } from '../../server/src/main.ts';
import { SOCKET_POLICY } from '../../server/src/policies.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: { properties?: Record<string, unknown> } } } }; responses: Record<string, unknown> }>>;
  'x-socket-io': { clientToServer: Record<string, { payload: unknown }>; serverToClient: Record<string, string> };
};

describe('the API document', () => {
  let redis: RedisHandle;
  let server: RunningServer;
  let document: Document;

  beforeAll(async () => {
    redis = await startRedis({ aof: false });
    server = await startServer(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: redis.url }, { port: 0 }));
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    document = (await res.json()) as Document;
  });

  afterAll(async () => {
    await server?.close();
    await redis?.dispose();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 2_000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route the application registers, and no route it does not', () => {
    const served = server.routes().map((route) => route.replace(/:(\w+)/g, '{$1}'));
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(served.length).toBeGreaterThan(40);
    expect(
      served.filter((route) => !documented.includes(route)),
      'served but not documented (add it to ROUTE_DOCS in server/src/openapi.ts)',
    ).toEqual([]);
    expect(
      documented.filter((route) => !served.includes(route)),
      'documented but not served',
    ).toEqual([]);
  });

  it('gives each body its schema from the shared zod schemas, leaving out what the path names, and each route its errors', () => {
    const contribution = document.paths['/api/cases/{caseId}/contributions']!.post!;
    const properties = contribution.requestBody!.content['application/json'].schema.properties!;
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(['commandId', 'text', 'kind', 'timeframe', 'restrictedTo']));
    expect(properties).not.toHaveProperty('caseId');
    expect(Object.keys(contribution.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '410', '503']));
    expect(document.paths['/api/session']!.post!.requestBody!.content['application/json'].schema.properties).toHaveProperty('password');
  });

  it('documents every socket event a client may send, with its payload schema, and every event the server pushes', () => {
    const { clientToServer, serverToClient } = document['x-socket-io'];
    expect(Object.keys(clientToServer).sort()).toEqual(Object.keys(SOCKET_POLICY).sort());
    for (const [event, doc] of Object.entries(clientToServer)) expect(doc.payload, event).toMatchObject({ type: 'object' });
    expect(Object.keys(serverToClient)).toEqual(expect.arrayContaining(['case.event', 'cases.changed', 'alert.raised', 'session.ended']));
  });
});
