import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { createElement } from 'react';
import { Clock, FAST_TICK_MS, periodFor, SLOW_TICK_MS, useCountdown, useCountdownNow, type ClockDeps } from './clock.ts';

/** A clock whose time and timers the test moves by hand. */
function fakeDeps(start = 1_000_000) {
  let now = start;
  const timers = new Map<number, { fn: () => void; ms: number; next: number }>();
  let seq = 0;
  const deps: ClockDeps = {
    now: () => now,
    setInterval: (fn, ms) => {
      const id = ++seq;
      timers.set(id, { fn, ms, next: now + ms });
      return id;
    },
    clearInterval: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.values()].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      now = due.next;
      due.next += due.ms;
      due.fn();
    }
    now = end;
  };
  return { deps, advance, timers };
}

describe('periodFor', () => {
  it('ticks every second within the hour and every 15 s beyond it, either side of the deadline', () => {
    expect(periodFor(59 * 60_000)).toBe(FAST_TICK_MS);
    expect(periodFor(-59 * 60_000)).toBe(FAST_TICK_MS);
    expect(periodFor(3_600_000)).toBe(FAST_TICK_MS);
    expect(periodFor(3_600_001)).toBe(SLOW_TICK_MS);
    expect(periodFor(-2 * 3_600_000)).toBe(SLOW_TICK_MS);
  });
});

describe('Clock', () => {
  it('keeps a stable snapshot between ticks and refreshes it on each tick', () => {
    const { deps, advance } = fakeDeps();
    const clock = new Clock(deps);
    const seen: number[] = [];
    const stop = clock.subscribe(1000, () => seen.push(clock.snapshot(1000)));
    const first = clock.snapshot(1000);
    advance(400);
    expect(clock.snapshot(1000)).toBe(first);
    advance(600);
    expect(seen).toEqual([first + 1000]);
    advance(2000);
    expect(seen).toEqual([first + 1000, first + 2000, first + 3000]);
    stop();
  });

  it('runs one timer per period, only while something listens', () => {
    const { deps, advance, timers } = fakeDeps();
    const clock = new Clock(deps);
    expect(clock.activeTimers()).toBe(0);
    let fast = 0;
    let slow = 0;
    const a = clock.subscribe(1000, () => fast++);
    const b = clock.subscribe(1000, () => fast++);
    const c = clock.subscribe(15_000, () => slow++);
    expect(timers.size).toBe(2);
    advance(15_000);
    expect(fast).toBe(30); // two listeners × 15 ticks
    expect(slow).toBe(1);
    a();
    expect(clock.activeTimers()).toBe(2);
    b();
    expect(clock.activeTimers()).toBe(1);
    c();
    expect(clock.activeTimers()).toBe(0);
    advance(60_000);
    expect(fast).toBe(30);
  });

  it('re-reads the time when a period starts again after a pause', () => {
    const { deps, advance } = fakeDeps(0);
    const clock = new Clock(deps);
    const stop = clock.subscribe(1000, () => {});
    stop();
    advance(50_000);
    clock.subscribe(1000, () => {});
    expect(clock.snapshot(1000)).toBe(50_000);
  });
});

describe('useCountdownNow', () => {
  it('re-renders only the countdown, and switches to 1 s ticks when the deadline comes within the hour', () => {
    const { deps, advance } = fakeDeps(0);
    const clock = new Clock(deps);
    const due = 3_600_000 + 30_000; // 1 h 0 min 30 s away
    let renders = 0;
    function Probe() {
      renders++;
      const now = useCountdownNow(due, clock);
      return createElement('span', null, String(now));
    }
    // The hook starts from the real clock for its first period; use a fake "now" by making due relative to Date.now().
    const realNow = Date.now;
    Date.now = () => deps.now();
    try {
      const view = render(createElement(Probe));
      const start = renders;
      act(() => advance(15_000)); // slow tick
      expect(renders).toBe(start + 1);
      act(() => advance(15_000)); // now 30 s: exactly 1 h left → switches to fast
      const afterSwitch = renders;
      for (let i = 0; i < 3; i++) act(() => advance(1_000));
      expect(renders - afterSwitch).toBe(3);
      expect(view.container.textContent).toBe(String(deps.now()));
      view.unmount();
      expect(clock.activeTimers()).toBe(0);
    } finally {
      Date.now = realNow;
    }
  });
});

describe('useCountdown', () => {
  it('re-renders only when what it shows changes, and moves to 1 s ticks within the hour', () => {
    const { deps, advance } = fakeDeps(0);
    const clock = new Clock(deps);
    const due = 2 * 3_600_000 + 40_000; // 2 h 0 min 40 s away
    let renders = 0;
    function Probe() {
      renders++;
      const { minutes } = useCountdown(due, (now) => ({ minutes: Math.floor((due - now) / 60_000) }), clock);
      return createElement('span', null, `${minutes} min`);
    }
    const realNow = Date.now;
    Date.now = () => deps.now();
    try {
      const view = render(createElement(Probe));
      expect(view.container.textContent).toBe('120 min');
      const start = renders;
      act(() => advance(30_000)); // two 15 s ticks: still 120 min left, no render
      expect(renders).toBe(start);
      act(() => advance(15_000)); // 119 min 55 s: the words change once
      expect(renders).toBe(start + 1);
      expect(view.container.textContent).toBe('119 min');
      act(() => advance(3 * 15_000));
      expect(renders).toBe(start + 1);
      act(() => advance(60 * 60_000)); // within the hour: on 1 s ticks, still one render a minute
      expect(view.container.textContent).toBe('59 min');
      const withinHour = renders;
      for (let i = 0; i < 30; i++) act(() => advance(1_000));
      expect(renders - withinHour).toBeLessThanOrEqual(1);
      expect(clock.activeTimers()).toBe(1);
      view.unmount();
      expect(clock.activeTimers()).toBe(0);
    } finally {
      Date.now = realNow;
    }
  });
});
