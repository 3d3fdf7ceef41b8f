/**
 * `npm run bench client`: is the app fast on a slow council laptop and a phone?
 *
 * Builds the client (production build), starts one redis-server and one server with the demo data,
 * then adds, through real sockets as the duty lead would, one case of `--contributions` (1,000)
 * contributions (and, after Lighthouse, twice `--open` (200) more open rated cases for the dashboard). Then:
 *   1. Lighthouse 12 (Debian's Chromium) on sign-in, the dashboard, the case list, a demo case's
 *      board, its chronology and a meeting room, in the mobile profile (Lighthouse's default: a
 *      mid-range phone, slow 4G, 4x CPU slow-down) and the desktop profile: performance and
 *      accessibility scores, first and largest contentful paint, total blocking time, the
 *      JavaScript the page loaded (compressed, as sent) and how much of it went unused, and
 *      Lighthouse's CPU index of the machine at that run (its BenchmarkIndex);
 *   2. in Chromium through playwright-core, unthrottled (the desktop profile's CPU):
 *      - the long case: navigation to every contribution rendered (the median of BROWSER_RUNS
 *        (5) fresh navigations), and the long tasks while scrolling it from top to bottom;
 *      - catch-up: a board (of a case of its own each run, so every run catches up the same)
 *        goes offline, `--missed` (1,000) events are added, it comes back: time to the last one
 *        on screen from the network's return (the browser's `online` event: what the person waits
 *        from, so the socket's reconnect delay counts) and, to see the client's own part, from
 *        the socket's reconnect (`mash:connected` mark); the median of BROWSER_RUNS runs;
 *      - the server's catch-up read of 1,000 events (`case.catch-up` round trip on loopback);
 *      - countdowns: the dashboard for a whole minute (every countdown's words change once a
 *        minute), each clock tick's main-thread cost (`mash:clock-tick` measures: the tick, the
 *        readings it wakes and React's re-render; how many readings changed) and the renderer's
 *        main-thread CPU over the minute (Chrome trace: the ticks, and the style, layout and paint
 *        that follow each, which the tick's measure does not include) in two cases:
 *        "same minute", `--open` Red cases received at the same instant, so all their deadlines
 *        are the same and every countdown changes in one tick (the worst case), and "spread",
 *        `--open` Amber cases received over the last 23 hours as contacts arrive through a day.
 * The machine's load average (os.loadavg()) is printed as the timings start and end: on a busy
 * machine every wall-clock figure grows, so each is printed with its runs.
 * Prints a table beside the figures the issue gives for the single-bundle app, and writes
 * bench-results/client-<timestamp>.json and bench-results/client-latest.json.
 *
 * Options: --contributions=1000 (10..5000) --missed=1000 (10..1000) --open=200 (0..1000)
 *          --runs=1 (Lighthouse runs per page and profile; the median is reported, 1..5)
 *          --skip-lighthouse (only the browser timings)
 *          --pages=case board,sign-in (Lighthouse on these pages only; by default all six)
 *          --baseline-client=DIR (a client built from another commit, e.g. main before a change:
 *            Lighthouse runs on it too, each run right after this build's on the same page and
 *            profile, and the long case and catch-up are measured again, BROWSER_RUNS rounds alternating
 *            this build and that one, each served by its own server on the same Redis, so both meet
 *            the same load, and each case's countdown minute on this build, then on that one)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse, { type Flags, type RunnerResult } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import type { Page } from 'playwright-core';
import { CATCH_UP_PAGE, type Ack, type CatchUpResult, type CommandResult } from '@mashboard/shared';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchBrowser } from '../support/chromium.ts';
import { command, connectSocket, rawEmit, rest, signIn, type MashSocket, type Session } from '../support/clients.ts';
import { factPayload, openCasePayload } from '../support/fixtures.ts';
import { startRedis } from '../support/redis.ts';
import { REPO_ROOT, startServer } from '../support/server.ts';
import { writeBenchResults } from './results.ts';

function option(name: string, fallback: number, min: number, max: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = flag ? Number(flag.split('=')[1]) : fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}
const OPTS = {
  contributions: option('contributions', 1_000, 10, 5_000),
  missed: option('missed', 1_000, 10, CATCH_UP_PAGE),
  open: option('open', 200, 0, 1_000),
  runs: option('runs', 1, 1, 5),
  lighthouse: !process.argv.includes('--skip-lighthouse'),
  pages:
    process.argv
      .find((a) => a.startsWith('--pages='))
      ?.slice('--pages='.length)
      .split(',') ?? null,
  baselineClient: process.argv.find((a) => a.startsWith('--baseline-client='))?.slice('--baseline-client='.length) ?? null,
};

/** How many times each browser timing (the long case, catch-up) is taken: the median is reported, beside every run. */
const BROWSER_RUNS = 5;

/** The cards a long list draws before the rest (FIRST_SCREEN_ENTRIES in client/src/board/ContributionList.tsx): its first screen. */
const FIRST_SCREEN_ENTRIES = 30;

/** What Lighthouse 12 gave the single 740 KB bundle (the issue's table), to compare against. */
const BEFORE: Record<string, { performance: number; accessibility: number; fcpMs: number; lcpMs: number; tbtMs: number; unusedJsKiB: number }> = {
  'sign-in desktop': { performance: 97, accessibility: 100, fcpMs: 1000, lcpMs: 1000, tbtMs: 50, unusedJsKiB: 552 },
  'case board desktop': { performance: 96, accessibility: 100, fcpMs: 900, lcpMs: 1200, tbtMs: 70, unusedJsKiB: 484 },
  'case board mobile': { performance: 47, accessibility: 100, fcpMs: 4800, lcpMs: 5700, tbtMs: 870, unusedJsKiB: 476 },
};
const TARGETS = { mobilePerformance: 90, desktopPerformance: 98, signInJsKiB: 80, boardJsKiB: 150, longCaseOpenMs: 1000, catchUpMs: 300, serverCatchUpMs: 50, tickMs: 4 };

const HOUR_MS = 3_600_000;

/** A minute of the dashboard's clock ticks. */
interface CountdownMinute {
  cases: number;
  ticks: number;
  tickMs: { median: number; max: number };
  /** All the ticks' cost together over the minute. */
  minuteMs: number;
  /**
   * The renderer's main-thread CPU over the minute (Chrome trace), all of it: the ticks, and the
   * style, layout and paint of the frame each change brings (which the tick's measure ends before),
   * and of those, the rendering alone.
   */
  mainThread: { cpuMs: number; renderingMs: number };
  woken: { median: number; max: number };
  changed?: { median: number; max: number; total: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] ?? NaN;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
/** The load average over 1, 5 and 15 minutes, as `uptime` prints it. */
const loadAverage = () => os.loadavg().map((x) => round(x, 2));
const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Sends commands over several sockets of one user, each kept under the per-socket rate limit
 * (LIMITS.socketEventsPerSecond), in order per socket.
 */
async function sendPaced<T>(sockets: MashSocket[], items: readonly T[], send: (socket: MashSocket, item: T) => Promise<unknown>): Promise<void> {
  const gapMs = 60; // under 20 a second per socket
  await Promise.all(
    sockets.map(async (socket, s) => {
      for (let i = s; i < items.length; i += sockets.length) {
        const started = Date.now();
        await send(socket, items[i]!);
        const wait = gapMs - (Date.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
}

interface PageFigures {
  page: string;
  profile: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  /**
   * Cumulative Layout Shift: how far what was drawn moved as the page loaded. A quarter of the score;
   * at 0.25 (the page pushed down by a banner drawn after it) that quarter is about half lost.
   */
  cls: number;
  /** JavaScript transferred (compressed) while loading the page. */
  jsKiB: number;
  unusedJsKiB: number;
  /**
   * Lighthouse's measure of this machine's CPU at the time of the run (its BenchmarkIndex: higher is
   * faster). The mobile profile multiplies the main thread's observed time by 4 whatever the CPU, so
   * on a slower or busier machine (a lower index) the same page scores lower.
   */
  cpuIndex: number;
}

/** Every Lighthouse report of the run, whole, to study: bench-results/lighthouse/<page>-<profile>-<build>-<run>.json. */
const REPORTS_DIR = path.join(REPO_ROOT, 'bench-results', 'lighthouse');

async function runLighthouse(url: string, profile: 'mobile' | 'desktop', cookie: string | null, port: number, reportName: string): Promise<PageFigures> {
  const flags: Flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    // Signed in by the session cookie; the app's own storage starts empty each run.
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  // Lighthouse sometimes misses the trace's start (NO_NAVSTART) and asks to be run again: up to 3 tries.
  let result: RunnerResult | undefined;
  for (let attempt = 1; ; attempt++) {
    result = await lighthouse(url, flags, profile === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    if (!result.lhr.runtimeError) break;
    if (attempt === 3) throw new Error(`Lighthouse could not load ${url}: ${result.lhr.runtimeError.message}`);
  }
  const { lhr } = result;
  mkdirSync(REPORTS_DIR, { recursive: true });
  writeFileSync(path.join(REPORTS_DIR, `${reportName.replace(/[^a-z0-9-]+/gi, '-')}.json`), JSON.stringify(lhr));
  const audit = (id: string) => lhr.audits[id];
  const requests = (audit('network-requests')?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
  const jsBytes = requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  const unused = (audit('unused-javascript')?.details as { overallSavingsBytes?: number } | undefined)?.overallSavingsBytes ?? 0;
  return {
    page: '',
    profile,
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcpMs: Math.round(audit('first-contentful-paint')?.numericValue ?? NaN),
    lcpMs: Math.round(audit('largest-contentful-paint')?.numericValue ?? NaN),
    tbtMs: Math.round(audit('total-blocking-time')?.numericValue ?? NaN),
    cls: Math.round((audit('cumulative-layout-shift')?.numericValue ?? NaN) * 1000) / 1000,
    jsKiB: round(jsBytes / 1024),
    unusedJsKiB: round(unused / 1024),
    cpuIndex: Math.round(lhr.environment.benchmarkIndex),
  };
}

/** The median run by performance score (its other figures come with it). */
function medianRun(runs: PageFigures[]): PageFigures {
  return [...runs].sort((a, b) => a.performance - b.performance)[Math.floor((runs.length - 1) / 2)]!;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  log(`Building the client (production)…`);
  execFileSync('npm', ['run', 'build', '-w', 'client'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

  const redis = await startRedis();
  const server = await startServer({ redisUrl: redis.url, demo: true });
  const base = server.baseUrl;
  const sockets: MashSocket[] = [];
  try {
    let lead: Session = await signIn(base, 'lead.hughes');
    for (let i = 0; i < 10; i++) sockets.push(await connectSocket(base, lead));
    let first = sockets[0]!;

    // The long case, and the open cases for the dashboard.
    log(`Seeding a case of ${OPTS.contributions} contributions and ${OPTS.open} open cases…`);
    const longCase = await command(first, 'case.open', openCasePayload({ reasonForConcern: 'Benchmark: a long-running case with many contributions.' }));
    const longCaseId = longCase.caseId;
    const texts = Array.from({ length: OPTS.contributions }, (_, i) => i);
    await sendPaced(sockets, texts, (socket, i) =>
      command(socket, 'contribution.add', factPayload(longCaseId, { text: `Contribution ${i + 1}: the agency's records of a contact with the family, in a sentence or two of detail.` })),
    );

    const openList = (await rest(base, lead).get<{ cases: { id: string; reference: string }[] }>('/api/cases')).body.cases;
    const demoCase = openList.find((c) => c.id !== longCaseId) ?? openList[0]!;
    // Today's triage meeting, with the demo case on its agenda, for the meeting room.
    const scheduled = await rawEmit<Ack<{ meetingId: string }>>(first, 'meeting.schedule', {
      commandId: `bench-meeting-${Date.now()}`,
      kind: 'triage',
      title: 'MASH daily triage',
      scheduledFor: new Date(Date.now() + 3_600_000).toISOString(),
      agenda: [demoCase.id, longCaseId],
    });
    if (!scheduled.ok) throw new Error(`meeting.schedule refused: ${JSON.stringify(scheduled.error)}`);
    const meetings = [{ id: scheduled.result.meetingId }];

    // 1. Lighthouse.
    const pages: { name: string; hash: string; signedIn: boolean }[] = [
      { name: 'sign-in', hash: '#/', signedIn: false },
      { name: 'dashboard', hash: '#/dashboard', signedIn: true },
      { name: 'case list', hash: '#/cases', signedIn: true },
      { name: 'case board', hash: `#/cases/${demoCase.id}`, signedIn: true },
      { name: 'chronology', hash: `#/cases/${demoCase.id}/chronology`, signedIn: true },
      ...(meetings[0] ? [{ name: 'meeting room', hash: `#/meetings/${meetings[0].id}`, signedIn: true }] : []),
    ].filter((p) => !OPTS.pages || OPTS.pages.includes(p.name));
    const unknownPages = OPTS.pages?.filter((name) => !pages.some((p) => p.name === name)) ?? [];
    if (unknownPages.length) throw new Error(`--pages: no page named ${unknownPages.join(', ')} (sign-in, dashboard, case list, case board, chronology, meeting room)`);
    const lighthouseFigures: PageFigures[] = [];
    const lighthouseBaseline: PageFigures[] = [];
    if (OPTS.lighthouse) {
      const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS] });
      // With --baseline-client, its server (same Redis, so the same session) is measured right after this one, run by run.
      const baselineServer = OPTS.baselineClient ? await startServer({ redisUrl: redis.url, demo: false, env: { MASH_CLIENT_DIR: path.resolve(OPTS.baselineClient) } }) : null;
      const describe = (f: PageFigures) =>
        `performance ${f.performance}, accessibility ${f.accessibility}, FCP ${f.fcpMs} ms, LCP ${f.lcpMs} ms, TBT ${f.tbtMs} ms, CLS ${f.cls}, JS ${f.jsKiB} KiB (unused ${f.unusedJsKiB} KiB), CPU index ${f.cpuIndex}`;
      try {
        for (const p of pages) {
          for (const profile of ['mobile', 'desktop'] as const) {
            const runs: PageFigures[] = [];
            const baselineRuns: PageFigures[] = [];
            // A query of its own makes each a full page load (a new hash alone would not navigate).
            const address = `/?page=${encodeURIComponent(p.name)}&profile=${profile}${p.hash}`;
            for (let r = 0; r < OPTS.runs; r++) {
              runs.push(await runLighthouse(`${base}${address}`, profile, p.signedIn ? lead.cookie : null, chrome.port, `${p.name}-${profile}-this-${r + 1}`));
              if (baselineServer)
                baselineRuns.push(await runLighthouse(`${baselineServer.baseUrl}${address}`, profile, p.signedIn ? lead.cookie : null, chrome.port, `${p.name}-${profile}-baseline-${r + 1}`));
            }
            const figures = { ...medianRun(runs), page: p.name };
            lighthouseFigures.push(figures);
            log(`  ${p.name.padEnd(13)} ${profile.padEnd(8)} ${describe(figures)}`);
            if (baselineServer) {
              const before = { ...medianRun(baselineRuns), page: p.name };
              lighthouseBaseline.push(before);
              log(`  ${''.padEnd(13)} ${'baseline'.padEnd(8)} ${describe(before)}`);
            }
          }
        }
      } finally {
        chrome.kill();
        await baselineServer?.stop();
      }
    }

    // Lighthouse may run for longer than a session may sit idle (30 min) while its work holds this
    // process: a fresh session and sockets for what follows (the old sockets' commands timed out).
    if (OPTS.lighthouse) {
      for (const s of sockets.splice(0)) s.close();
      lead = await signIn(base, 'lead.hughes');
      for (let i = 0; i < 10; i++) sockets.push(await connectSocket(base, lead));
      first = sockets[0]!;
    }

    // The open cases for the countdowns, after Lighthouse (which measures the demo data as it is).
    // Deadlines run from when the MASH received the contact: one instant for all the Red ones (their
    // words all change in the same tick), the Amber ones received evenly over the last 23 hours.
    log(`Seeding ${OPTS.open} open Red cases received at the same instant and ${OPTS.open} Amber ones received over the last 23 hours…`);
    const seededAt = Date.now();
    const receipts = [
      ...Array.from({ length: OPTS.open }, () => ({ rating: 'red' as const, receivedAt: seededAt - HOUR_MS })),
      // Evenly over the hours, and at any second of a minute (golden-ratio steps): whole steps of the
      // 22 hours alone would put all of them on a few seconds of the minute.
      ...Array.from({ length: OPTS.open }, (_, i) => ({
        rating: 'amber' as const,
        receivedAt: seededAt - HOUR_MS - Math.round(((i + 0.5) / OPTS.open) * 22 * HOUR_MS) - Math.round(((i * 0.618034) % 1) * 60_000),
      })),
    ];
    const opened: { rating: 'red' | 'amber'; c: CommandResult }[] = [];
    await sendPaced(sockets, receipts, async (socket, r) => {
      opened.push({ rating: r.rating, c: await command(socket, 'case.open', openCasePayload({ receivedAt: new Date(r.receivedAt).toISOString() })) });
    });
    await sendPaced(sockets, opened, (socket, { rating, c }) =>
      command(socket, 'rating.set', { commandId: `rate-${c.caseId}`, caseId: c.caseId, expectedVersion: c.version, rating, reason: 'Benchmark rating.' }),
    );

    // 2. Timings in Chromium (playwright-core), unthrottled.
    const loadAtStart = loadAverage();
    log(`Browser timings: load average ${loadAtStart.join(', ')} (1, 5, 15 min)…`);
    const browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1350, height: 940 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const [name, value] = lead.cookie.split(';')[0]!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    // When the network comes back, in every page: the start of the catch-up figure.
    await context.addInitScript(() => addEventListener('online', () => performance.mark('bench:online')));
    const page = await context.newPage();
    const entries = (p: Page) => p.locator('li[data-entry-id]').count();
    /** Just after a catch-up: ms since the network came back and since the socket reconnected. */
    const sinceReconnect = (p: Page) =>
      p.evaluate(() => {
        const now = performance.now();
        const online = performance.getEntriesByName('bench:online').at(-1);
        const connected = performance.getEntriesByName('mash:connected').at(-1);
        return { fromOnlineMs: now - (online?.startTime ?? NaN), fromConnectMs: now - (connected?.startTime ?? NaN) };
      });

    // 2a. The long case: open it (fresh navigation) until every contribution is on screen.
    const openMs: number[] = [];
    // And when its first screen is readable: the first FIRST_SCREEN_ENTRIES cards (what the list draws before the rest).
    const firstScreenMs: number[] = [];
    for (let i = 0; i < BROWSER_RUNS; i++) {
      await page.goto('about:blank');
      await page.goto(`/#/cases/${longCaseId}`);
      await page.waitForFunction((n) => document.querySelectorAll('li[data-entry-id]').length >= n, Math.min(FIRST_SCREEN_ENTRIES, OPTS.contributions), {
        timeout: 60_000,
        polling: 'raf',
      });
      firstScreenMs.push(await page.evaluate(() => performance.now()));
      await page.waitForFunction((n) => document.querySelectorAll('li[data-entry-id]').length >= n, OPTS.contributions, { timeout: 60_000 });
      openMs.push(await page.evaluate(() => performance.now()));
    }
    const rendered = await entries(page);
    // Scroll it from top to bottom, a screen at a time, and sum the long tasks.
    await page.evaluate(() => {
      (window as unknown as { longTasks: number[] }).longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const scrollStarted = Date.now();
    for (;;) {
      const atEnd = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 0.9);
        return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      });
      await page.waitForTimeout(16);
      if (atEnd || Date.now() - scrollStarted > 60_000) break;
    }
    await page.waitForTimeout(200);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);

    // 2b. Catch-up after being offline while `missed` events were added, each run on a case of its
    // own (so every run catches up the same case size), on this build or (2e) the baseline's.
    const catchUp = async (url: string) => {
      const fresh = await command(first, 'case.open', openCasePayload());
      await page.goto(`${url}/#/cases/${fresh.caseId}`);
      await page.waitForSelector('.contributions');
      const lastSeen = (await rest(base, lead).view(fresh.caseId)).summary.lastEventId;
      await context.setOffline(true);
      await page
        .waitForFunction(() => document.querySelector('[role="status"][aria-label="Connection"]')?.textContent?.match(/offline|reconnect|connecting/i) !== null, undefined, { timeout: 30_000 })
        .catch(() => undefined);
      await sendPaced(
        sockets,
        Array.from({ length: OPTS.missed }, (_, i) => i),
        (socket, i) => command(socket, 'contribution.add', factPayload(fresh.caseId, { text: `Added while the board was offline: ${i + 1}.` })),
      );
      await context.setOffline(false);
      await page.waitForFunction((n) => document.querySelectorAll('li[data-entry-id]').length >= n, OPTS.missed, { timeout: 60_000 });
      return { ...(await sinceReconnect(page)), caseId: fresh.caseId, lastSeen };
    };
    const caughtUp: Awaited<ReturnType<typeof catchUp>>[] = [];
    for (let i = 0; i < BROWSER_RUNS; i++) caughtUp.push(await catchUp(base));

    // 2c. The server's catch-up read of `missed` events (round trip on loopback), 50 samples, from
    // where the last catch-up's board went offline.
    const { caseId: caughtUpCaseId, lastSeen: from } = caughtUp.at(-1)!;
    const serverMs: number[] = [];
    for (let i = 0; i < 55; i++) {
      const t0 = performance.now();
      const ack = await rawEmit<Ack<CatchUpResult>>(first, 'case.catch-up', { caseId: caughtUpCaseId, afterEventId: from });
      const t = performance.now() - t0;
      if (!ack.ok || ack.result.events.length < OPTS.missed) throw new Error(`catch-up read returned ${ack.ok ? ack.result.events.length : JSON.stringify(ack.error)}`);
      if (i >= 5) serverMs.push(t);
    }

    // 2e. With --baseline-client: the long case and catch-up on this build and the baseline's in turn.
    type Runs = Record<'current' | 'baseline', number[]>;
    let baseline: { dir: string; longCaseOpenMs: Runs; catchUpMs: Runs; catchUpFromConnectMs: Runs; longCaseOpenCpuMs: Runs; catchUpCpuMs: Runs } | null = null;
    /**
     * The renderer's main-thread CPU time while `run` runs (the Chrome trace's thread durations of
     * its top-level tasks): unlike wall-clock time, it does not grow when the machine is busy.
     */
    const mainThreadCpuMs = async <T>(run: () => Promise<T>): Promise<{ value: T; cpuMs: number; renderingMs: number }> => {
      await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      const value = await run();
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[] };
      const mains = new Set(trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
      const onMain = trace.traceEvents.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
      const cpuOf = (names: string[]) => round(onMain.filter((e) => names.includes(e.name)).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000);
      return { value, cpuMs: cpuOf(['RunTask', 'ThreadControllerImpl::RunTask']), renderingMs: cpuOf(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']) };
    };
    if (OPTS.baselineClient) {
      const dir = path.resolve(OPTS.baselineClient);
      log(`Alternating this build and the baseline (${dir})…`);
      const other = await startServer({ redisUrl: redis.url, demo: false, env: { MASH_CLIENT_DIR: dir } });
      const builds = { current: base, baseline: other.baseUrl };
      const open = async (url: string) => {
        await page.goto('about:blank');
        await page.goto(`${url}/#/cases/${longCaseId}`);
        await page.waitForFunction((n) => document.querySelectorAll('li[data-entry-id]').length >= n, OPTS.contributions, { timeout: 60_000 });
        return page.evaluate(() => performance.now());
      };
      try {
        baseline = {
          dir,
          longCaseOpenMs: { current: [], baseline: [] },
          catchUpMs: { current: [], baseline: [] },
          catchUpFromConnectMs: { current: [], baseline: [] },
          longCaseOpenCpuMs: { current: [], baseline: [] },
          catchUpCpuMs: { current: [], baseline: [] },
        };
        for (let turn = 0; turn < BROWSER_RUNS; turn++) {
          const order = turn % 2 === 0 ? (['current', 'baseline'] as const) : (['baseline', 'current'] as const);
          for (const which of order) {
            const opened = await mainThreadCpuMs(() => open(builds[which]));
            baseline.longCaseOpenMs[which].push(round(opened.value));
            baseline.longCaseOpenCpuMs[which].push(opened.cpuMs);
            const caught = await mainThreadCpuMs(() => catchUp(builds[which]));
            baseline.catchUpMs[which].push(round(caught.value.fromOnlineMs));
            baseline.catchUpFromConnectMs[which].push(round(caught.value.fromConnectMs));
            baseline.catchUpCpuMs[which].push(caught.cpuMs);
          }
        }
      } finally {
        await other.stop();
      }
    }
    const loadAtEnd = loadAverage();

    // 2d. Countdown ticks on the dashboard, a whole minute of each case (and with --baseline-client, of each build, one after the other).
    const countdownMinute = async (url: string): Promise<CountdownMinute> => {
      await page.goto('about:blank');
      await page.goto(url);
      await page.waitForSelector('.case-link');
      const {
        cpuMs,
        renderingMs,
        value: from,
      } = await mainThreadCpuMs(async () => {
        const started = await page.evaluate(() => performance.now());
        await page.waitForTimeout(60_000);
        return started;
      });
      // The ticks that started in that minute (stopping the trace takes seconds on a busy machine).
      // This build's detail: readings woken and changed; an older build's: its period and listeners.
      const ticks = await page.evaluate(
        (minute) =>
          performance
            .getEntriesByName('mash:clock-tick')
            .filter((m) => m.startTime >= minute.from && m.startTime < minute.from + 60_000)
            .map((m) => ({ ms: m.duration, ...((m as PerformanceMeasure).detail as { sleepers?: number; changed?: number; listeners?: number }) })),
        { from },
      );
      const ms = ticks.map((t) => t.ms);
      const changed = ticks.map((t) => t.changed ?? NaN).filter(Number.isFinite);
      const woken = ticks.map((t) => t.sleepers ?? t.listeners ?? 0);
      return {
        cases: await page.locator('.case-link').count(),
        ticks: ticks.length,
        tickMs: { median: round(median(ms), 2), max: round(Math.max(0, ...ms), 2) },
        minuteMs: round(
          ms.reduce((a, b) => a + b, 0),
          1,
        ),
        mainThread: { cpuMs, renderingMs },
        woken: { median: median(woken), max: Math.max(0, ...woken) },
        ...(changed.length ? { changed: { median: median(changed), max: Math.max(...changed), total: changed.reduce((a, b) => a + b, 0) } } : {}),
      };
    };
    const countdownLoad = { start: loadAverage(), end: [] as number[] };
    const scenarios = { sameMinute: '/#/dashboard?rating=red', spread: '/#/dashboard?rating=amber' };
    const countdowns = {} as Record<keyof typeof scenarios, { current: CountdownMinute; baseline?: CountdownMinute }>;
    // Each case's minute on this build, then straight after on the baseline's, so both meet much the same load.
    const other = OPTS.baselineClient ? await startServer({ redisUrl: redis.url, demo: false, env: { MASH_CLIENT_DIR: path.resolve(OPTS.baselineClient) } }) : null;
    try {
      for (const key of ['sameMinute', 'spread'] as const) {
        countdowns[key] = { current: await countdownMinute(`${base}${scenarios[key]}`) };
        if (other) countdowns[key].baseline = await countdownMinute(`${other.baseUrl}${scenarios[key]}`);
      }
    } finally {
      await other?.stop();
    }
    countdownLoad.end = loadAverage();
    await browser.close();
    const results = {
      startedAt: startedAt.toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, chromium: CHROMIUM_PATH },
      options: OPTS,
      targets: TARGETS,
      before: BEFORE,
      lighthouse: lighthouseFigures,
      ...(lighthouseBaseline.length ? { lighthouseBaseline } : {}),
      longCase: {
        contributions: OPTS.contributions,
        rendered,
        openMs: { runs: openMs.map((x) => round(x)), median: round(median(openMs)) },
        firstScreenMs: { runs: firstScreenMs.map((x) => round(x)), median: round(median(firstScreenMs)) },
        scroll: { longTasks: longTasks.length, longTaskMsTotal: round(longTasks.reduce((a, b) => a + b, 0)), longestMs: round(Math.max(0, ...longTasks)) },
      },
      catchUp: {
        missed: OPTS.missed,
        networkBackToCurrentMs: { runs: caughtUp.map((c) => round(c.fromOnlineMs)), median: round(median(caughtUp.map((c) => c.fromOnlineMs))) },
        reconnectToCurrentMs: { runs: caughtUp.map((c) => round(c.fromConnectMs)), median: round(median(caughtUp.map((c) => c.fromConnectMs))) },
        serverReadMs: { median: round(median(serverMs), 2), p99: round(p99(serverMs), 2) },
      },
      ...(baseline ? { baseline } : {}),
      /** The load average (1, 5, 15 min) as the long case and catch-up timings started and ended. */
      loadAverage: { start: loadAtStart, end: loadAtEnd },
      /** With the load average (1, 5, 15 min) as the countdowns' minutes started and ended. */
      countdowns: { ...countdowns, loadAverage: countdownLoad },
    };

    log('');
    log('Lighthouse (median of --runs), against the single-bundle figures where the issue gives them:');
    log('| page | profile | performance | accessibility | FCP | LCP | TBT | CLS | JS loaded (gzip) | unused JS | CPU index | before (perf / FCP / LCP / TBT / unused) |');
    log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const f of lighthouseFigures) {
      const b = BEFORE[`${f.page} ${f.profile}`];
      log(
        `| ${f.page} | ${f.profile} | ${f.performance} | ${f.accessibility} | ${f.fcpMs} ms | ${f.lcpMs} ms | ${f.tbtMs} ms | ${f.cls} | ${f.jsKiB} KiB | ${f.unusedJsKiB} KiB | ${f.cpuIndex} | ${b ? `${b.performance} / ${b.fcpMs} / ${b.lcpMs} / ${b.tbtMs} ms / ${b.unusedJsKiB} KiB` : ''} |`,
      );
    }
    if (lighthouseBaseline.length) {
      log('');
      log(`The baseline build (${OPTS.baselineClient}) in the same run, each right after this build on the same page and profile:`);
      log('| page | profile | baseline: performance / FCP / LCP / TBT / CLS / JS | this build: performance / FCP / LCP / TBT / CLS / JS | CPU index (baseline / this) |');
      log('|---|---|---|---|---|');
      const figures = (f: PageFigures) => `${f.performance} / ${f.fcpMs} ms / ${f.lcpMs} ms / ${f.tbtMs} ms / ${f.cls} / ${f.jsKiB} KiB`;
      lighthouseBaseline.forEach((f, i) => {
        const now = lighthouseFigures[i]!;
        log(`| ${f.page} | ${f.profile} | ${figures(f)} | ${figures(now)} | ${f.cpuIndex} / ${now.cpuIndex} |`);
      });
    }
    log('');
    log(`Load average (1, 5, 15 min): ${loadAtStart.join(', ')} as the long case and catch-up timings started, ${loadAtEnd.join(', ')} as they ended`);
    log(
      `Long case (${rendered} contributions on screen): every one on screen in ${results.longCase.openMs.median} ms (median of ${BROWSER_RUNS}: ${results.longCase.openMs.runs.join(', ')}; target < ${TARGETS.longCaseOpenMs} ms), its first ${FIRST_SCREEN_ENTRIES} in ${results.longCase.firstScreenMs.median} ms (${results.longCase.firstScreenMs.runs.join(', ')}); scrolling it: ${results.longCase.scroll.longTasks} long tasks, ${results.longCase.scroll.longTaskMsTotal} ms in all, longest ${results.longCase.scroll.longestMs} ms`,
    );
    log(
      `Catch-up: ${OPTS.missed} missed events current ${results.catchUp.networkBackToCurrentMs.median} ms after the network came back (median of ${BROWSER_RUNS}: ${results.catchUp.networkBackToCurrentMs.runs.join(', ')}; target ${TARGETS.catchUpMs} ms), ${results.catchUp.reconnectToCurrentMs.median} ms after the socket reconnected (${results.catchUp.reconnectToCurrentMs.runs.join(', ')}); server read median ${results.catchUp.serverReadMs.median} ms, p99 ${results.catchUp.serverReadMs.p99} ms (target ${TARGETS.serverCatchUpMs} ms)`,
    );
    const describeMinute = (m: CountdownMinute) =>
      `${m.cases} cases, ${m.ticks} ticks in the minute: tick median ${m.tickMs.median} ms, max ${m.tickMs.max} ms, ${m.minuteMs} ms in all; main-thread CPU in the minute ${m.mainThread.cpuMs} ms, of which style, layout and paint ${m.mainThread.renderingMs} ms; readings woken per tick median ${m.woken.median}, max ${m.woken.max}` +
      (m.changed ? `; changed per tick median ${m.changed.median}, max ${m.changed.max} (${m.changed.total} in the minute)` : '');
    log(
      `Countdowns on the dashboard, a minute each (target: a tick under ${TARGETS.tickMs} ms; load average ${countdownLoad.start.join(', ')} at the start, ${countdownLoad.end.join(', ')} at the end):`,
    );
    for (const [key, label] of [
      ['sameMinute', 'all deadlines in the same minute'],
      ['spread', 'contacts received over the day'],
    ] as const) {
      log(`  ${label}: ${describeMinute(countdowns[key].current)}`);
      const before = countdowns[key].baseline;
      if (before) log(`  ${''.padEnd(label.length)}  baseline build: ${describeMinute(before)}`);
    }
    if (baseline) {
      log(`Against the baseline build (${baseline.dir}), alternating, ${BROWSER_RUNS} runs each, median:`);
      log(
        `  long case open: this build ${median(baseline.longCaseOpenMs.current)} ms (${baseline.longCaseOpenMs.current.join(', ')}), baseline ${median(baseline.longCaseOpenMs.baseline)} ms (${baseline.longCaseOpenMs.baseline.join(', ')})`,
      );
      log(
        `  catch-up of ${OPTS.missed}, from the network's return: this build ${median(baseline.catchUpMs.current)} ms (${baseline.catchUpMs.current.join(', ')}), baseline ${median(baseline.catchUpMs.baseline)} ms (${baseline.catchUpMs.baseline.join(', ')})`,
      );
      log(
        `  the same from the socket's reconnect: this build ${median(baseline.catchUpFromConnectMs.current)} ms (${baseline.catchUpFromConnectMs.current.join(', ')}), baseline ${median(baseline.catchUpFromConnectMs.baseline)} ms (${baseline.catchUpFromConnectMs.baseline.join(', ')})`,
      );
      log(
        `  main-thread CPU, long case open: this build ${median(baseline.longCaseOpenCpuMs.current)} ms (${baseline.longCaseOpenCpuMs.current.join(', ')}), baseline ${median(baseline.longCaseOpenCpuMs.baseline)} ms (${baseline.longCaseOpenCpuMs.baseline.join(', ')})`,
      );
      log(
        `  main-thread CPU, catch-up (incl. the offline wait): this build ${median(baseline.catchUpCpuMs.current)} ms (${baseline.catchUpCpuMs.current.join(', ')}), baseline ${median(baseline.catchUpCpuMs.baseline)} ms (${baseline.catchUpCpuMs.baseline.join(', ')})`,
      );
    }
    log(`Written: bench-results/${writeBenchResults('client', startedAt, results)}`);
  } finally {
    for (const s of sockets) s.close();
    await server.stop();
    await redis.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
