/**
 * Agencies are data an admin manages: a local partner added on one server process is accepted by
 * every process within seconds; an inactive agency stays in the record but nothing new may name it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '@mashboard/shared';
import { expectResult, rest, signIn, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, startWorld, type World } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';

describe('agencies managed by an admin', () => {
  let world: World;
  let admin: Session;

  beforeAll(async () => {
    world = await startWorld({ servers: 2 });
    admin = await signIn(world.servers[0]!.baseUrl, 'admin.demo');
  });
  afterAll(async () => world?.dispose());

  it('a new agency added on one process can be named on another within seconds', async () => {
    const created = await rest(world.servers[0]!.baseUrl, admin).post<{ agency: Agency }>('/api/admin/agencies', { id: 'early-help-hub', name: 'Early Help Hub' });
    expect(created.status).toBe(201);
    const otherBase = world.servers[1]!.baseUrl;
    const police = await signIn(otherBase, 'pc.evans');
    const { caseId } = expectResult(await rest(otherBase, police).command('case.open', openCasePayload()));
    await waitUntil(
      'the other process accepts the new agency',
      async () => (await rest(otherBase, police).command('contribution.add', { ...factPayload(caseId), restrictedTo: ['early-help-hub'] })).status === 201,
      { timeoutMs: 10_000, intervalMs: 250 },
    );
    const list = (await rest(otherBase, police).get<{ agencies: Agency[] }>('/api/agencies')).body.agencies;
    expect(list).toContainEqual({ id: 'early-help-hub', name: 'Early Help Hub', active: true });
  });

  it('an inactive agency cannot be named for anything new, and an unknown one never', async () => {
    const base = world.servers[0]!.baseUrl;
    const api = rest(base, admin);
    expect((await api.post(`/api/admin/agencies/housing`, { active: false })).status).toBe(200);
    const lead = await signIn(base, 'lead.hughes');
    const { caseId } = expectResult(await rest(base, lead).command('case.open', openCasePayload()));
    const asked = await rest(base, lead).command('information.request', { commandId: newCommandId(), caseId, agency: 'housing', question: 'Any tenancy concerns?' });
    expect(asked.status).toBe(400);
    expect(JSON.stringify(asked.body)).toContain('no longer an active agency');
    const unknown = await rest(base, lead).command('information.request', { commandId: newCommandId(), caseId, agency: 'mi5', question: 'x' });
    expect(JSON.stringify(unknown.body)).toContain('not a known agency');
    // History still names it.
    const list = (await api.get<{ agencies: Agency[] }>('/api/agencies')).body.agencies;
    expect(list).toContainEqual({ id: 'housing', name: 'Housing', active: false });
    expect((await api.post('/api/admin/agencies/housing', { active: true })).status).toBe(200);
  });

  it('refuses a malformed or taken agency id, naming the field', async () => {
    const api = rest(world.servers[0]!.baseUrl, admin);
    const bad = await api.post<{ error: { issues: { path: string }[] } }>('/api/admin/agencies', { id: 'Early Help!', name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.path)).toContain('id');
    const taken = await api.post('/api/admin/agencies', { id: 'police', name: 'Police again' });
    expect(taken.status).toBe(409);
  });
});
