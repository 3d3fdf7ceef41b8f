/** The timeliness policy, changed as an admin changes it (the tests' short deadlines). */
import type { TimelinessPolicy } from '@mashboard/shared';
import { rest, type Session } from './clients.ts';

/** Reads the policy, lets `change` edit a copy, and saves it (PUT with its version); throws if refused. */
export async function setPolicy(admin: Session, change: (p: TimelinessPolicy) => void): Promise<TimelinessPolicy> {
  const current = (await rest(admin.baseUrl, admin).get<{ policy: TimelinessPolicy }>('/api/timeliness-policy')).body.policy;
  const { version, ...policy } = structuredClone(current);
  change(policy as TimelinessPolicy);
  const res = await fetch(`${admin.baseUrl}/api/timeliness-policy`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: admin.baseUrl },
    body: JSON.stringify({ expectedVersion: version, policy }),
  });
  if (res.status !== 200) throw new Error(`policy refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { policy: TimelinessPolicy }).policy;
}
