/**
 * Starts the test OpenID Connect provider (oidc-provider-process.ts) as a child process on a free
 * loopback port, waits until its discovery document answers, and steers it for the tests.
 */
import { spawn } from 'node:child_process';
import { exited, freePort, waitUntil } from './ports.ts';
import { REPO_ROOT } from './server.ts';

export interface ProviderClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
}

export interface OidcProviderHandle {
  issuer: string;
  /** Make the token endpoint misbehave (see oidc-provider-process.ts), or be `honest` again. */
  setMode(mode: 'honest' | 'tamper-id-token' | 'wrong-nonce'): Promise<void>;
  /** Replace one account's claims (sub stays the login). */
  setAccount(login: string, claims: Record<string, unknown>): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

export async function startOidcProvider(setup: { clients: ProviderClient[]; accounts: Record<string, Record<string, unknown>> }): Promise<OidcProviderHandle> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/oidc-provider-process.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'development', OIDC_TEST_PROVIDER: JSON.stringify({ port, ...setup }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  await waitUntil(`OIDC provider on ${issuer}`, async () => (await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2_000) })).ok, {
    timeoutMs: 45_000,
    intervalMs: 100,
    abort: () => (child.exitCode !== null ? `exited (${child.exitCode}):\n${log}` : undefined),
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  async function control(path: string, body: string): Promise<void> {
    const res = await fetch(`${issuer}${path}`, { method: 'POST', body });
    if (res.status !== 204) throw new Error(`test provider control ${path}: ${res.status} ${await res.text()}`);
  }

  return {
    issuer,
    setMode: (mode) => control('/__test/mode', mode),
    setAccount: (login, claims) => control(`/__test/accounts/${encodeURIComponent(login)}`, JSON.stringify(claims)),
    output: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      if (!(await exited(child, 5_000))) child.kill('SIGKILL');
    },
  };
}
