/**
 * `npm run bench [board|deadlines|audit|history|sizing|client|all] [--options]`: runs each named benchmark in its own process
 * (each starts and stops its own redis-server and servers) and passes the options on.
 * See board.ts, deadlines.ts, audit.ts, history.ts, sizing.ts and client.ts for what each measures and its options.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SUITES = ['board', 'deadlines', 'audit', 'history', 'sizing', 'client'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const options = process.argv.slice(2).filter((a) => a.startsWith('--'));
const chosen = names.length === 0 || names.includes('all') ? [...SUITES] : names;

for (const name of chosen) {
  if (!(SUITES as readonly string[]).includes(name)) {
    process.stderr.write(`Unknown benchmark "${name}". Choose from: ${SUITES.join(', ')}, all.\n`);
    process.exit(2);
  }
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`), ...options], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
