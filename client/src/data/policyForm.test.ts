import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@mashboard/shared';
import { draftFromPolicy, policyFromDraft, tidyIssue, validatePolicyDraft } from './policyForm.ts';

describe('policy form', () => {
  it('round-trips the default policy', () => {
    const { version: _v, ...rest } = DEFAULT_POLICY;
    expect(policyFromDraft(draftFromPolicy(DEFAULT_POLICY))).toEqual(rest);
    expect(validatePolicyDraft(draftFromPolicy(DEFAULT_POLICY), 1)).toEqual([]);
  });
  it('names the field in error with the server’s paths, tidied for people', () => {
    const d = draftFromPolicy(DEFAULT_POLICY);
    d.ratings.amber.hours = '0';
    d.ratings.red.warnPercent = 'lots';
    d.bankHolidays = '2026-12-25\n2026-13-01';
    const issues = validatePolicyDraft(d, 1);
    expect(issues.map((i) => i.path).sort()).toEqual(['calendar.bankHolidays', 'ratings.amber.decisionWithinHours', 'ratings.red.warnAtFraction']);
    expect(issues.find((i) => i.path === 'ratings.amber.decisionWithinHours')!.message).toBe('must be more than 0 hours');
  });
  it('keeps messages that do not start with the field name', () => {
    expect(tidyIssue({ path: 'calendar.dayEnd', message: 'dayEnd (08:00) must be after dayStart (09:00): x' })).toEqual({
      path: 'calendar.dayEnd',
      message: 'dayEnd (08:00) must be after dayStart (09:00): x',
    });
  });
});
