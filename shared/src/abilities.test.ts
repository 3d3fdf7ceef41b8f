import { describe, expect, it } from 'vitest';
import { ROLES } from './agencies.ts';
import { mayDo, POLICY, rolesThatMay } from './abilities.ts';

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
