/**
 * Production runs compiled JavaScript, not TypeScript through tsx: `npm run build` compiles shared
 * and server to `dist/`, and the server started from there (as the Docker image starts it) serves
 * the API, in production mode, with no TypeScript loader at all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisHandle } from '../support/redis.ts';
import { REPO_ROOT, startServer, type ServerHandle } from '../support/server.ts';

describe('the production build', () => {
  let redis: RedisHandle;
  let server: ServerHandle;

  beforeAll(async () => {
    for (const workspace of ['shared', 'server']) {
      execFileSync('npm', ['run', 'build', '-w', workspace], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 280_000 });
    }
    redis = await startRedis({ aof: true });
    server = await startServer({
      redisUrl: redis.url,
      demo: false,
      compiled: true,
      env: { NODE_ENV: 'production', COOKIE_SECURE: '1', METRICS_TOKEN: 'a-scraper-token-of-at-least-32-characters' },
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await redis?.dispose();
  });

  it('compiles shared and server to JavaScript, test files left out', () => {
    expect(existsSync(path.join(REPO_ROOT, 'server/dist/cli/start.js'))).toBe(true);
    expect(existsSync(path.join(REPO_ROOT, 'shared/dist/index.js'))).toBe(true);
    expect(existsSync(path.join(REPO_ROOT, 'shared/dist/rules.test.js'))).toBe(false);
  });

  it('starts from the compiled code in production and answers: ready, signed-out refusals, the API document', async () => {
    const ready = await fetch(`${server.baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { redis: true, durable: true, accepting: true } });
    expect((await fetch(`${server.baseUrl}/api/cases`)).status).toBe(401);
    const document = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as { info: { version: string } };
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
