/**
 * One shared clock for every live countdown. Components that show a relative time subscribe at a
 * period (1 s when the deadline is within the hour, 15 s otherwise); nothing else re-renders when
 * it ticks. One timer per period runs only while something listens to it.
 */
import { useCallback, useState, useSyncExternalStore } from 'react';

export const FAST_TICK_MS = 1_000;
export const SLOW_TICK_MS = 15_000;
const HOUR_MS = 3_600_000;

/** How often a countdown this far from its deadline needs to tick. */
export function periodFor(msToDue: number): number {
  return Math.abs(msToDue) > HOUR_MS ? SLOW_TICK_MS : FAST_TICK_MS;
}

export interface ClockDeps {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const browserDeps: ClockDeps = {
  now: () => Date.now(),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

interface Channel {
  now: number;
  listeners: Set<() => void>;
  handle: unknown;
}

export class Clock {
  private readonly channels = new Map<number, Channel>();
  constructor(private readonly deps: ClockDeps = browserDeps) {}

  private channel(period: number): Channel {
    let c = this.channels.get(period);
    if (!c) {
      c = { now: this.deps.now(), listeners: new Set(), handle: null };
      this.channels.set(period, c);
    }
    return c;
  }

  /** The time of the last tick at this period: stable between ticks (a useSyncExternalStore snapshot). */
  snapshot(period: number): number {
    return this.channel(period).now;
  }

  /** Listen to ticks at this period; the timer starts with the first listener and stops with the last. */
  subscribe(period: number, listener: () => void): () => void {
    const c = this.channel(period);
    c.listeners.add(listener);
    if (c.handle === null) {
      c.now = this.deps.now();
      c.handle = this.deps.setInterval(() => {
        const started = typeof performance === 'undefined' ? 0 : performance.now();
        c.now = this.deps.now();
        for (const l of [...c.listeners]) l();
        measureTick(started, period, c.listeners.size);
      }, period);
    }
    return () => {
      c.listeners.delete(listener);
      if (c.listeners.size === 0 && c.handle !== null) {
        this.deps.clearInterval(c.handle);
        c.handle = null;
        this.channels.delete(period);
      }
    };
  }

  /** How many timers run now (for tests). */
  activeTimers(): number {
    let n = 0;
    for (const c of this.channels.values()) if (c.handle !== null) n += 1;
    return n;
  }
}

/**
 * A tick's main-thread cost, for `npm run bench client`: the listeners and the re-render React
 * flushes after them in a microtask (a microtask queued after the listeners runs after React's), so
 * neither other tasks nor the wait for the next one are counted. A `mash:clock-tick` measure in the
 * page's performance timeline.
 */
function measureTick(started: number, period: number, listeners: number): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function' || typeof queueMicrotask !== 'function') return;
  queueMicrotask(() => {
    try {
      performance.measure('mash:clock-tick', { start: started, end: performance.now(), detail: { period, listeners } });
    } catch {
      /* a timeline without user timing: nothing to record */
    }
  });
}

export const clock = new Clock();

/** Now (ms), refreshed every `period` ms; only the calling component re-renders on a tick. */
export function useNow(period: number, source: Clock = clock): number {
  const subscribe = useCallback((l: () => void) => source.subscribe(period, l), [source, period]);
  const snapshot = useCallback(() => source.snapshot(period), [source, period]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** Now (ms) for a countdown to `dueMs`: ticks every second within the hour, every 15 s beyond it. */
export function useCountdownNow(dueMs: number, source: Clock = clock): number {
  const [period, setPeriod] = useState(() => periodFor(dueMs - Date.now()));
  const now = useNow(period, source);
  const wanted = periodFor(dueMs - now);
  if (wanted !== period) setPeriod(wanted);
  return now;
}

/** Field-by-field equality of two readings (strings, numbers, booleans). */
export function sameReading<T extends object>(a: T, b: T): boolean {
  for (const key of Object.keys(a) as (keyof T)[]) if (!Object.is(a[key], b[key])) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/** Hands back the last value it was given while each new one is equal to it. */
function rememberingLast<T>(): (value: T, isEqual: (a: T, b: T) => boolean) => T {
  let last: { value: T } | null = null;
  return (value, isEqual) => {
    if (last !== null && isEqual(last.value, value)) return last.value;
    last = { value };
    return value;
  };
}

/**
 * What the clock makes a component show, read on every tick at `period`; the component re-renders
 * only when the reading changes (by `isEqual`), so a tick that changes no words costs no render:
 * "in 3 h 52 min" changes once a minute, not on each of its four 15 s ticks.
 * `read` must depend only on `now` and the component's props.
 */
export function useClockReading<T>(period: number, read: (now: number) => T, isEqual: (a: T, b: T) => boolean, source: Clock = clock): T {
  const subscribe = useCallback((l: () => void) => source.subscribe(period, l), [source, period]);
  // React compares snapshots with Object.is: an equal reading is handed back as the very same value.
  const [remember] = useState(rememberingLast<T>);
  const snapshot = () => remember(read(source.snapshot(period)), isEqual);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * What a countdown to `dueMs` shows: read every second within the hour and every 15 s beyond it,
 * re-rendering only when the reading changes (or the countdown moves to the other period).
 */
export function useCountdown<T extends object>(dueMs: number, read: (now: number) => T, source: Clock = clock): T {
  const [period, setPeriod] = useState(() => periodFor(dueMs - Date.now()));
  const reading = useClockReading(
    period,
    (now) => ({ period: periodFor(dueMs - now), shown: read(now) }),
    (a, b) => a.period === b.period && sameReading(a.shown, b.shown),
    source,
  );
  if (reading.period !== period) setPeriod(reading.period);
  return reading.shown;
}
