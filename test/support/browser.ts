/**
 * Real-browser support for the end-to-end tests: the built client (built here when missing or
 * stale), a Debian Chromium driven by playwright-core, and signing in through the UI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser } from './chromium.ts';

export { CHROMIUM_PATH, launchBrowser };
import { DEMO_PASSWORD } from './clients.ts';
import { REPO_ROOT } from './server.ts';
import { useWorld } from './world.ts';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

/** Newest modification time (ms) of any file under a directory. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the client (`npm run build -w client`) unless client/dist/index.html is newer than
 * every file under client/src and shared/src (and the client's index.html and vite config).
 * The server serves client/dist when it exists, so the browser tests run the real build.
 */
export function ensureClientBuilt(): void {
  if (process.env.E2E_CLIENT_DIR) {
    if (!existsSync(path.join(process.env.E2E_CLIENT_DIR, 'index.html'))) throw new Error(`E2E_CLIENT_DIR has no index.html: ${process.env.E2E_CLIENT_DIR}`);
    return;
  }
  const built = path.join(REPO_ROOT, 'client', 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(REPO_ROOT, 'client', 'src')),
    newestMtime(path.join(REPO_ROOT, 'shared', 'src')),
    statSync(path.join(REPO_ROOT, 'client', 'index.html')).mtimeMs,
    statSync(path.join(REPO_ROOT, 'client', 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  // vitest sets NODE_ENV=test, which would make vite build React's development bundle (and pick
  // packages' development exports): the tests check the production build the README describes.
  execFileSync('npm', ['run', 'build', '-w', 'client'], { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000 });
  if (!existsSync(built)) throw new Error('npm run build -w client did not produce client/dist/index.html');
}

/**
 * Environment for the server under test. Normally empty (the server serves client/dist); with
 * E2E_CLIENT_DIR set, the server serves that already-built client instead (e.g. a build of
 * another commit), and ensureClientBuilt() builds nothing.
 */
export function e2eServerEnv(): Record<string, string> {
  return process.env.E2E_CLIENT_DIR ? { MASH_CLIENT_DIR: path.resolve(process.env.E2E_CLIENT_DIR) } : {};
}

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A new context (its own cookies and localStorage: one person) on the server. */
export async function newUserContext(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    reducedMotion: 'reduce',
    ...options,
  });
  context.setDefaultTimeout(10_000);
  // Uncaught errors in the app, for failure messages (describePages).
  const errors: string[] = [];
  pageErrors.set(context, errors);
  context.on('page', (page) => {
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.stack ?? error.message}`.slice(0, 2_000)));
  });
  return context;
}

const pageErrors = new WeakMap<BrowserContext, string[]>();

/** Opens the app and signs in through the sign-in form; resolves once the header says who. */
export async function signInUI(page: Page, username: string, password = DEMO_PASSWORD, hash = '#/'): Promise<void> {
  await page.goto(`/${hash}`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A context and page for one person, signed in through the UI. */
export async function openAs(browser: Browser, baseUrl: string, username: string, options: BrowserContextOptions & { hash?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const { hash, ...contextOptions } = options;
  const context = await newUserContext(browser, baseUrl, contextOptions);
  const page = await context.newPage();
  await signInUI(page, username, DEMO_PASSWORD, hash);
  return { context, page };
}

/** The connection status in the header. */
export function connection(page: Page): Locator {
  return page.getByRole('status', { name: 'Connection' });
}

/**
 * Polls `check` (a condition on the page or the server) until it holds. For things Playwright's
 * locators cannot wait on themselves (REST state, element counts); never a fixed sleep.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not true after ${timeoutMs} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Waits until the locator's text matches; throws with the last text seen. The text is the DOM's
 * (textContent, whitespace collapsed), so CSS text-transform does not change it.
 */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
  let last = '';
  return eventually(
    `text of ${String(locator)} to match ${String(expected)}`,
    async () => {
      last = ((await locator.textContent({ timeout: 1_000 })) ?? '').replace(/\s+/g, ' ').trim();
      const ok = typeof expected === 'string' ? last.includes(expected) : expected.test(last);
      return ok ? last : (false as const);
    },
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}\nlast text: ${JSON.stringify(last)}`);
  });
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Each page of a context: its URL and what a screen reader would find (for failure messages). */
export async function describePages(context: BrowserContext): Promise<string> {
  const parts: string[] = [];
  for (const page of context.pages()) {
    let aria: string;
    try {
      aria = await page.locator('body').ariaSnapshot({ timeout: 2_000 });
    } catch (error) {
      aria = `(no snapshot: ${(error as Error).message})`;
    }
    parts.push(`===== page ${page.url()} =====\n${aria}`);
  }
  const errors = pageErrors.get(context) ?? [];
  if (errors.length) parts.push(`===== uncaught errors in the page =====\n${errors.join('\n')}`);
  return parts.join('\n');
}

/**
 * The digits to type into an <input type="date"> for a yyyy-mm-dd date. The order of its day,
 * month and year segments follows the browser's own locale (not the context's), so it is found
 * out once per context on a blank scratch page.
 */
export async function dateKeystrokes(context: BrowserContext, iso: string): Promise<string> {
  const scratch = await context.newPage();
  try {
    await scratch.setContent('<input id="d" type="date" aria-label="probe">');
    await scratch.focus('#d');
    await scratch.keyboard.type('01022003');
    const probe = await scratch.inputValue('#d');
    const [yyyy, mm, dd] = iso.split('-') as [string, string, string];
    if (probe === '2003-02-01') return `${dd}${mm}${yyyy}`; // day, month, year (en-GB)
    if (probe === '2003-01-02') return `${mm}${dd}${yyyy}`; // month, day, year (en-US)
    throw new Error(`unexpected date field order: typing 01022003 gave ${JSON.stringify(probe)}`);
  } finally {
    await scratch.close();
  }
}

/**
 * Per-file setup of a browser test: the client built before the server starts (it serves
 * client/dist), the world (useWorld), one Chromium, and every context opened through it closed
 * at the end. When a test fails, what its pages show is printed: those of the contexts opened
 * during the test, or with `dumpPages: 'all'` every context of the file.
 */
export function useBrowserWorld({ dumpPages = 'this test' }: { dumpPages?: 'this test' | 'all' } = {}) {
  beforeAll(() => ensureClientBuilt(), 180_000);
  const world = useWorld({ server: { env: e2eServerEnv() } });
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 120_000);

  beforeEach(({ onTestFailed }) => {
    const fromHere = dumpPages === 'all' ? 0 : contexts.length;
    onTestFailed(async () => {
      for (const context of contexts.slice(fromHere)) console.error(await describePages(context));
    });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
  });

  function started(): Browser {
    if (!browser) throw new Error('browser not started');
    return browser;
  }

  async function openInWorld(username: string, options: BrowserContextOptions & { hash?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await openAs(started(), world.current.baseUrl, username, options);
    contexts.push(opened.context);
    return opened;
  }

  return {
    world,
    /** A new context for one person (newUserContext), closed with the file. */
    newContext: async (options: BrowserContextOptions = {}): Promise<BrowserContext> => {
      const context = await newUserContext(started(), world.current.baseUrl, options);
      contexts.push(context);
      return context;
    },
    /** A context and page for one person, signed in through the UI (openAs), closed with the file. */
    openAs: openInWorld,
    /** Just the page of one person signed in through the UI, opened at `hash`. */
    person: async (username: string, hash = '#/'): Promise<Page> => (await openInWorld(username, { hash })).page,
  };
}
