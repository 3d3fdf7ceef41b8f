/**
 * The API document describes what the server really answers: real answers of the main routes (and
 * of the socket events) are validated against the schemas the document gives them, so an answer
 * that drifts from its document fails here. A demo-mode server, its demo users, real Redis.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, JoinResult, MeetingResult } from '@mashboard/shared';
import { connectSocket, expectResult, rest, signIn, type MashSocket, type Rest, type RestResponse, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, notSharedPayload, openCasePayload, opinionPayload, voicePayload, startWorld, type World } from '../support/fixtures.ts';

type Operation = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
  'x-socket-io': { clientToServer: Record<string, { result: { $ref: string } }>; serverToClient: Record<string, { payload: { $ref: string } }> };
};

const today = new Date().toISOString().slice(0, 10);

describe('the API document describes every answer', () => {
  let world: World;
  let document: Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const compiled = new Map<string, ValidateFunction>();
  let lead: Session;
  let police: Session;
  let admin: Session;
  let auditor: Session;
  let caseId: string;
  let reference: string;
  let meetingId: string;
  const checked = new Set<string>();

  /** The validator of a schema the document refers to (`#/components/schemas/...`). */
  function validatorOf(ref: string): ValidateFunction {
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi.json${ref}` });
      compiled.set(ref, validate);
    }
    return validate;
  }

  function expectValid(what: string, ref: string | undefined, body: unknown): void {
    expect(ref, `${what}: no answer schema in the document`).toBeTruthy();
    const validate = validatorOf(ref!);
    expect(validate(body), `${what} does not match ${ref}: ${JSON.stringify(validate.errors?.slice(0, 5))}\n${JSON.stringify(body).slice(0, 1_500)}`).toBe(true);
  }

  /** The answer matches the schema the document gives this route and status. */
  function expectDocumented(method: string, path: string, res: RestResponse): void {
    const operation = document.paths[path]?.[method.toLowerCase()];
    expect(operation, `${method} ${path} is not in the document`).toBeDefined();
    const response = operation!.responses[String(res.status)];
    expect(response, `${method} ${path} answered ${res.status}, which the document does not name: ${JSON.stringify(res.body).slice(0, 500)}`).toBeDefined();
    expectValid(`${method} ${path} ${res.status}`, response!.content?.['application/json']?.schema?.$ref, res.body);
    checked.add(`${method} ${path}`);
  }

  async function put(session: Session, path: string, body: unknown): Promise<RestResponse> {
    const res = await fetch(`${world.baseUrl}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: world.baseUrl },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  async function get(api: Rest, path: string, template = path.split('?')[0]!): Promise<RestResponse> {
    const res = await api.get(path);
    expectDocumented('GET', template, res);
    return res;
  }

  async function post(api: Rest, path: string, body: unknown, template = path): Promise<RestResponse> {
    const res = await api.post(path, body);
    expectDocumented('POST', template, res);
    return res;
  }

  beforeAll(async () => {
    world = await startWorld();
    const res = await fetch(`${world.baseUrl}/api/openapi.json`);
    document = (await res.json()) as Document;
    ajv.addSchema({ components: document.components }, 'openapi.json');
    lead = await signIn(world.baseUrl, 'lead.hughes');
    police = await signIn(world.baseUrl, 'pc.evans');
    admin = await signIn(world.baseUrl, 'admin.demo');
    auditor = await signIn(world.baseUrl, 'audit.demo');
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('gives every JSON answer of every route a schema, and every document its media type', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!status.startsWith('2') || status === '204') continue;
          const content = response.content ?? {};
          if (Object.keys(content).length === 0) missing.push(`${method.toUpperCase()} ${path} ${status}: no content`);
          const json = content['application/json'];
          if (json && !json.schema?.$ref) missing.push(`${method.toUpperCase()} ${path} ${status}: JSON without a schema`);
        }
      }
    }
    expect(missing).toEqual([]);
    for (const [event, doc] of Object.entries(document['x-socket-io'].clientToServer)) expect(doc.result.$ref, event).toMatch(/^#\/components\/schemas\//);
    for (const [event, doc] of Object.entries(document['x-socket-io'].serverToClient)) expect(doc.payload.$ref, event).toMatch(/^#\/components\/schemas\//);
    expect(Object.keys(document.paths['/api/meetings/{meetingId}/invitation.ics']!.get!.responses['200']!.content!)).toEqual(['text/calendar']);
  });

  it('answers what the document says: public routes and the session', async () => {
    const anonymous = rest(world.baseUrl, undefined);
    for (const path of ['/api/health', '/api/health/live', '/api/health/ready', '/api/sign-in-methods', '/api/demo-accounts', '/api/openapi.json']) await get(anonymous, path);
    await post(anonymous, '/api/session', { username: 'sw.okafor', password: 'mashboard-demo' });
    await get(rest(world.baseUrl, lead), '/api/session');
  });

  it('answers what the document says: a case as its readers see it, commands, and the case lists', async () => {
    const api = rest(world.baseUrl, lead);
    const payload = {
      ...openCasePayload(),
      people: [{ id: 'mum', firstName: 'Kerry', lastName: 'Test', relationships: [{ childIndex: 0, relationship: 'mother' }], addressId: 'home' }],
      addresses: [
        { id: 'home', kind: 'home', line1: '12 Elm Road', postcode: 'SW1A 1AA' },
        { id: 'refuge', kind: 'refuge', line1: '1 Safe Street', protected: true },
      ],
    };
    const opened = await api.command('case.open', payload);
    expectDocumented('POST', '/api/cases', opened);
    ({ caseId, reference } = expectResult(opened));
    const retried = await api.command('case.open', payload);
    expect(retried.status).toBe(200);
    expectDocumented('POST', '/api/cases', retried);

    const pc = rest(world.baseUrl, police);
    expectDocumented('POST', '/api/cases/{caseId}/contributions', await pc.command('contribution.add', factPayload(caseId)));
    await pc.command('contribution.add', { ...factPayload(caseId), text: 'Police intelligence, restricted', restrictedTo: ['police'] });
    await api.command('contribution.add', opinionPayload(caseId));
    const view = await api.view(caseId);
    await api.command('voice.record', voicePayload(caseId, view.summary.children[0]!.id));
    await api.command('rating.set', { commandId: newCommandId(), caseId, expectedVersion: (await api.view(caseId)).summary.version, rating: 'amber', reason: 'Bruise and fear of going home' });
    await api.command('information.request', { commandId: newCommandId(), caseId, agency: 'health', question: 'Any attendances at A&E?' });
    await api.command('case.assign-lead', { commandId: newCommandId(), caseId, leadUserId: lead.user.userId });
    await api.command('action.add', { commandId: newCommandId(), caseId, title: 'Home visit', ownerUserId: lead.user.userId, dueAt: new Date(Date.now() + 86_400_000).toISOString() });
    const thresholds = (await api.get<{ settings: { thresholds: string[] } }>('/api/decision-settings')).body.settings.thresholds;
    expectResult(await api.command('decision.record', { commandId: newCommandId(), caseId, outcome: 'early-help', threshold: thresholds[1], rationale: 'Family agree to early help.' }));
    expectResult(await pc.command('sharing.decide', notSharedPayload(caseId)));

    await get(api, `/api/cases/${caseId}`, '/api/cases/{caseId}');
    await get(rest(world.baseUrl, police), `/api/cases/${caseId}`, '/api/cases/{caseId}');
    await get(rest(world.baseUrl, await signIn(world.baseUrl, 'hv.patel')), `/api/cases/${caseId}`, '/api/cases/{caseId}');
    await get(api, `/api/cases/${caseId}/events`, '/api/cases/{caseId}/events');
    await get(pc, `/api/cases/${caseId}/events`, '/api/cases/{caseId}/events');
    await get(api, `/api/cases/${caseId}/chronology`, '/api/cases/{caseId}/chronology');
    await get(api, `/api/cases/${caseId}/previous-involvement`, '/api/cases/{caseId}/previous-involvement');
    await post(api, '/api/previous-involvement/search', { children: [{ firstName: 'Amelia', lastName: 'Test', dateOfBirth: '2017-03-14' }], people: [{ firstName: 'Kerry', lastName: 'Test' }] });
    await post(api, '/api/search', { lastName: 'Test' });
    await post(api, `/api/cases/${caseId}/share-pack-preview`, { contributionIds: view.entries.map((e) => e.id), includeChildVoice: true }, '/api/cases/{caseId}/share-pack-preview');
    await get(api, '/api/cases');
    await get(api, '/api/cases?status=new&limit=1');
    await get(api, '/api/my-work');
    await get(rest(world.baseUrl, await signIn(world.baseUrl, 'hv.patel')), '/api/my-work');
    await get(api, '/api/users');
    await get(api, '/api/alerts');
    await get(api, '/api/agencies');
  });

  it('answers what the document says: meetings', async () => {
    const api = rest(world.baseUrl, lead);
    const scheduled = await api.post<MeetingResult>('/api/meetings', { commandId: newCommandId(), kind: 'triage', title: 'Morning triage', scheduledFor: new Date().toISOString(), agenda: [caseId] });
    expectDocumented('POST', '/api/meetings', scheduled);
    meetingId = scheduled.body.meetingId;
    await post(api, `/api/meetings/${meetingId}/attendance`, { commandId: newCommandId(), agency: 'police', name: 'DC Sam Evans', status: 'present' }, '/api/meetings/{meetingId}/attendance');
    for (const step of ['start', 'end', 'minutes/sign']) await post(api, `/api/meetings/${meetingId}/${step}`, { commandId: newCommandId() }, `/api/meetings/{meetingId}/${step}`);
    await get(api, '/api/meetings');
    await get(api, `/api/meetings/${meetingId}`, '/api/meetings/{meetingId}');
    await get(rest(world.baseUrl, police), `/api/meetings/${meetingId}`, '/api/meetings/{meetingId}');
  });

  it('answers what the document says: settings, reports, administration and audit', async () => {
    const manager = rest(world.baseUrl, await signIn(world.baseUrl, 'mgr.clarke'));
    const adm = rest(world.baseUrl, admin);
    await get(manager, '/api/timeliness-policy');
    await get(manager, '/api/decision-settings');
    await get(manager, '/api/retention-schedule');
    await get(manager, `/api/reports/timeliness?from=${today}&to=${today}`);
    for (const [path, name] of [
      ['/api/decision-settings', 'settings'],
      ['/api/timeliness-policy', 'policy'],
      ['/api/retention-schedule', 'schedule'],
    ] as const) {
      const { version, ...setting } = (await adm.get<Record<string, { version: number }>>(path)).body[name]!;
      expectDocumented('PUT', path, await put(admin, path, { ...setting, expectedVersion: version }));
    }
    const { version } = (await adm.get<{ policy: { version: number } }>('/api/timeliness-policy')).body.policy;
    await post(adm, '/api/timeliness-policy/bank-holidays', { expectedVersion: version, throughYear: new Date().getUTCFullYear() + 1 });
    await get(adm, '/api/admin/users');
    await get(adm, '/api/admin/sign-in');
    await get(adm, '/api/admin/jobs/failed');
    const created = await post(adm, '/api/admin/users', { username: `someone.${Date.now()}`, name: 'Some One', agency: 'police', role: 'practitioner', password: 'a long enough passphrase' });
    const userId = (created.body as { user: { userId: string } }).user.userId;
    for (const [action, body] of [
      ['disable', {}],
      ['enable', {}],
      ['role', { role: 'duty-lead', agency: 'police' }],
      ['password', { password: 'another long passphrase' }],
      ['end-sessions', {}],
    ] as const) {
      await post(adm, `/api/admin/users/${userId}/${action}`, body, `/api/admin/users/{userId}/${action}`);
    }
    await post(adm, '/api/admin/agencies', { id: 'early-help-hub', name: 'Early Help Hub' });
    await post(adm, '/api/admin/agencies/early-help-hub', { name: 'The Early Help Hub' }, '/api/admin/agencies/{agencyId}');

    const audit = rest(world.baseUrl, auditor);
    await get(audit, `/api/audit?caseId=${caseId}`);
    await get(audit, `/api/audit/cases?reference=${reference}`);
    await get(audit, '/api/audit/users');
    await post(audit, '/api/audit/children', { firstName: 'Amelia', lastName: 'Test', dateOfBirth: '2017-03-14' });
    await get(audit, `/api/audit/record?reference=${reference}`);
    await get(audit, `/api/audit/access-report?userId=${lead.user.userId}&from=${today}&to=${today}`);
  });

  it('acknowledges and pushes on sockets what the document says', async () => {
    const socket: MashSocket = await connectSocket(world.baseUrl, lead);
    try {
      const joined = await new Promise<Ack<JoinResult>>((resolve) => socket.emit('case.join', { caseId }, resolve));
      expect(joined.ok).toBe(true);
      if (joined.ok) expectValid('case.join result', document['x-socket-io'].clientToServer['case.join']!.result.$ref, joined.result);
      const pushed = new Promise<unknown>((resolve) => socket.once('case.event', resolve));
      expectResult(await rest(world.baseUrl, police).command('contribution.add', factPayload(caseId)));
      expectValid('case.event', document['x-socket-io'].serverToClient['case.event']!.payload.$ref, await pushed);
    } finally {
      socket.disconnect();
    }
  });

  it('signs out as the document says', async () => {
    const session = await signIn(world.baseUrl, 'dsl.morgan');
    const res = await fetch(`${world.baseUrl}/api/session`, { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: world.baseUrl } });
    expect(res.status).toBe(204);
    expect(document.paths['/api/session']!.delete!.responses['204']!.content).toBeUndefined();
  });

  it('covered the main routes', () => {
    expect(checked.size).toBeGreaterThanOrEqual(50);
  });
});
