/** One of the server's command-line tools (`server/src/cli/<name>.ts`) as a real process. */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './server.ts';

/** Runs the tool to its end (killed after 45 s) with these settings over the test's own environment. */
export function runCli(name: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const processEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env };
  if (env.REDIS_CLUSTER_NODES) delete processEnv.REDIS_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `server/src/cli/${name}.ts`, ...args], { cwd: REPO_ROOT, env: processEnv });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
