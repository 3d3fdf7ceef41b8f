/**
 * Bank holidays must not quietly run out: when the working calendar knows them for less than six
 * more months, the administrators are alerted; an administrator adds the coming years from the
 * maintained source (date-holidays, England and Wales) in one step, and the alert is not raised again.
 */
import { describe, expect, it } from 'vitest';
import type { Alert, TimelinessPolicy } from '@mashboard/shared';
import { rest, signIn, type ErrorBody } from '../support/clients.ts';
import { useWorld } from '../support/world.ts';

describe('bank holidays of England and Wales', () => {
  const world = useWorld({ redis: { aof: false } });
  const thisYear = new Date().getUTCFullYear();

  it('alerts the administrators when the calendar ends within six months, and adds the coming years from the maintained source', async () => {
    const session = await signIn(world.current.baseUrl, 'admin.demo');
    const admin = rest(world.current.baseUrl, session);
    const { policy } = (await admin.get<{ policy: TimelinessPolicy }>('/api/timeliness-policy')).body;
    // A calendar whose bank holidays end with last year: it has run out already.
    const lastYear = `${thisYear - 1}-12-25`;
    const replaced = await fetch(`${world.current.baseUrl}/api/timeliness-policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: world.current.baseUrl, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ expectedVersion: policy.version, policy: { ...policy, calendar: { ...policy.calendar, bankHolidays: [lastYear] } } }),
    });
    expect(replaced.status).toBe(200);
    const shortened = ((await replaced.json()) as { policy: TimelinessPolicy }).policy;

    await world.current.server.restart(); // the check runs at start-up (and hourly)
    const again = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'admin.demo'));
    const alerts = (await again.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts.filter((a) => a.kind === 'calendar-ending');
    expect(alerts).toEqual([expect.objectContaining({ id: `calendar-ending|${thisYear - 1}-12-31`, caseId: '', title: expect.stringContaining(`31 December ${thisYear - 1}`) })]);
    // Not a practitioner's business.
    const practitioner = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'pc.evans'));
    expect((await practitioner.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts.some((a) => a.kind === 'calendar-ending')).toBe(false);
    expect((await practitioner.post('/api/timeliness-policy/bank-holidays', { expectedVersion: shortened.version, throughYear: thisYear + 2 })).status).toBe(403);

    const tooFar = await again.post<ErrorBody>('/api/timeliness-policy/bank-holidays', { expectedVersion: shortened.version, throughYear: thisYear + 50 });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.error.issues).toEqual([{ path: 'throughYear', message: `must be from ${thisYear} to ${thisYear + 20}` }]);

    const extended = await again.post<{ policy: TimelinessPolicy; added: string[] }>('/api/timeliness-policy/bank-holidays', { expectedVersion: shortened.version, throughYear: thisYear + 2 });
    expect(extended.status).toBe(200);
    expect(extended.body.policy.version).toBe(shortened.version + 1);
    expect(extended.body.added.filter((d) => d.startsWith(`${thisYear + 1}-`))).toHaveLength(8);
    expect(extended.body.added.filter((d) => d.startsWith(`${thisYear + 2}-`))).toHaveLength(8);
    expect(extended.body.policy.calendar.bankHolidays).toEqual(expect.arrayContaining([lastYear, ...extended.body.added]));
    // Asking again with the old version is a conflict: nothing is added twice behind someone's back.
    expect((await again.post('/api/timeliness-policy/bank-holidays', { expectedVersion: shortened.version, throughYear: thisYear + 2 })).status).toBe(409);

    await world.current.server.restart();
    const after = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'admin.demo'));
    const ids = (await after.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts.filter((a) => a.kind === 'calendar-ending').map((a) => a.id);
    expect(ids).toEqual([`calendar-ending|${thisYear - 1}-12-31`]);
  });
});
