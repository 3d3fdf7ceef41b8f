/**
 * One place decides who may do what, and nothing escapes it: every REST route the application
 * really serves has an entry in ROUTE_POLICY, every socket event in SOCKET_POLICY, and each is
 * refused to a role the policy does not name, before the handler can answer anything else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, ROLES, type Role } from '@mashboard/shared';
import { loadConfig } from '../../server/src/config.ts';
import { startServer, type RunningServer } from '../../server/src/main.ts';
import { POLICY } from '@mashboard/shared';
import { ROUTE_POLICY, SOCKET_POLICY, type Requirement } from '../../server/src/policies.ts';
import { connectSocket, rawEmit, signIn, type Session } from '../support/clients.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';

const ACCOUNT_OF: Record<Role, string> = {
  practitioner: 'pc.evans',
  'duty-lead': 'lead.hughes',
  'mash-manager': 'mgr.clarke',
  admin: 'admin.demo',
  auditor: 'audit.demo',
};

function rolesRefused(requirement: Requirement): Role[] {
  if (requirement === 'public' || requirement === 'signed-in') return [];
  return ROLES.filter((role) => !POLICY[requirement].includes(role));
}

describe('the policy covers every route and socket event', () => {
  let redis: RedisHandle;
  let server: RunningServer;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    redis = await startRedis({ aof: false });
    server = await startServer(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MASH_DEMO: '1', REDIS_URL: redis.url }, { port: 0 }));
    for (const role of ROLES) sessions.set(role, await signIn(server.url, ACCOUNT_OF[role]));
  });

  afterAll(async () => {
    await server?.close();
    await redis?.dispose();
  });

  it('every route the application serves has a policy, and every policy entry is a route it serves', () => {
    const served = server.routes();
    expect(served.length).toBeGreaterThan(30);
    const missing = served.filter((route) => !(route in ROUTE_POLICY));
    expect(missing, 'routes with no policy').toEqual([]);
    const stale = Object.keys(ROUTE_POLICY).filter((route) => !served.includes(route));
    expect(stale, 'policy entries for routes that do not exist').toEqual([]);
  });

  it('every route refuses each role its policy does not name (403), and anyone signed out (401)', async () => {
    const checked: string[] = [];
    for (const [route, requirement] of Object.entries(ROUTE_POLICY)) {
      const [method, pattern] = route.split(' ') as [string, string];
      const url = `${server.url}${pattern.replace(/:(\w+)/g, 'x$1')}`;
      const send = (session?: Session) =>
        fetch(url, {
          method,
          headers: { 'content-type': 'application/json', origin: server.url, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}) },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
      if (requirement !== 'public') {
        expect((await send()).status, `${route} signed out`).toBe(401);
      }
      for (const role of rolesRefused(requirement)) {
        const res = await send(sessions.get(role));
        expect(res.status, `${route} as ${role}`).toBe(403);
        checked.push(`${route} as ${role}`);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it('every socket event refuses each role its policy does not name, and an event not in the policy is refused', async () => {
    expect(COMMAND_NAMES.every((name) => name in SOCKET_POLICY)).toBe(true);
    for (const role of ROLES) {
      const socket = await connectSocket(server.url, sessions.get(role));
      try {
        for (const [event, requirement] of Object.entries(SOCKET_POLICY)) {
          if (!rolesRefused(requirement).includes(role)) continue;
          const ack = await rawEmit<{ ok: boolean; error?: { code: string } }>(socket, event, { caseId: 'x' });
          expect(ack, `${event} as ${role}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        }
        const unknown = await rawEmit<{ ok: boolean; error?: { code: string } }>(socket, 'admin.drop-everything', {});
        expect(unknown).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      } finally {
        socket.disconnect();
      }
    }
  });
});
