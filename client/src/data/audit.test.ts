import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '@mashboard/shared';
import { actorText, auditActionText, caseIdFromInput, channelText, detailText, filterAudit, sortAudit, userIdFromInput } from './audit.ts';

describe('audit actions in words', () => {
  it('says what was done, or that it was refused', () => {
    expect(auditActionText('case.open', 'succeeded')).toBe('Opened the case');
    expect(auditActionText('case.read', 'allowed')).toBe('Read the case');
    expect(auditActionText('contribution.add', 'succeeded')).toBe('Added a contribution');
    expect(auditActionText('case.read', 'denied')).toBe('Refused: read the case');
    expect(auditActionText('contribution.add', 'failed')).toBe('Tried to add a contribution');
    expect(auditActionText('sign-in', 'failed')).toBe('Failed to sign in');
    expect(auditActionText('user.disable', 'succeeded')).toBe('Disabled an account');
  });
  it('has words for meetings, decisions, chronologies and previews (never the raw action name)', () => {
    expect(auditActionText('decision.record', 'succeeded')).toBe('Recorded a decision');
    expect(auditActionText('case.chronology.read', 'allowed')).toBe("Read the case's chronology");
    expect(auditActionText('sharing.preview', 'denied')).toBe('Refused: preview a share pack');
    expect(auditActionText('meeting.sign-minutes', 'succeeded')).toBe('Signed off the minutes');
  });
  it('shows an action it does not know as recorded', () => {
    expect(auditActionText('meeting.chair', 'succeeded')).toBe('meeting.chair');
    expect(auditActionText('meeting.chair', 'denied')).toBe('Refused: meeting.chair');
  });
  it('names channels, people and refusal codes', () => {
    expect(channelText('rest')).toBe('Web request');
    expect(channelText('socket')).toBe('Live connection');
    expect(channelText(undefined)).toBe('Not recorded');
    expect(actorText({ userId: 'u', name: 'Tom Morgan', agency: 'education', role: 'practitioner' })).toBe('Tom Morgan, Education, Practitioner');
    expect(actorText(undefined)).toBe('Not signed in');
    expect(detailText('forbidden')).toBe('Not allowed for their role');
    expect(detailText('username x: throttled')).toBe('username x: throttled');
  });
});

describe('audit records', () => {
  const rec = (id: string, at: string, outcome: AuditRecord['outcome']): AuditRecord => ({ id, at, action: 'case.read', outcome, hash: id });
  it('newest first, filtered by outcome', () => {
    const list = [rec('a', '2026-11-21T10:00:00Z', 'allowed'), rec('b', '2026-11-21T11:00:00Z', 'denied'), rec('c', '2026-11-21T10:30:00Z', 'allowed')];
    expect(sortAudit(list).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(filterAudit(list, 'denied').map((r) => r.id)).toEqual(['b']);
    expect(filterAudit(list, '')).toHaveLength(3);
  });
  it('takes a case id from an id or a pasted board address', () => {
    expect(caseIdFromInput(' abc-123 ')).toBe('abc-123');
    expect(caseIdFromInput('https://mash.example/#/cases/Xy_9')).toBe('Xy_9');
    expect(caseIdFromInput('MASH 2026')).toBeNull();
    expect(caseIdFromInput('')).toBeNull();
    expect(userIdFromInput('u-1')).toBe('u-1');
    expect(userIdFromInput('a b')).toBeNull();
  });
});
