import { describe, expect, it } from 'vitest';
import { issueText } from './fields.tsx';
import { emptyContributionDraft } from '../board/contributionDraft.ts';
import { issuesWhileTyping, validateContribution } from '../board/contributionChecks.ts';
import { referrerText } from '../board/CaseHeader.tsx';

describe('error summary lines (GOV.UK)', () => {
  it('show the message alone, never "Label: message"', () => {
    expect(issueText({ path: 'text', message: 'enter what your agency knows or thinks' }, { text: 'What your agency knows or thinks' })).toBe('Enter what your agency knows or thinks');
    expect(issueText({ path: '', message: 'the server is busy' }, {})).toBe('The server is busy');
  });
  it('put the field name in front of a bare fragment', () => {
    expect(issueText({ path: 'basis', message: 'must be at most 500 characters' }, { basis: 'Basis' })).toBe('Basis must be at most 500 characters');
    expect(issueText({ path: 'happened.date', message: 'cannot be in the future' }, { 'happened.date': 'Date it happened' })).toBe('Date it happened cannot be in the future');
    expect(issueText({ path: 'username', message: 'is taken' }, {})).toBe('Username is taken');
  });
});

describe('contribution form before the first submit', () => {
  it('shows nothing for empty fields, so leaving one moves nothing', () => {
    const d = emptyContributionDraft();
    expect(issuesWhileTyping(validateContribution(d, false, '2026-11-21', '10:00'), d)).toEqual([]);
  });
  it('catches a time later than now (UK) as it is typed', () => {
    const d = { ...emptyContributionDraft(), happened: { precision: 'exact' as const, date: '2026-11-21', time: '10:30' } };
    expect(issuesWhileTyping(validateContribution(d, false, '2026-11-21', '10:00'), d)).toEqual([{ path: 'happened.time', message: 'cannot be later than now' }]);
    expect(issuesWhileTyping(validateContribution(d, false, '2026-11-21', '10:45'), d)).toEqual([]);
  });
});

describe('the referrer on the case header', () => {
  it('says the identity is protected when another agency holds it', () => {
    expect(referrerText({ identityProtected: true })).toBe(". Referrer's identity protected");
    expect(referrerText({ referrerName: 'Ann Lee', referrerRole: 'Neighbour' })).toBe(': Ann Lee, Neighbour');
    expect(referrerText({ referrerName: 'Ann Lee', identityProtected: true })).toContain('identity protected');
    expect(referrerText({})).toBe('');
  });
});
