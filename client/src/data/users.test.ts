import { describe, expect, it } from 'vitest';
import type { AdminUserListing } from '@mashboard/shared';
import { confirmQuestion, doneMessage, newUserIssues, passwordIssues, sortUsers } from './users.ts';

const tom: AdminUserListing = { userId: 'u1', username: 'dsl.morgan', name: 'Tom Morgan', agency: 'education', role: 'practitioner', disabled: false, signIn: 'password' };

describe('user administration', () => {
  it('asks before and confirms after, in words', () => {
    expect(confirmQuestion(tom, { kind: 'disable' }).title).toBe('Disable Tom Morgan?');
    expect(confirmQuestion(tom, { kind: 'role', role: 'duty-lead', agency: 'police' }).body).toContain('From Practitioner, Education to Duty lead, Police');
    expect(doneMessage(tom, { kind: 'disable' })).toBe('Disabled Tom Morgan: their sessions have ended.');
    expect(doneMessage(tom, { kind: 'end-sessions' })).toBe("Ended Tom Morgan's sessions: they are signed out everywhere.");
  });
  it('checks a new account as the server does', () => {
    expect(newUserIssues({ username: '', name: '', agency: '', role: '', password: '' }).map((i) => i.path)).toEqual(['name', 'username', 'agency', 'role', 'password']);
    expect(newUserIssues({ username: 'Sam Evans', name: 'Sam', agency: 'police', role: 'practitioner', password: 'x'.repeat(12) }).map((i) => i.message)).toEqual([
      'Username must be 3 to 60 lower-case letters, digits, ".", "_" or "-"',
    ]);
    expect(passwordIssues('short')).toEqual([{ path: 'password', message: 'Password must be at least 12 characters' }]);
    expect(passwordIssues('correct horse battery')).toEqual([]);
  });
  it('lists active accounts first, then by name', () => {
    const list = sortUsers([{ ...tom, name: 'Zoe', disabled: false }, { ...tom, name: 'Amy', disabled: true }, { ...tom, name: 'Bea', disabled: false }]);
    expect(list.map((u) => u.name)).toEqual(['Bea', 'Zoe', 'Amy']);
  });
});
