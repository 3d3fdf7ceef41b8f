import { describe, expect, it } from 'vitest';
import { filterBoardEntries } from './board-filter.ts';
import type { ContributionContent, ContributionEntry } from './contributions.ts';

const actor = (agency: string) => ({ userId: `u-${agency}`, name: `Someone from ${agency}`, agency, role: 'practitioner' as const });

function entry(id: string, agency: string, content: Partial<ContributionContent> = {}): ContributionEntry {
  const full: ContributionContent = {
    text: `text ${id}`,
    kind: 'fact',
    timeframe: 'current',
    happened: { precision: 'unknown' },
    source: 'agency-records',
    childIds: [],
    ...content,
  };
  return {
    kind: 'contribution',
    id,
    caseId: 'c1',
    agency,
    author: actor(agency),
    recordedAt: '2026-11-29T10:00:00Z',
    restrictedTo: [],
    versions: [{ version: 1, content: full, recordedAt: '2026-11-29T10:00:00Z', recordedBy: actor(agency) }],
  };
}

const withheld: ContributionEntry = {
  kind: 'contribution',
  id: 'secret',
  caseId: 'c1',
  agency: 'police',
  author: actor('police'),
  recordedAt: '2026-11-29T10:00:00Z',
  restrictedTo: ['police'],
  withheld: true,
  versions: [],
};

const board = [
  entry('police-fact', 'police', { childIds: ['amy'] }),
  entry('health-opinion', 'health', { kind: 'opinion', basis: 'two visits', personIds: ['dad'] }),
  entry('school-historic', 'education', { timeframe: 'historic', relevance: 'pattern', childIds: ['ben'] }),
  entry('whole-case', 'health'),
  withheld,
];
const ids = (list: ContributionEntry[]) => list.map((e) => e.id);

describe('filtering the board', () => {
  it('shows everything with no filter', () => {
    expect(ids(filterBoardEntries(board, {}))).toEqual(['police-fact', 'health-opinion', 'school-historic', 'whole-case', 'secret']);
  });

  it('by agency, withheld entries included (their agency is known)', () => {
    expect(ids(filterBoardEntries(board, { agencies: ['police'] }))).toEqual(['police-fact', 'secret']);
  });

  it('by fact or opinion and by current or historic; a withheld entry cannot be judged, so it is left out', () => {
    expect(ids(filterBoardEntries(board, { kinds: ['opinion'] }))).toEqual(['health-opinion']);
    expect(ids(filterBoardEntries(board, { timeframes: ['historic'] }))).toEqual(['school-historic']);
  });

  it('by child: entries about that child and about the whole case', () => {
    expect(ids(filterBoardEntries(board, { childIds: ['amy'] }))).toEqual(['police-fact', 'health-opinion', 'whole-case']);
  });

  it('by person: only entries that name them', () => {
    expect(ids(filterBoardEntries(board, { personIds: ['dad'] }))).toEqual(['health-opinion']);
  });
});
