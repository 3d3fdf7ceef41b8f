import { describe, expect, it } from 'vitest';
import { deadlineStanding, idOfDeadline, nextTimeLeftChange, standingText, timeLeftWords } from './deadlines.ts';

const due = '2026-11-21T12:00:00Z';
const NOW_BEFORE = Date.parse('2026-11-21T11:00:00Z');
const NOW_AFTER = Date.parse('2026-11-21T13:00:00Z');

describe('deadlineStanding', () => {
  it('says awaited, overdue, answered on time or late', () => {
    expect(standingText('information-request', deadlineStanding({ state: 'open', dueAt: due }, NOW_BEFORE))).toBe('Awaited');
    expect(standingText('information-request', deadlineStanding({ state: 'open', dueAt: due }, NOW_AFTER))).toBe('Overdue');
    expect(standingText('information-request', deadlineStanding({ state: 'done', dueAt: due, doneAt: '2026-11-21T11:59:00Z' }, NOW_AFTER))).toBe('Answered on time');
    expect(standingText('information-request', deadlineStanding({ state: 'done', dueAt: due, doneAt: '2026-11-21T12:01:00Z' }, NOW_AFTER))).toBe('Answered late');
    expect(standingText('action', deadlineStanding({ state: 'cancelled', dueAt: due }, NOW_AFTER))).toBe('Cancelled');
  });
  it('takes the id a command needs from a deadline id', () => {
    expect(idOfDeadline('request:abc-1')).toBe('abc-1');
    expect(idOfDeadline('strategy')).toBe('strategy');
  });
});

describe('nextTimeLeftChange', () => {
  it('is the moment the words change: never earlier, and the words then differ, either side of the deadline', () => {
    const dueMs = Date.parse(due);
    for (const offset of [-3 * 3_600_000 - 17_321, -61_000, -60_000, -59_999, -1, 0, 1, 59_999, 60_000, 3_599_999, 86_400_000 - 5]) {
      const now = dueMs + offset;
      const next = nextTimeLeftChange(dueMs, now);
      expect(next).toBeGreaterThan(now);
      expect(next - now).toBeLessThanOrEqual(60_000);
      expect(timeLeftWords(dueMs, next - 1)).toBe(timeLeftWords(dueMs, now));
      expect(timeLeftWords(dueMs, next)).not.toBe(timeLeftWords(dueMs, now));
    }
  });
});
