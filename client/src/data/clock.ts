/**
 * One shared clock for everything on screen that changes with time: countdowns, "5 min ago", the
 * dashboard's order. A reading says what it shows now AND the first moment it can show something
 * else ("in 3 h 52 min" changes only when due − now crosses a whole minute); the clock wakes it
 * then and never in between, on the next whole second: nothing it shows counts seconds, so words
 * under a second late are not wrong, and a screen of countdowns whose minutes end at different
 * milliseconds re-renders (and the browser lays the page out again) at most once a second rather
 * than at each of their moments. Readings woken in the same second share one timer and one
 * re-render, and a timer runs only while something waits for its second. Browsers throttle a
 * background tab's timers and a sleeping laptop's stop, so when the page is visible again every
 * reading whose moment has passed is read at once.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';

export interface ClockDeps {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Calls `fn` each time the page becomes visible again; returns how to stop. */
  onVisible(fn: () => void): () => void;
}

/** The longest delay a browser timer keeps (about 24.8 days): a later moment is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const SECOND_MS = 1_000;

/** The whole second (epoch ms) at or just after `moment`: when the clock wakes what waits for it. */
function onTheSecond(moment: number): number {
  return Math.ceil(moment / SECOND_MS) * SECOND_MS;
}

const browserDeps: ClockDeps = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  onVisible: (fn) => {
    if (typeof document === 'undefined') return () => {};
    const onChange = () => {
      if (document.visibilityState === 'visible') fn();
    };
    document.addEventListener('visibilitychange', onChange);
    // Back from the back/forward cache: the page was frozen, visible or not.
    addEventListener('pageshow', fn);
    return () => {
      document.removeEventListener('visibilitychange', onChange);
      removeEventListener('pageshow', fn);
    };
  },
};

/** Woken at its moment; says whether what it shows changed (for the tick's measure). */
type Sleeper = () => boolean;

interface Moment {
  sleepers: Set<Sleeper>;
  timer: unknown;
}

export class Clock {
  /** What waits, by the whole second it is woken at. */
  private readonly moments = new Map<number, Moment>();
  private stopWatchingVisibility: (() => void) | null = null;
  constructor(private readonly deps: ClockDeps = browserDeps) {}

  now(): number {
    return this.deps.now();
  }

  /** Wake `sleeper` on the whole second at or after `moment` (epoch ms; not finite: never). One timer per second; returns how to cancel. */
  at(moment: number, sleeper: Sleeper): () => void {
    if (!Number.isFinite(moment)) return () => {};
    const second = onTheSecond(moment);
    let m = this.moments.get(second);
    if (!m) {
      m = { sleepers: new Set(), timer: null };
      this.moments.set(second, m);
      this.arm(second, m);
      this.stopWatchingVisibility ??= this.deps.onVisible(() => this.wakeOverdue());
    }
    const mine = m;
    mine.sleepers.add(sleeper);
    return () => {
      mine.sleepers.delete(sleeper);
      if (mine.sleepers.size === 0 && this.moments.get(second) === mine) {
        this.deps.clearTimeout(mine.timer);
        this.moments.delete(second);
        this.stopWhenIdle();
      }
    };
  }

  /** How many timers run now (for tests). */
  activeTimers(): number {
    return this.moments.size;
  }

  private arm(moment: number, m: Moment): void {
    const wait = Math.min(Math.max(0, moment - this.deps.now()), MAX_TIMER_MS);
    m.timer = this.deps.setTimeout(() => this.reached(moment, m), wait);
  }

  /** A timer ran: wake its sleepers, unless it ran early (a step of a long wait, or a coarse timer). */
  private reached(moment: number, m: Moment): void {
    if (this.deps.now() < moment) return this.arm(moment, m);
    const started = tickStart();
    measureTick(started, this.wake(moment, m));
  }

  /** The page is visible again: wake at once everything whose moment passed while timers were held back, and re-arm the rest. */
  private wakeOverdue(): void {
    const started = tickStart();
    const now = this.deps.now();
    const due = [...this.moments].sort(([a], [b]) => a - b);
    let woken = { sleepers: 0, changed: 0 };
    for (const [moment, m] of due) {
      if (this.moments.get(moment) !== m) continue; // cancelled by a reading woken before it
      this.deps.clearTimeout(m.timer);
      if (moment > now) this.arm(moment, m);
      else {
        const w = this.wake(moment, m);
        woken = { sleepers: woken.sleepers + w.sleepers, changed: woken.changed + w.changed };
      }
    }
    if (woken.sleepers) measureTick(started, woken);
  }

  private wake(moment: number, m: Moment): { sleepers: number; changed: number } {
    this.moments.delete(moment);
    const sleepers = [...m.sleepers];
    let changed = 0;
    for (const sleeper of sleepers) if (sleeper()) changed += 1;
    this.stopWhenIdle();
    return { sleepers: sleepers.length, changed };
  }

  /** Nothing waits any more: stop listening for the page's return too. */
  private stopWhenIdle(): void {
    if (this.moments.size === 0 && this.stopWatchingVisibility) {
      this.stopWatchingVisibility();
      this.stopWatchingVisibility = null;
    }
  }
}

const tickStart = () => (typeof performance === 'undefined' ? 0 : performance.now());

/**
 * A tick's main-thread cost, for `npm run bench client`: the readings woken and the re-render React
 * flushes after them in a microtask (a microtask queued after the readings' runs after React's), so
 * neither other tasks nor the wait for the next one are counted. A `mash:clock-tick` measure in the
 * page's performance timeline; its detail: how many readings were woken and how many changed.
 */
function measureTick(started: number, detail: { sleepers: number; changed: number }): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function' || typeof queueMicrotask !== 'function') return;
  queueMicrotask(() => {
    try {
      performance.measure('mash:clock-tick', { start: started, end: performance.now(), detail });
    } catch {
      /* a timeline without user timing: nothing to record */
    }
  });
}

export const clock = new Clock();

/** What a component shows at a time, and the first moment after that time at which it can show something else (Infinity: never). */
export interface Reading<T> {
  shown: T;
  changesAt: number;
}

/** One component's reading, as a store for useSyncExternalStore: a snapshot that stays the same value while equal. */
class ClockReading<T> {
  private last: { shown: T } | null = null;
  /** When it was last read and when it can next change: React asks for the snapshot several times in one tick. */
  private readAt = Number.NaN;
  private changesAt = Number.NaN;
  constructor(
    private readonly source: Clock,
    private readonly read: (now: number) => Reading<T>,
    private readonly isEqual: (a: T, b: T) => boolean,
  ) {}

  /** Reads at `now`, keeping the last value while the new one is equal (React compares snapshots with Object.is); returns when to read again. */
  private take(now: number): number {
    if (now === this.readAt) return this.changesAt;
    const { shown, changesAt } = this.read(now);
    if (this.last === null || !this.isEqual(this.last.shown, shown)) this.last = { shown };
    this.readAt = now;
    this.changesAt = Math.max(changesAt, now + 1); // a reading that claims to change now is read again a millisecond on, not in a loop
    return this.changesAt;
  }

  readonly snapshot = (): T => {
    this.take(this.source.now());
    return this.last!.shown;
  };

  readonly subscribe = (onChange: () => void): (() => void) => {
    let cancel = () => {};
    const sleep = (until: number) => (cancel = this.source.at(until, wake));
    const wake = () => {
      const before = this.last;
      sleep(this.take(this.source.now()));
      if (this.last === before) return false;
      onChange();
      return true;
    };
    sleep(this.take(this.source.now()));
    return () => cancel();
  };
}

/**
 * What the clock makes a component show: `read(now)` gives it and when it can next change, and the
 * component re-renders only then, and only if the reading differs (by `isEqual`). `read` must
 * depend only on `now` and the component's props, and be memoised on those (useCallback): a new
 * `read` is a new reading.
 */
export function useClockReading<T>(read: (now: number) => Reading<T>, isEqual: (a: T, b: T) => boolean, source: Clock = clock): T {
  const reading = useMemo(() => new ClockReading(source, read, isEqual), [source, read, isEqual]);
  return useSyncExternalStore(reading.subscribe, reading.snapshot, reading.snapshot);
}

/**
 * Words the clock changes (a countdown's "in 1 h 20 min"), written into their element when they
 * change rather than re-rendered: when hundreds of deadlines on a dashboard cross a minute in the
 * same second, a React re-render of each costs the tick about 50 µs, writing a text a few. Render
 * `<span ref={ref}>{text}</span>` (the text its only child); `read` as for useClockReading.
 */
export function useClockText(read: (now: number) => Reading<string>, source: Clock = clock): { ref: RefObject<HTMLSpanElement | null>; text: string } {
  const ref = useRef<HTMLSpanElement>(null);
  const text = useMemo(() => read(source.now()).shown, [read, source]);
  useEffect(() => {
    // Not ClockReading.subscribe: that reads the words once to wake and again for the snapshot (a
    // tick of 400 countdowns measured 6.6 ms through it, 3.3 ms this way, though on a busier run).
    let cancel = () => {};
    const wake = (): boolean => {
      const now = source.now();
      const { shown, changesAt } = read(now);
      const element = ref.current;
      const changed = element !== null && element.textContent !== shown;
      if (changed) element.textContent = shown;
      cancel = source.at(Math.max(changesAt, now + 1), wake);
      return changed;
    };
    wake(); // the words may have changed between the render and now
    return () => cancel();
  }, [read, source]);
  return { ref, text };
}

/** Whether the time is past `moment` (epoch ms); re-renders once, just after it. */
export function usePast(moment: number, source: Clock = clock): boolean {
  const read = useMemo(() => (now: number) => ({ shown: now > moment, changesAt: now > moment ? Infinity : moment + 1 }), [moment]);
  return useClockReading(read, Object.is, source);
}

/** Field-by-field equality of two readings (strings, numbers, booleans). */
export function sameReading<T extends object>(a: T, b: T): boolean {
  for (const key of Object.keys(a) as (keyof T)[]) if (!Object.is(a[key], b[key])) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/** The earliest of these moments that is after `now` (Infinity when none is). */
export function firstAfter(now: number, moments: Iterable<number>): number {
  let first = Infinity;
  for (const m of moments) if (m > now && m < first) first = m;
  return first;
}
