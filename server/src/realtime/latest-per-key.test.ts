import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestPerKey } from './latest-per-key.ts';

describe('LatestPerKey: the newest value per key, at most once per window', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first value at once and, of a burst, only the last when the window ends', () => {
    const sent: string[] = [];
    const latest = new LatestPerKey<string>(200, (v) => sent.push(v));
    latest.offer('case-1', 'v1');
    latest.offer('case-1', 'v2');
    latest.offer('case-1', 'v3');
    expect(sent).toEqual(['v1']);
    vi.advanceTimersByTime(200);
    expect(sent).toEqual(['v1', 'v3']);
  });

  it('keeps keys apart, and a quiet key sends at once again after its window', () => {
    const sent: string[] = [];
    const latest = new LatestPerKey<string>(200, (v) => sent.push(v));
    latest.offer('a', 'a1');
    latest.offer('b', 'b1');
    vi.advanceTimersByTime(200); // nothing waiting: both windows close
    vi.advanceTimersByTime(200);
    latest.offer('a', 'a2');
    expect(sent).toEqual(['a1', 'b1', 'a2']);
  });

  it('a burst straddling windows still ends on the newest value', () => {
    const sent: number[] = [];
    const latest = new LatestPerKey<number>(100, (v) => sent.push(v));
    for (let i = 1; i <= 25; i++) {
      latest.offer('k', i);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(500);
    expect(sent[0]).toBe(1);
    expect(sent.at(-1)).toBe(25);
    expect(sent.length).toBeLessThanOrEqual(5);
  });

  it('flush sends what is waiting and clears the timers', () => {
    const sent: string[] = [];
    const latest = new LatestPerKey<string>(200, (v) => sent.push(v));
    latest.offer('k', 'v1');
    latest.offer('k', 'v2');
    latest.flush();
    expect(sent).toEqual(['v1', 'v2']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
