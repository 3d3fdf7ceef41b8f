/**
 * What production mode promises a council's IT team: the session cookie can be set only by this
 * host over HTTPS (`__Host-` prefix, Secure), the client's source maps are not served, its files are
 * sent compressed with long cache lifetimes (API answers never compressed), and a Redis
 * that ever held the demo accounts (published password) is refused at start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../support/browser.ts';
import { signIn } from '../support/clients.ts';
import { runCli } from '../support/cli.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';
import { REPO_ROOT, startServer, type ServerHandle } from '../support/server.ts';

const PRODUCTION = { NODE_ENV: 'production', COOKIE_SECURE: '1', METRICS_TOKEN: 'a-scraper-token-of-at-least-32-characters' };
const PASSWORD = 'a long production passphrase';

function createUser(redisUrl: string): Promise<{ code: number | null; output: string }> {
  const args = ['--username', 'it.admin', '--name', 'IT Admin', '--agency', 'childrens-social-care', '--role', 'admin'];
  return runCli('users', args, { REDIS_URL: redisUrl, NODE_ENV: 'production', MASH_NEW_USER_PASSWORD: PASSWORD });
}

/** A source map the client build wrote. */
function aSourceMap(): string {
  const map = readdirSync(path.join(REPO_ROOT, 'client/dist/assets')).find((f) => f.endsWith('.map'));
  if (!map) throw new Error('the client build wrote no source map');
  return map;
}

/** The built files (under client/dist) of the chunks a page loads before it shows anything: the entry, the signed-in app and the page's own chunk, with everything they import statically, by the build's manifest. */
function firstLoadFiles(page: string): string[] {
  const dist = path.join(REPO_ROOT, 'client/dist');
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
  const chunks = new Set<string>();
  const add = (key: string) => {
    if (chunks.has(key)) return;
    chunks.add(key);
    for (const imported of manifest[key]!.imports ?? []) add(imported);
  };
  for (const start of [Object.keys(manifest).find((k) => manifest[k]!.isEntry), 'src/SignedInApp.tsx', `src/pages/${page}.tsx`]) {
    expect(start && manifest[start], `${start} in the build manifest`).toBeDefined();
    add(start!);
  }
  return [...chunks].map((key) => path.join(dist, manifest[key]!.file));
}

/** The sources (from their source maps) of a page's first load. */
function firstLoadSources(page: string): string[] {
  return firstLoadFiles(page).flatMap((file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources);
}

describe('production mode', () => {
  let redis: RedisHandle;
  let server: ServerHandle;

  beforeAll(async () => {
    ensureClientBuilt();
    redis = await startRedis({ aof: true });
    const created = await createUser(redis.url);
    expect(created, created.output).toMatchObject({ code: 0 });
    server = await startServer({ redisUrl: redis.url, demo: false, env: PRODUCTION });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await redis?.dispose();
  });

  it('sets the session cookie with the __Host- prefix, Secure, on the whole site, and reads it back', async () => {
    const res = await fetch(`${server.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'it.admin', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-mash.sid='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const session = await signIn(server.baseUrl, 'it.admin', PASSWORD);
    expect((await fetch(`${server.baseUrl}/api/session`, { headers: { cookie: session.cookie } })).status).toBe(200);
  });

  it('does not serve the client source maps', async () => {
    expect((await fetch(`${server.baseUrl}/assets/${aSourceMap()}`)).status).toBe(404);
  });

  it('sends the built client compressed and cached for a year, but never compresses an API answer (it may hold a secret)', async () => {
    // The entry script: large enough to be worth compressing (small files are sent as they are).
    const script = readdirSync(path.join(REPO_ROOT, 'client/dist/assets')).find((f) => /^index-.*\.js$/.test(f))!;
    // node's fetch asks for gzip and br and decodes the answer; the headers still say what was sent.
    const asset = await fetch(`${server.baseUrl}/assets/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${server.baseUrl}/assets/index-from-another-build.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type') ?? '').not.toContain('text/html');
    const session = await signIn(server.baseUrl, 'it.admin', PASSWORD);
    const api = await fetch(`${server.baseUrl}/api/session`, { headers: { cookie: session.cookie, 'accept-encoding': 'gzip, br' } });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-encoding')).toBeNull();
  });

  it('loads the sign-in page without zod, luxon or socket.io: they come with the signed-in app', () => {
    const html = readFileSync(path.join(REPO_ROOT, 'client/dist/index.html'), 'utf8');
    const entry = /<script[^>]+src="\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(entry, 'the entry script in index.html').toBeDefined();
    const { sources } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'client/dist', `${entry}.map`), 'utf8')) as { sources: string[] };
    expect(sources.some((s) => s.includes('node_modules/react-dom/'))).toBe(true);
    // React's production bundle, not its development one (twice the size, with its checks).
    expect(sources.filter((s) => /node_modules\/react(-dom)?\/cjs\/.*\.development\.js$/.test(s))).toEqual([]);
    expect(sources.filter((s) => /node_modules\/(zod|luxon|socket\.io-client|engine\.io-client)\//.test(s))).toEqual([]);
  });

  it('loads no zod before a case board, the dashboard, the case list, the chronology or the meeting room shows: the schemas come with the forms that check answers', () => {
    for (const page of ['CaseBoardPage', 'DashboardPage', 'CasesPage', 'ChronologyPage', 'MeetingRoomPage']) {
      const sources = firstLoadSources(page);
      expect(sources.some((s) => s.endsWith(`src/pages/${page}.tsx`))).toBe(true);
      expect(sources.some((s) => s.includes('node_modules/socket.io-client/'))).toBe(true);
      expect(
        sources.filter((s) => /node_modules\/zod\//.test(s)),
        page,
      ).toEqual([]);
    }
    // The search page checks its terms with the shared schema before it asks: zod is in its first load, so the check above can see it.
    expect(firstLoadSources('SearchPage').some((s) => s.includes('node_modules/zod/'))).toBe(true);
  });

  it("loads no other page's parts: none of a case's before the dashboard, the case list or 'my work' shows, none of the meeting room's before a case board", () => {
    const parts = ['src/board/ContributionList.tsx', 'src/board/SharingLog.tsx', 'src/data/chronology.ts', 'src/data/useCase.ts', 'src/board/MeetingAgenda.tsx', 'src/data/meetingRoom.ts'];
    const loaded = (page: string) => parts.filter((part) => firstLoadSources(page).some((s) => s.endsWith(part)));
    for (const page of ['DashboardPage', 'CasesPage', 'MyWorkPage']) expect(loaded(page), page).toEqual([]);
    expect(loaded('CaseBoardPage')).toEqual(['src/board/ContributionList.tsx', 'src/board/SharingLog.tsx', 'src/data/chronology.ts']);
    expect(loaded('MeetingRoomPage')).toEqual(expect.arrayContaining(['src/board/MeetingAgenda.tsx', 'src/data/meetingRoom.ts']));
  });

  it("sends a case board's first load in at most 150 KB of gzipped JavaScript: the panels' forms and the sharing form's rules come when needed", () => {
    // gzip -9 of each file as built, as the README's figures; the server sends Brotli where the browser takes it (smaller still).
    const bytes = firstLoadFiles('CaseBoardPage').reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
    expect(bytes).toBeLessThanOrEqual(150_000);
  });

  it('ships no date library: London time in every chunk comes from Intl through shared/src/zone.ts', () => {
    const assets = path.join(REPO_ROOT, 'client/dist/assets');
    const sources = readdirSync(assets)
      .filter((f) => f.endsWith('.js.map'))
      .flatMap((f) => (JSON.parse(readFileSync(path.join(assets, f), 'utf8')) as { sources: string[] }).sources);
    expect(sources.some((s) => s.endsWith('shared/src/zone.ts'))).toBe(true);
    expect(sources.filter((s) => /node_modules\/(luxon|date-fns|dayjs|moment)\//.test(s))).toEqual([]);
  });

  it('refuses to start on a Redis that holds the demo accounts', async () => {
    const demoRedis = await startRedis({ aof: true });
    try {
      const demo = await startServer({ redisUrl: demoRedis.url, demo: true });
      expect((await fetch(`${demo.baseUrl}/assets/${aSourceMap()}`)).status).toBe(200); // outside production they are served
      await demo.stop();
      const refused = await startServer({ redisUrl: demoRedis.url, demo: false, env: PRODUCTION, readyTimeoutMs: 30_000 }).then(
        async (s) => {
          await s.stop();
          return 'started';
        },
        (error: unknown) => String(error),
      );
      expect(refused).toMatch(/Refusing to start in production: this Redis holds the demo accounts \(.*lead\.hughes/);
    } finally {
      await demoRedis.dispose();
    }
  }, 120_000);
});
