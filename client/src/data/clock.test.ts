import { describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/react';
import { createElement, useCallback } from 'react';
import { Clock, firstAfter, useClockText, usePast, type ClockDeps } from './clock.ts';
import { nextTimeLeftChange, timeLeftWords } from './deadlines.ts';

const MINUTE = 60_000;

/**
 * A clock whose time and timers the test moves by hand. `advance` runs the timers due on the way, as
 * a visible page does; `sleep` moves the time without running them (a background tab, a laptop lid
 * shut) and `show` is the page becoming visible again.
 */
function fakeDeps(start = 1_000_000) {
  let now = start;
  const timers = new Map<number, { fn: () => void; at: number }>();
  const onVisible = new Set<() => void>();
  let seq = 0;
  /** How many timers have run: the clock's ticks. */
  let fired = 0;
  const deps: ClockDeps = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      timers.set(id, { fn, at: now + ms });
      return id;
    },
    clearTimeout: (h) => void timers.delete(h as number),
    onVisible: (fn) => {
      onVisible.add(fn);
      return () => void onVisible.delete(fn);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const [id, due] = [...timers].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
      if (!due) break;
      timers.delete(id!);
      now = due.at;
      fired++;
      due.fn();
    }
    now = end;
  };
  const sleep = (ms: number) => void (now += ms);
  const show = () => [...onVisible].forEach((fn) => fn());
  return { deps, advance, sleep, show, timers, onVisible, now: () => now, fired: () => fired };
}

/** How many times the probes rendered. */
let renders = 0;

/** A countdown's words, read as the board's TimeLeft reads them, on the test's clock. */
function TimeLeftProbe({ due, source }: { due: number; source: Clock }) {
  renders++;
  const read = useCallback((now: number) => ({ shown: timeLeftWords(due, now), changesAt: nextTimeLeftChange(due, now) }), [due]);
  const { ref, text } = useClockText(read, source);
  return createElement('span', { ref }, text);
}

describe('Clock', () => {
  it('runs one timer per second waited for, wakes its sleepers then, and stops it with the last one', () => {
    const { deps, advance, timers, now } = fakeDeps(0);
    const clock = new Clock(deps);
    const woken: string[] = [];
    const a = clock.at(5_000, () => woken.push('a') > 0);
    const b = clock.at(5_000, () => woken.push('b') > 0);
    const c = clock.at(9_000, () => woken.push('c') > 0);
    expect(timers.size).toBe(2);
    advance(4_999);
    expect(woken).toEqual([]);
    advance(1);
    expect(woken).toEqual(['a', 'b']);
    expect(now()).toBe(5_000);
    expect(clock.activeTimers()).toBe(1);
    c();
    expect(clock.activeTimers()).toBe(0);
    expect(timers.size).toBe(0);
    advance(60_000);
    expect(woken).toEqual(['a', 'b']);
    a();
    b();

    const d = clock.at(20_000, () => woken.push('d') > 0);
    const e = clock.at(20_000, () => woken.push('e') > 0);
    d();
    expect(clock.activeTimers()).toBe(1);
    e();
    expect(timers.size).toBe(0);
  });

  it('waits for a moment further off than a browser timer can in steps, and wakes it on time', () => {
    const { deps, advance, now } = fakeDeps(0);
    const clock = new Clock(deps);
    const inSixtyDays = 60 * 86_400_000;
    const woken: number[] = [];
    clock.at(inSixtyDays, () => woken.push(now()) > 0);
    advance(inSixtyDays - 1);
    expect(woken).toEqual([]);
    advance(1);
    expect(woken).toEqual([inSixtyDays]);
  });

  it('wakes on the whole second at or after a moment, and moments within one second share its timer', () => {
    const { deps, advance, timers, now } = fakeDeps(0);
    const clock = new Clock(deps);
    const woken: [string, number][] = [];
    clock.at(4_001, () => woken.push(['a', now()]) > 0);
    clock.at(4_999, () => woken.push(['b', now()]) > 0);
    clock.at(5_000, () => woken.push(['c', now()]) > 0);
    clock.at(5_001, () => woken.push(['d', now()]) > 0);
    expect(timers.size).toBe(2);
    advance(4_999);
    expect(woken).toEqual([]);
    advance(1);
    expect(woken).toEqual([
      ['a', 5_000],
      ['b', 5_000],
      ['c', 5_000],
    ]);
    advance(1_000);
    expect(woken.at(-1)).toEqual(['d', 6_000]);
  });

  it('listens for the page coming back only while something waits', () => {
    const { deps, onVisible } = fakeDeps();
    const clock = new Clock(deps);
    expect(onVisible.size).toBe(0);
    const stop = clock.at(deps.now() + MINUTE, () => false);
    expect(onVisible.size).toBe(1);
    stop();
    expect(onVisible.size).toBe(0);
  });
});

describe('a countdown on the shared clock', () => {
  it('changes its words on the whole second after its minute ends, without a re-render', () => {
    const { deps, advance } = fakeDeps(0);
    const clock = new Clock(deps);
    const due = 2 * MINUTE + 30_250; // not on a whole second
    const view = render(createElement(TimeLeftProbe, { due, source: clock }));
    expect(view.container.textContent).toBe('in 2 min');
    const start = renders;
    act(() => advance(30_250)); // exactly 2 min left: still "in 2 min"
    expect(view.container.textContent).toBe('in 2 min');
    act(() => advance(749)); // under 2 min left, but not yet the next second
    expect(view.container.textContent).toBe('in 2 min');
    expect(renders).toBe(start);
    act(() => advance(1)); // 31 s: the second after the minute ended
    expect(view.container.textContent).toBe('in 1 min');
    act(() => advance(MINUTE - 1)); // a millisecond before 91 s
    expect(view.container.textContent).toBe('in 1 min');
    act(() => advance(1));
    expect(view.container.textContent).toBe('due now');
    act(() => advance(MINUTE - 1)); // the deadline (150.25 s) has passed, the second after it has not come
    expect(view.container.textContent).toBe('due now');
    act(() => advance(1));
    expect(view.container.textContent).toBe('overdue by less than a minute');
    act(() => advance(MINUTE));
    expect(view.container.textContent).toBe('overdue by 1 min');
    expect(renders).toBe(start); // the words were written into their element; React drew nothing again
    expect(clock.activeTimers()).toBe(1);
    view.unmount();
    expect(clock.activeTimers()).toBe(0);
  });

  it('wakes a screen of countdowns at most once a second, however their deadlines fall within it', () => {
    const { deps, advance, fired } = fakeDeps(0);
    const clock = new Clock(deps);
    // 240 deadlines, one every 250 ms of a minute: their words change at 240 different moments.
    const dues = Array.from({ length: 240 }, (_, i) => 10 * MINUTE + i * 250 + 1);
    const view = render(createElement('div', null, ...dues.map((due) => createElement(TimeLeftProbe, { key: due, due, source: clock }))));
    expect(clock.activeTimers()).toBe(60);
    const start = renders;
    act(() => advance(MINUTE));
    expect(fired()).toBe(60);
    expect(view.container.textContent).toBe('in 9 min'.repeat(240)); // each countdown's words, in the second its minute ended
    expect(renders).toBe(start);
    view.unmount();
  });

  it('shares one timer and one tick among countdowns whose minutes end in the same second, one per second', () => {
    const { deps, advance, timers, fired } = fakeDeps(0);
    const clock = new Clock(deps);
    // Two deadlines a whole number of minutes apart change their words together, and so does one
    // 400 ms later (within the same second); one 20 s later, apart.
    const dues = [10 * MINUTE, 70 * MINUTE, 10 * MINUTE + 400, 10 * MINUTE + 20_000];
    const view = render(createElement('div', null, ...dues.map((due) => createElement(TimeLeftProbe, { key: due, due, source: clock }))));
    expect(clock.activeTimers()).toBe(2);
    expect(timers.size).toBe(2);
    const start = renders;
    act(() => advance(MINUTE));
    expect(fired()).toBe(2);
    expect(view.container.textContent).toBe('in 9 minin 1 h 9 minin 9 minin 9 min');
    expect(renders).toBe(start);
    expect(clock.activeTimers()).toBe(2);
    view.unmount();
    expect(timers.size).toBe(0);
  });

  it('reads again as soon as the page is visible after its timers were held back', () => {
    const { deps, sleep, show, timers } = fakeDeps(0);
    const clock = new Clock(deps);
    const view = render(createElement(TimeLeftProbe, { due: 30 * MINUTE, source: clock }));
    expect(view.container.textContent).toBe('in 30 min');
    act(() => sleep(12 * MINUTE + 5_000)); // the lid shut: no timer ran
    expect(view.container.textContent).toBe('in 30 min');
    act(() => show());
    expect(view.container.textContent).toBe('in 17 min');
    // and waits again for its next minute, from the time it is now
    expect([...timers.values()].map((t) => t.at)).toEqual([13 * MINUTE + 1_000]);
    view.unmount();
  });

  it('re-arms what is still to come when the page is visible again, so a stopped timer does not make it late', () => {
    const { deps, sleep, show, advance, timers } = fakeDeps(0);
    const clock = new Clock(deps);
    function Probe() {
      return createElement('span', null, usePast(5 * MINUTE, clock) ? 'overdue' : 'open');
    }
    const view = render(createElement(Probe));
    act(() => sleep(2 * MINUTE));
    act(() => show());
    expect([...timers.values()].map((t) => t.at)).toEqual([5 * MINUTE + 1_000]);
    act(() => advance(3 * MINUTE + 999));
    expect(view.container.textContent).toBe('open');
    act(() => advance(1));
    expect(view.container.textContent).toBe('overdue');
    expect(clock.activeTimers()).toBe(0); // past for good: nothing left to wait for
    view.unmount();
  });
});

describe('firstAfter', () => {
  it('is the earliest moment after now, ignoring the past and missing ones', () => {
    expect(firstAfter(100, [50, 300, Number.NaN, 200, 100])).toBe(200);
    expect(firstAfter(100, [50])).toBe(Infinity);
  });
});
