import { describe, expect, it } from 'vitest';
import { deadlineStanding, idOfDeadline, standingText } from './deadlines.ts';

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
