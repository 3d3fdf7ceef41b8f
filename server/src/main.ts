/** Wires configuration, Redis, HTTP, sockets and demo data into a running server. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server } from 'socket.io';
import { LIMITS } from '@mashboard/shared';
import { buildApp } from './app.ts';
import { loadSession, sessionRoutes } from './auth/http.ts';
import { Sessions } from './auth/sessions.ts';
import { Users } from './auth/users.ts';
import { CaseCommands } from './cases/commands.ts';
import { CaseQueries } from './cases/queries.ts';
import { caseRoutes } from './cases/routes.ts';
import { allowedOrigins, type Config } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo/seed.ts';
import { createLogger, type Logger } from './logger.ts';
import { Presence } from './realtime/presence.ts';
import { attachSockets, endSessionSockets, type MashServer } from './realtime/sockets.ts';
import { connectRedis, enforceDurability } from './redis.ts';
import { EventStore } from './store/event-store.ts';
import { keys } from './store/keys.ts';
import { Router } from 'express';

export interface RunningServer {
  url: string;
  port: number;
  log: Logger;
  close(): Promise<void>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const redis = connectRedis(config.redisUrl, 'main');
  await redis.ping();
  await enforceDurability(redis, config.env, log);

  const store = new EventStore(redis);
  const users = new Users(redis);
  const sessions = new Sessions(redis, config.sessionIdleMs, config.sessionAbsoluteMs);
  const commands = new CaseCommands(redis, store, users);
  const queries = new CaseQueries(redis, store);
  const presence = new Presence(redis);

  if (config.demo) await seedDemo(users, commands, store, log);

  const httpServer = createServer();
  let origins: string[] = [];
  const isAllowedOrigin = (origin: string | undefined) => origin !== undefined && origins.includes(origin);

  const adapterRedis = connectRedis(config.redisUrl, 'adapter');
  const io: MashServer = new Server(httpServer, {
    adapter: createAdapter(adapterRedis, { streamName: keys.adapterStream(), maxLen: 10_000 }),
    maxHttpBufferSize: LIMITS.maxPayloadBytes,
    serveClient: false,
    cors: { origin: (origin, cb) => cb(null, isAllowedOrigin(origin)), credentials: true },
    allowRequest: (req, cb) => cb(null, isAllowedOrigin(req.headers.origin)),
  });
  const sockets = attachSockets({ io, commands, queries, sessions, users, presence, isAllowedOrigin, log });

  const demoRoutes = Router();
  if (config.demo) {
    demoRoutes.get('/demo-accounts', (_req, res) => {
      res.json({ accounts: DEMO_ACCOUNTS.map(({ username, name, agency, role }) => ({ username, name, agency, role })), password: DEMO_PASSWORD });
    });
  }

  const app = buildApp({
    log,
    before: [loadSession(sessions, users)],
    api: [
      demoRoutes,
      sessionRoutes({
        redis,
        sessions,
        users,
        cookieSecure: config.cookieSecure,
        isAllowedOrigin,
        onSignOut: (key) => endSessionSockets(io, key, 'signed out'),
      }),
      caseRoutes({ commands, queries, users }),
    ],
    clientDir: config.clientDir ?? path.join(repoRoot, 'client/dist'),
    health: async () => (await redis.ping()) === 'PONG',
  });
  httpServer.on('request', app);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  origins = allowedOrigins(config, port);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    log,
    close() {
      closing ??= (async () => {
        sockets.stop();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await Promise.allSettled([redis.quit(), adapterRedis.quit()]);
      })();
      return closing;
    },
  };
}
