import { describe, expect, it } from 'vitest';
import { ageInYears, childVoiceRuleIssues, contributionRuleIssues, happenedRuleIssues } from './rules.ts';

const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe('contribution rules: fact or opinion', () => {
  it('accepts a fact with no basis', () => {
    expect(contributionRuleIssues({ kind: 'fact', timeframe: 'current', happened: { precision: 'unknown' } })).toEqual([]);
  });

  it('refuses an opinion that does not state its basis', () => {
    expect(paths(contributionRuleIssues({ kind: 'opinion', timeframe: 'current' }))).toEqual(['basis']);
  });

  it('treats a basis of only spaces as no basis', () => {
    const issues = contributionRuleIssues({ kind: 'opinion', basis: '   \n', timeframe: 'current' });
    expect(issues).toEqual([{ path: 'basis', message: expect.stringMatching(/basis/) }]);
  });

  it('accepts an opinion with a basis', () => {
    expect(contributionRuleIssues({ kind: 'opinion', basis: 'three home visits', timeframe: 'current' })).toEqual([]);
  });

  it('refuses a basis on a fact, so an opinion cannot pass as a fact', () => {
    expect(paths(contributionRuleIssues({ kind: 'fact', basis: 'I think so', timeframe: 'current' }))).toEqual(['basis']);
  });
});

describe('contribution rules: current or historic', () => {
  it('refuses historic information without its relevance to the present concern', () => {
    expect(paths(contributionRuleIssues({ kind: 'fact', timeframe: 'historic' }))).toEqual(['relevance']);
    expect(paths(contributionRuleIssues({ kind: 'fact', timeframe: 'historic', relevance: ' ' }))).toEqual(['relevance']);
  });

  it('accepts historic information that says why it matters now', () => {
    expect(contributionRuleIssues({ kind: 'fact', timeframe: 'historic', relevance: 'same adult in the household' })).toEqual([]);
  });

  it('refuses a relevance on current information', () => {
    expect(paths(contributionRuleIssues({ kind: 'fact', timeframe: 'current', relevance: 'x' }))).toEqual(['relevance']);
  });

  it('reports every broken rule at once', () => {
    expect(paths(contributionRuleIssues({ kind: 'opinion', timeframe: 'historic', happened: { precision: 'exact' } }))).toEqual(['basis', 'relevance', 'happened.date']);
  });
});

describe('when it happened', () => {
  it('needs a date unless the precision is unknown', () => {
    expect(happenedRuleIssues({ precision: 'exact' }, 'happened')).toEqual([{ path: 'happened.date', message: expect.any(String) }]);
    expect(happenedRuleIssues({ precision: 'approximate' }, 'circumstances.happened').map((i) => i.path)).toEqual(['circumstances.happened.date']);
    expect(happenedRuleIssues({ precision: 'unknown' }, 'happened')).toEqual([]);
  });

  it('refuses a date or time with precision unknown', () => {
    expect(paths(happenedRuleIssues({ precision: 'unknown', date: '2026-01-01' }, 'happened'))).toEqual(['happened.precision']);
    expect(paths(happenedRuleIssues({ precision: 'unknown', time: '10:00' }, 'happened'))).toEqual(['happened.precision']);
  });

  it('refuses a date in the future, counting today as the past', () => {
    expect(paths(happenedRuleIssues({ precision: 'exact', date: '2026-11-22' }, 'happened', '2026-11-21'))).toEqual(['happened.date']);
    expect(happenedRuleIssues({ precision: 'exact', date: '2026-11-21' }, 'happened', '2026-11-21')).toEqual([]);
  });

  it('has nothing to say when nothing is given yet', () => {
    expect(happenedRuleIssues(undefined, 'happened')).toEqual([]);
  });
});

describe("the child's voice", () => {
  it("needs the child's words, wishes or feelings", () => {
    expect(paths(childVoiceRuleIssues({ howExpressed: 'spontaneous' }))).toEqual(['words']);
    expect(paths(childVoiceRuleIssues({ howExpressed: 'spontaneous', words: '  ' }))).toEqual(['words']);
    expect(childVoiceRuleIssues({ howExpressed: 'answer-to-question', feelings: 'scared' })).toEqual([]);
    expect(childVoiceRuleIssues({ howExpressed: 'play-or-drawing', wishes: 'to live with Nan' })).toEqual([]);
  });

  it('for a child too young to speak, needs the behaviour observed instead of words', () => {
    expect(paths(childVoiceRuleIssues({ howExpressed: 'observed-behaviour', words: 'n/a' }))).toEqual(['observedBehaviour']);
    expect(childVoiceRuleIssues({ howExpressed: 'observed-behaviour', observedBehaviour: 'flinched when dad approached' })).toEqual([]);
  });

  it('through an interpreter, needs the language', () => {
    expect(paths(childVoiceRuleIssues({ howExpressed: 'interpreter', words: 'Nie chcę wracać' }))).toEqual(['interpreterLanguage']);
    expect(childVoiceRuleIssues({ howExpressed: 'interpreter', words: 'Nie chcę wracać', interpreterLanguage: 'Polish' })).toEqual([]);
  });
});

describe('age in years', () => {
  it('counts a birthday only once it has come', () => {
    expect(ageInYears('2017-03-14', '2026-03-13')).toBe(8);
    expect(ageInYears('2017-03-14', '2026-03-14')).toBe(9);
    expect(ageInYears('2025-11-21', '2026-11-20')).toBe(0);
  });

  it('handles a leap-day birthday', () => {
    expect(ageInYears('2016-02-29', '2026-02-28')).toBe(9);
    expect(ageInYears('2016-02-29', '2026-03-01')).toBe(10);
  });
});

describe('when something happened cannot be later than now', () => {
  it('refuses a time later today, and accepts one earlier today', async () => {
    const { contributionRuleIssues } = await import('./rules.ts');
    const draft = (time: string) => ({ kind: 'fact' as const, timeframe: 'current' as const, happened: { precision: 'exact' as const, date: '2026-11-21', time } });
    expect(contributionRuleIssues(draft('09:10'), '2026-11-21', '05:51')).toEqual([{ path: 'happened.time', message: 'cannot be later than now' }]);
    expect(contributionRuleIssues(draft('05:30'), '2026-11-21', '05:51')).toEqual([]);
  });

  it('reads the UK wall clock, summer time included', async () => {
    const { ukNow } = await import('./rules.ts');
    expect(ukNow(new Date('2026-07-01T23:30:00Z'))).toEqual({ date: '2026-07-02', time: '00:30' });
    expect(ukNow(new Date('2026-12-01T23:30:00Z'))).toEqual({ date: '2026-12-01', time: '23:30' });
  });
});
