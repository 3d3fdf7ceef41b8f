import { describe, expect, it } from 'vitest';
import type { CaseSummary, Deadline } from '@mashboard/shared';
import { percentile, timelinessReport } from './report.ts';

const hour = 3_600_000;
const t0 = Date.parse('2026-11-02T09:00:00Z');
const at = (h: number) => new Date(t0 + h * hour).toISOString();

function deadline(partial: Partial<Deadline> & Pick<Deadline, 'id' | 'kind'>): Deadline {
  return { label: partial.id, startedAt: at(0), warnAt: null, dueAt: at(4), generation: 1, state: 'open', ...partial };
}

function caseWith(deadlines: Deadline[]): CaseSummary {
  return { deadlines } as unknown as CaseSummary;
}

describe('timeliness report', () => {
  it('counts triage decisions met and breached per rating, with median and 90th percentile hours to decision', () => {
    const cases = [
      caseWith([deadline({ id: 'triage', kind: 'triage', rating: 'red', state: 'done', doneAt: at(2) })]),
      caseWith([deadline({ id: 'triage', kind: 'triage', rating: 'red', state: 'done', doneAt: at(3) })]),
      caseWith([deadline({ id: 'triage', kind: 'triage', rating: 'red', state: 'done', doneAt: at(6) })]),
      caseWith([deadline({ id: 'triage', kind: 'triage', rating: 'amber', dueAt: at(24) })]),
    ];
    const report = timelinessReport(cases, new Date(at(-1)), new Date(at(1)), new Date(at(10)));
    expect(report.byRating.red).toEqual({ met: 2, breached: 1, pending: 0, medianHours: 3, p90Hours: 6 });
    expect(report.byRating.amber).toEqual({ met: 0, breached: 0, pending: 1, medianHours: null, p90Hours: null });
  });

  it('counts an open deadline past its due time as breached', () => {
    const report = timelinessReport([caseWith([deadline({ id: 'request:a', kind: 'information-request', agency: 'health', dueAt: at(2) })])], new Date(at(-1)), new Date(at(1)), new Date(at(3)));
    expect(report.byAgency.health).toMatchObject({ breached: 1, pending: 0 });
  });

  it('leaves out cancelled deadlines and those started outside the period', () => {
    const report = timelinessReport(
      [caseWith([deadline({ id: 'triage', kind: 'triage', rating: 'green', state: 'cancelled' })]), caseWith([deadline({ id: 'triage', kind: 'triage', rating: 'green', startedAt: at(48) })])],
      new Date(at(-1)),
      new Date(at(1)),
    );
    expect(report.byRating).toEqual({});
  });

  it('percentile uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([], 50)).toBeNull();
  });
});
