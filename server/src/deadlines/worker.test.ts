import { describe, expect, it } from 'vitest';
import type { CaseSummary, Deadline, UserListing } from '@mashboard/shared';
import { jobIdFor } from './jobs.ts';
import { alertTitle, recipientsFor } from './worker.ts';

const users: UserListing[] = [
  { userId: 'lead', name: 'Rhian', agency: 'childrens-social-care', role: 'duty-lead' },
  { userId: 'sw', name: 'Grace', agency: 'childrens-social-care', role: 'practitioner' },
  { userId: 'hv', name: 'Priya', agency: 'health', role: 'practitioner' },
  { userId: 'gp', name: 'Dr Shah', agency: 'health', role: 'practitioner' },
  { userId: 'pc', name: 'Sam', agency: 'police', role: 'practitioner' },
  { userId: 'mgr', name: 'Helen', agency: 'childrens-social-care', role: 'mash-manager' },
  { userId: 'adm', name: 'Alex', agency: 'health', role: 'admin' },
];
const summary = { id: 'c1', reference: 'MASH-2026-00001', lead: { userId: 'sw', name: 'Grace', agency: 'childrens-social-care' } } as CaseSummary;
const request: Deadline = {
  id: 'request:r1',
  kind: 'information-request',
  label: 'Information from Health',
  startedAt: '2026-11-21T09:00:00Z',
  warnAt: null,
  dueAt: '2026-11-21T11:00:00Z',
  generation: 4,
  state: 'open',
  agency: 'health',
};

describe('who hears of a deadline', () => {
  it('an information request alerts the awaited agency (not its admins), the case lead and the duty leads', () => {
    expect(recipientsFor(summary, request, 'breach', users)).toEqual(['gp', 'hv', 'lead', 'sw']);
  });

  it('an action alerts its owner', () => {
    const action: Deadline = { ...request, id: 'action:a1', kind: 'action', agency: 'police', owner: { userId: 'pc', name: 'Sam', agency: 'police' } };
    expect(recipientsFor(summary, action, 'warning', users)).toEqual(['lead', 'pc', 'sw']);
  });

  it('an escalation also reaches the MASH managers', () => {
    expect(recipientsFor(summary, request, 'escalation', users)).toContain('mgr');
    expect(recipientsFor(summary, request, 'breach', users)).not.toContain('mgr');
  });

  it('a case restricted to named agencies alerts nobody outside them, whoever leads, owns, is asked or manages', () => {
    // Restricted to police, opened by health: social care's lead, duty lead and manager and the police owner's peers outside it hear nothing.
    const restricted = { ...summary, restrictedTo: ['police'], openedBy: { userId: 'hv', name: 'Priya', agency: 'health', role: 'practitioner' } } as CaseSummary;
    const askSocialCare: Deadline = { ...request, agency: 'childrens-social-care' };
    const action: Deadline = { ...request, id: 'action:a1', kind: 'action', agency: 'childrens-social-care', owner: { userId: 'sw', name: 'Grace', agency: 'childrens-social-care' } };
    const agencyOf = new Map(users.map((u) => [u.userId, u.agency]));
    for (const deadline of [request, askSocialCare, action]) {
      for (const kind of ['warning', 'breach', 'escalation'] as const) {
        const recipients = recipientsFor(restricted, deadline, kind, users);
        expect(
          recipients.map((id) => agencyOf.get(id)).filter((a) => a !== 'police' && a !== 'health'),
          `${deadline.id} ${kind}`,
        ).toEqual([]);
      }
    }
    expect(recipientsFor(restricted, request, 'breach', users)).toEqual(['gp', 'hv']);
  });

  it('says what, which case and when in the title', () => {
    expect(alertTitle(summary, request, 'breach')).toBe('Information from Health on MASH-2026-00001 is overdue (was due Saturday 21 November 2026, 11:00)');
  });
});

describe('deadline job ids', () => {
  it('are deterministic per case, deadline, phase and generation, and hold no colon (BullMQ forbids it)', () => {
    expect(jobIdFor('c1', request, 'breach')).toBe('c1.request.r1.breach.g4');
    expect(jobIdFor('c1', { ...request, generation: 5 }, 'breach')).not.toBe(jobIdFor('c1', request, 'breach'));
  });
});
