import { describe, expect, it } from 'vitest';
import { ROLES } from './agencies.ts';
import { mayAnswerRequest, mayCompleteAction, mayCorrectEntry, mayDo, mayRecordAttendance, POLICY, rolesThatMay } from './abilities.ts';
import { mayAcknowledgeAlert, type CaseAccess } from './access.ts';

describe('who may do what', () => {
  it('is one table: every role against every action, deny by default', () => {
    for (const action of Object.keys(POLICY)) {
      for (const role of ROLES) expect(mayDo(role, action), `${role} ${action}`).toBe((POLICY as Record<string, readonly string[]>)[action]!.includes(role));
    }
    expect(mayDo('duty-lead', 'case.delete-everything')).toBe(false);
  });

  it('gives a case lead only to those who decide (an admin, who cannot read cases, is not offered it)', () => {
    expect(rolesThatMay('case.assign-lead')).toEqual(['duty-lead', 'mash-manager']);
    expect(mayDo('admin', 'case.assign-lead')).toBe(false);
    expect(mayDo('admin', 'case.read')).toBe(false);
  });

  it('keeps retention decisions to MASH managers and the audit log to auditors', () => {
    expect(ROLES.filter((r) => mayDo(r, 'retention.erase'))).toEqual(['mash-manager']);
    expect(ROLES.filter((r) => mayDo(r, 'audit.read'))).toEqual(['auditor']);
  });
});

/**
 * The table: each role of each agency against each ability, written out by hand so that a change
 * to a rule (or to the role table) shows here. `own` is the actor's own agency, `other` another.
 */
describe('each ability, for each role of each agency', () => {
  type Row = { role: (typeof ROLES)[number]; correctOwn: boolean; correctOther: boolean; answerOwn: boolean; answerOther: boolean; completeMine: boolean; completeOthers: boolean };
  const TABLE: Row[] = [
    { role: 'practitioner', correctOwn: true, correctOther: false, answerOwn: true, answerOther: false, completeMine: true, completeOthers: false },
    { role: 'duty-lead', correctOwn: true, correctOther: false, answerOwn: true, answerOther: true, completeMine: true, completeOthers: true },
    { role: 'mash-manager', correctOwn: true, correctOther: false, answerOwn: true, answerOther: true, completeMine: true, completeOthers: true },
    // Admins and auditors never reach these: the role table refuses them the commands first.
    { role: 'admin', correctOwn: false, correctOther: false, answerOwn: false, answerOther: false, completeMine: false, completeOthers: false },
    { role: 'auditor', correctOwn: false, correctOther: false, answerOwn: false, answerOther: false, completeMine: false, completeOthers: false },
  ];
  const AGENCIES = ['police', 'health', 'education', 'childrens-social-care'];

  it.each(TABLE)('$role', (row) => {
    for (const agency of AGENCIES) {
      const other = AGENCIES.find((a) => a !== agency)!;
      const actor = { userId: `u-${row.role}-${agency}`, agency, role: row.role };
      const both = (action: string, rule: boolean) => mayDo(row.role, action) && rule;
      expect(both('contribution.correct', mayCorrectEntry({ agency }, actor)), `correct own (${agency})`).toBe(row.correctOwn);
      expect(both('contribution.correct', mayCorrectEntry({ agency: other }, actor)), `correct other (${agency})`).toBe(row.correctOther);
      expect(both('information.answer', mayAnswerRequest({ agency }, actor)), `answer own (${agency})`).toBe(row.answerOwn);
      expect(both('information.answer', mayAnswerRequest({ agency: other }, actor)), `answer other (${agency})`).toBe(row.answerOther);
      expect(both('action.complete', mayCompleteAction({ owner: { userId: actor.userId } }, actor)), `complete mine (${agency})`).toBe(row.completeMine);
      expect(both('action.complete', mayCompleteAction({ owner: { userId: 'someone-else' } }, actor)), `complete others' (${agency})`).toBe(row.completeOthers);
    }
  });

  it('attendance: each agency records its own, the chair anyone’s', () => {
    const meeting = { chair: { userId: 'chair-1' } };
    expect(mayRecordAttendance(meeting, 'police', { userId: 'u1', agency: 'police' })).toBe(true);
    expect(mayRecordAttendance(meeting, 'health', { userId: 'u1', agency: 'police' })).toBe(false);
    expect(mayRecordAttendance(meeting, 'health', { userId: 'chair-1', agency: 'police' })).toBe(true);
  });

  it('alerts: a case alert by its recipients or the case’s decision makers who may see it; a service alert by administrators', () => {
    const caseAlert = { kind: 'breach' as const, recipients: ['u-police'] };
    const open = { restrictedTo: [], openedBy: { agency: 'police' } } satisfies CaseAccess;
    const policeOnly = { restrictedTo: ['police'], openedBy: { agency: 'police' } } satisfies CaseAccess;
    expect(mayAcknowledgeAlert(caseAlert, open, { userId: 'u-police', agency: 'police', role: 'practitioner' })).toBe(true);
    expect(mayAcknowledgeAlert(caseAlert, open, { userId: 'u-health', agency: 'health', role: 'practitioner' })).toBe(false);
    expect(mayAcknowledgeAlert(caseAlert, open, { userId: 'u-lead', agency: 'childrens-social-care', role: 'duty-lead' })).toBe(true);
    expect(mayAcknowledgeAlert(caseAlert, policeOnly, { userId: 'u-lead', agency: 'childrens-social-care', role: 'duty-lead' })).toBe(false);
    const locked = { kind: 'account-locked' as const, recipients: ['u-admin'] };
    expect(mayAcknowledgeAlert(locked, null, { userId: 'u-admin2', agency: 'childrens-social-care', role: 'admin' })).toBe(true);
    expect(mayAcknowledgeAlert(locked, null, { userId: 'u-lead', agency: 'childrens-social-care', role: 'duty-lead' })).toBe(false);
  });
});
