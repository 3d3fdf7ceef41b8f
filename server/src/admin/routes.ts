/**
 * Administration of accounts, agencies and failed jobs (admin) and the audit viewer (auditor).
 * Every change is audited, and a change that must take effect at once (disable, new role, password
 * reset, end sessions) ends the user's sessions and closes their live sockets on every server
 * process.
 */
import { Router } from 'express';
import { z } from 'zod';
import { AGENCY_ID_PATTERN, ChangeRoleSchema, CreateUserSchema, IdSchema, IsoDateSchema, ResetPasswordSchema, type Actor, type AdminUserListing, type AuditRecord } from '@mashboard/shared';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited } from '../audit/audited.ts';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { UserRecord, Users } from '../auth/users.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { parseOrRefuse, refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { AgencyStore } from './agencies.ts';
import type { FailedJob } from '../deadlines/scheduler.ts';
import { auditCsv, checkExportPeriod, EXPORT_PERIOD_FIELDS } from '../exports.ts';

function listing(u: UserRecord): AdminUserListing {
  return { userId: u.id, username: u.username, name: u.name, agency: u.agency, role: u.role, disabled: u.disabled, signIn: u.sso ? 'sso' : 'password' };
}

export const NewAgencySchema = z
  .object({
    /** A short id, e.g. "early-help-hub": lower-case letters, digits and "-". */
    id: z.string({ error: 'id is required' }).regex(AGENCY_ID_PATTERN, 'use 2 to 40 lower-case letters, digits or "-", starting with a letter'),
    name: z.string({ error: 'name is required' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  })
  .strict();

export const ChangeAgencySchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    /** false: no longer a partner (history still names it; nothing new may). */
    active: z.boolean().optional(),
  })
  .strict()
  .refine((c) => c.name !== undefined || c.active !== undefined, { message: 'change the name or whether it is active', path: ['name'] });

/** The auditor's look-up of a case by its reference (`GET /api/audit/cases?reference=`). */
export const AuditCaseLookupSchema = z.object({ reference: z.string().trim().min(1, 'give a case reference').max(40) }).strict();

export const AuditQuerySchema = z
  .object({
    caseId: IdSchema.optional(),
    userId: IdSchema.optional(),
    /** From this day (YYYY-MM-DD, UTC), inclusive. */
    from: IsoDateSchema.optional(),
    /** Up to this day (YYYY-MM-DD, UTC), exclusive. */
    to: IsoDateSchema.optional(),
    /** At most this many entries, newest first (default 500). */
    limit: z.coerce.number().int().min(1).max(5000).optional(),
  })
  .strict()
  .refine((q) => Boolean(q.caseId) !== Boolean(q.userId), { message: 'give either caseId or userId', path: ['caseId'] });

/** The most audit entries one CSV export holds (newest first). */
export const AUDIT_CSV_LIMIT = 50_000;

/** GET /api/audit.csv: a case's or a user's audit entries over a period of at most CSV_PERIOD_LIMIT_DAYS days. */
export const AuditExportQuerySchema = z
  .object({ caseId: IdSchema.optional(), userId: IdSchema.optional(), ...EXPORT_PERIOD_FIELDS })
  .strict()
  .refine((q) => Boolean(q.caseId) !== Boolean(q.userId), { message: 'give either caseId or userId', path: ['caseId'] })
  .superRefine(checkExportPeriod);

export function adminRoutes(deps: {
  users: Users;
  sessions: Sessions;
  audit: AuditLog;
  /** Close the user's sockets everywhere, telling them why. */
  endUserSockets: (userId: string, reason: string) => void;
  /** A case by reference; an erased case answers with its tombstone in `erased`. */
  findCaseByReference: (reference: string) => Promise<{ caseId: string; reference: string; erased?: import('@mashboard/shared').CaseTombstone } | null>;
  /** The references of cases by id (erased ones from their tombstones). */
  referencesOf?: (caseIds: readonly string[]) => Promise<Map<string, string>>;
  agencies: AgencyStore;
  /** The deadline queue's jobs that failed every retry. */
  failedJobs: () => Promise<FailedJob[]>;
}): Router {
  const { users, sessions, audit } = deps;
  const router = Router();

  async function existingUser(userId: string): Promise<UserRecord> {
    const user = await users.get(String(userId));
    if (!user) refuse('not-found', `No user ${userId}.`);
    return user;
  }

  async function endEverywhere(userId: string, reason: string) {
    await sessions.endAllFor(userId);
    deps.endUserSockets(userId, reason);
  }

  router.get(
    '/admin/users',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const all = await audited(audit, { action: 'users.read', actor: auditActor(actor), objectType: 'user' }, viaRest(req), async () => {
        authorize(actor, 'users.admin');
        return users.all();
      });
      res.json({ users: all.map(listing) });
    }),
  );

  router.post(
    '/admin/users',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const created = await audited(
        audit,
        { action: 'user.create', actor: auditActor(actor), objectType: 'user' },
        viaRest(req),
        async () => {
          authorize(actor, 'users.admin');
          const input = parseOrRefuse(CreateUserSchema, req.body);
          if (await users.findByUsername(input.username)) {
            refuse('conflict', `The username ${input.username} is taken.`, [{ path: 'username', message: 'is taken' }]);
          }
          return users.create(input);
        },
        'succeeded',
        (u) => ({ objectId: u.id, detail: `${u.username} as ${u.role}, ${u.agency}` }),
      );
      res.status(201).json({ user: listing(created) });
    }),
  );

  const change = (path: string, action: string, apply: (user: UserRecord, body: unknown, actor: Actor) => Promise<string>) =>
    router.post(
      `/admin/users/:userId/${path}`,
      requireCsrf,
      handle(async (req, res) => {
        const actor = requireAuth(req).actor;
        const userId = String(req.params.userId);
        await audited(
          audit,
          { action, actor: auditActor(actor), objectType: 'user', objectId: userId },
          viaRest(req),
          async () => {
            authorize(actor, 'users.admin');
            const user = await existingUser(userId);
            if (user.id === actor.userId && action !== 'user.password-reset') refuse('conflict', 'Ask another administrator to change your own account.');
            return apply(user, req.body, actor);
          },
          'succeeded',
          (detail) => ({ detail }),
        );
        res.json({ user: listing((await users.get(userId))!) });
      }),
    );

  change('disable', 'user.disable', async (user) => {
    await users.setDisabled(user.id, true);
    await endEverywhere(user.id, 'Your account was disabled by an administrator.');
    return 'disabled';
  });
  change('enable', 'user.enable', async (user) => {
    await users.setDisabled(user.id, false);
    return 'enabled';
  });
  change('role', 'user.role-change', async (user, body) => {
    const { role, agency } = parseOrRefuse(ChangeRoleSchema, body);
    if (user.sso) {
      refuse(
        'conflict',
        `${user.name} signs in through single sign-on: their agency and role come from the mapping at each sign-in. Change their group at the identity provider (or disable the account here).`,
      );
    }
    await users.setRole(user.id, role, agency);
    await endEverywhere(user.id, 'Your role changed: sign in again.');
    return `from ${user.role}, ${user.agency} to ${role}, ${agency}`;
  });
  change('password', 'user.password-reset', async (user, body, actor) => {
    const { password, currentPassword } = parseOrRefuse(ResetPasswordSchema, body);
    if (user.sso) refuse('conflict', `${user.name} signs in through single sign-on and has no Mashboard password; a password would be a second way in.`);
    if (user.id === actor.userId && !(await verifyPassword(user.passwordHash, currentPassword ?? ''))) {
      const message = 'enter your current password to change your own';
      refuse('invalid', `Invalid input: currentPassword: ${message}`, [{ path: 'currentPassword', message }]);
    }
    await users.setPassword(user.id, password);
    await endEverywhere(user.id, 'Your password was reset: sign in with the new one.');
    return 'password reset';
  });
  change('end-sessions', 'user.sessions-end', async (user) => {
    await endEverywhere(user.id, 'An administrator ended your session.');
    return 'sessions ended';
  });

  router.get(
    '/audit',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const query = parseOrRefuse(AuditQuerySchema, req.query);
      const entries = await audited(
        audit,
        { action: 'audit.read', actor: auditActor(actor), objectType: query.caseId ? 'case' : 'user', objectId: (query.caseId ?? query.userId)! },
        viaRest(req),
        async () => {
          authorize(actor, 'audit.read');
          return audit.entriesFor(query.caseId ? { caseId: query.caseId } : { userId: query.userId! }, {
            ...(query.from ? { fromMs: Date.parse(`${query.from}T00:00:00Z`) } : {}),
            ...(query.to ? { toMs: Date.parse(`${query.to}T00:00:00Z`) } : {}),
            ...(query.limit ? { limit: query.limit } : {}),
          });
        },
      );
      // Each case also named by its reference: the auditor's page shows references, never ids.
      const references = deps.referencesOf ? await deps.referencesOf(entries.flatMap((e) => (e.caseId ? [e.caseId] : []))) : new Map<string, string>();
      const records: (AuditRecord & { reference?: string })[] = entries.map(({ prevHash: _p, ...e }) => {
        const reference = e.caseId ? references.get(e.caseId) : undefined;
        return { ...e, ...(reference ? { reference } : {}) };
      });
      res.json({ entries: records });
    }),
  );

  router.get(
    '/audit.csv',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const query = parseOrRefuse(AuditExportQuerySchema, req.query);
      const entries = await audited(
        audit,
        { action: 'audit.export', actor: auditActor(actor), objectType: query.caseId ? 'case' : 'user', objectId: (query.caseId ?? query.userId)!, detail: `csv ${query.from} to ${query.to}` },
        viaRest(req),
        async () => {
          authorize(actor, 'audit.read');
          return audit.entriesFor(query.caseId ? { caseId: query.caseId } : { userId: query.userId! }, {
            fromMs: Date.parse(`${query.from}T00:00:00Z`),
            toMs: Date.parse(`${query.to}T00:00:00Z`),
            limit: AUDIT_CSV_LIMIT,
          });
        },
      );
      res
        .set('Content-Disposition', `attachment; filename="audit-${query.caseId ? 'case' : 'user'}-${query.from}-to-${query.to}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(auditCsv(entries.map(({ prevHash: _p, ...e }) => e)));
    }),
  );

  router.get(
    '/agencies',
    handle(async (req, res) => {
      requireAuth(req);
      res.json({ agencies: await deps.agencies.all() });
    }),
  );

  router.post(
    '/admin/agencies',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const created = await audited(
        audit,
        { action: 'agency.create', actor: auditActor(actor), objectType: 'agency' },
        viaRest(req),
        async () => {
          authorize(actor, 'agencies.admin');
          const input = parseOrRefuse(NewAgencySchema, req.body);
          if (await deps.agencies.get(input.id)) refuse('conflict', `An agency with id ${input.id} exists.`, [{ path: 'id', message: 'is taken' }]);
          const agency = { ...input, active: true };
          await deps.agencies.save(agency);
          return agency;
        },
        'succeeded',
        (a) => ({ objectId: a.id, detail: a.name }),
      );
      res.status(201).json({ agency: created });
    }),
  );

  router.post(
    '/admin/agencies/:agencyId',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const agencyId = String(req.params.agencyId).slice(0, 40);
      const changed = await audited(
        audit,
        { action: 'agency.change', actor: auditActor(actor), objectType: 'agency', objectId: agencyId },
        viaRest(req),
        async () => {
          authorize(actor, 'agencies.admin');
          const change = parseOrRefuse(ChangeAgencySchema, req.body);
          const existing = await deps.agencies.get(agencyId);
          if (!existing) refuse('not-found', `No agency ${agencyId}.`);
          const agency = { ...existing, ...change };
          await deps.agencies.save(agency);
          return agency;
        },
        'succeeded',
        (a) => ({ detail: `${a.name}${a.active ? '' : ' (inactive)'}` }),
      );
      res.json({ agency: changed });
    }),
  );

  router.get(
    '/admin/jobs/failed',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'jobs.read');
      const jobs = await audited(audit, { action: 'jobs.read', actor: auditActor(actor), objectType: 'job' }, viaRest(req), () => deps.failedJobs());
      res.json({ jobs });
    }),
  );

  // An auditor may not read cases, but must be able to find the one they are asked about.
  router.get(
    '/audit/cases',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const { reference } = parseOrRefuse(AuditCaseLookupSchema, req.query);
      const found = await audited(audit, { action: 'audit.case-lookup', actor: auditActor(actor), objectType: 'case', detail: `reference ${reference}` }, viaRest(req), async () => {
        authorize(actor, 'audit.read');
        const match = await deps.findCaseByReference(reference);
        if (!match) refuse('not-found', `No case with reference ${reference}.`);
        return match;
      });
      res.json(found);
    }),
  );

  router.get(
    '/audit/users',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const all = await audited(audit, { action: 'audit.users-read', actor: auditActor(actor), objectType: 'user' }, viaRest(req), async () => {
        authorize(actor, 'audit.read');
        return users.all();
      });
      res.json({ users: all.map(listing) });
    }),
  );

  return router;
}
