/** Administration of accounts, as pure rules and words (the users page draws them). */
import { agencyName, ROLE_LABELS, type AdminUserListing, type FieldIssue, type Role } from '@mashboard/shared';
import type { NewUserInput, UserChange } from './api.ts';

export const MIN_PASSWORD = 12;

/** "Practitioner, Police". */
export function roleAndAgency(u: { role: string; agency: string }): string {
  return `${ROLE_LABELS[u.role as Role] ?? u.role}, ${agencyName(u.agency)}`;
}

/** The same checks the server makes, so most mistakes are caught before sending. */
export function newUserIssues(d: { username: string; name: string; agency: string; role: string; password: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!d.name.trim()) issues.push({ path: 'name', message: 'Enter their full name' });
  else if (d.name.trim().length > 200) issues.push({ path: 'name', message: 'Full name must be 200 characters or fewer' });
  const username = d.username.trim().toLowerCase();
  if (!username) issues.push({ path: 'username', message: 'Enter a username' });
  else if (!/^[a-z0-9._-]{3,60}$/.test(username)) issues.push({ path: 'username', message: 'Username must be 3 to 60 lower-case letters, digits, ".", "_" or "-"' });
  if (!d.agency) issues.push({ path: 'agency', message: 'Choose their agency' });
  if (!d.role) issues.push({ path: 'role', message: 'Choose their role' });
  issues.push(...passwordIssues(d.password));
  return issues;
}

export function passwordIssues(password: string): FieldIssue[] {
  if (!password) return [{ path: 'password', message: 'Enter a password' }];
  if (password.length < MIN_PASSWORD) return [{ path: 'password', message: `Password must be at least ${MIN_PASSWORD} characters` }];
  if (password.length > 1000) return [{ path: 'password', message: 'Password must be 1,000 characters or fewer' }];
  return [];
}

/** The question asked before a change is made. */
export function confirmQuestion(user: AdminUserListing, change: UserChange): { title: string; body: string; button: string } {
  const who = user.name;
  switch (change.kind) {
    case 'disable':
      return {
        title: `Disable ${who}?`,
        body: `${who} is signed out everywhere at once and cannot sign in until an administrator enables the account again. Nothing they recorded is changed.`,
        button: `Disable ${who}`,
      };
    case 'enable':
      return { title: `Enable ${who}?`, body: `${who} can sign in again with their password.`, button: `Enable ${who}` };
    case 'role':
      return {
        title: `Change ${who}'s role?`,
        body: `From ${roleAndAgency(user)} to ${roleAndAgency(change)}. Their sessions end now: they sign in again to use the new role.`,
        button: 'Change role',
      };
    case 'password':
      if (change.currentPassword !== undefined) {
        return { title: 'Change your password?', body: 'Every session of yours ends now, this one too: sign in again with the new password.', button: 'Change password' };
      }
      return {
        title: `Reset ${who}'s password?`,
        body: `Their sessions end now, and the old password stops working. Give them the new one in person or by a secure route, never by email.`,
        button: 'Reset password',
      };
    case 'end-sessions':
      return {
        title: `End ${who}'s sessions?`,
        body: `${who} is signed out on every device at once (for a lost phone, or a shared screen left signed in). They can sign in again.`,
        button: 'End sessions',
      };
  }
}

/** What is said once a change is made: "Disabled Tom Morgan: their sessions have ended." */
export function doneMessage(user: { name: string }, change: UserChange): string {
  const who = user.name;
  switch (change.kind) {
    case 'disable':
      return `Disabled ${who}: their sessions have ended.`;
    case 'enable':
      return `Enabled ${who}: they can sign in again.`;
    case 'role':
      return `${who} is now ${roleAndAgency(change)}: their sessions have ended, so they sign in again.`;
    case 'password':
      return change.currentPassword !== undefined ? 'Your password is changed: sign in again with the new one.' : `Reset ${who}'s password: their sessions have ended.`;
    case 'end-sessions':
      return `Ended ${who}'s sessions: they are signed out everywhere.`;
  }
}

export function createdMessage(user: Pick<NewUserInput, 'name' | 'username' | 'role' | 'agency'>): string {
  return `Created an account for ${user.name} (${user.username}), ${roleAndAgency(user)}.`;
}

/** Active accounts first, then by name. */
export function sortUsers(users: readonly AdminUserListing[]): AdminUserListing[] {
  return [...users].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name, 'en-GB'));
}
