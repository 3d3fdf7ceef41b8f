/**
 * `npm start` / `npm run demo`: find or start Redis, start the server, print where to sign in,
 * and shut down cleanly on SIGINT/SIGTERM.
 */
import { loadConfig } from '../config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/seed.ts';
import { startServer } from '../main.ts';
import { describeTarget } from '../redis.ts';
import { findRedis } from './ensure-redis.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const env = { ...process.env };
  if (process.argv.includes('--demo')) env.MASH_DEMO = '1';
  const config = loadConfig(env);
  const redis = await findRedis(config, env.REDIS_URL, say);
  const server = await startServer({ ...config, redis: redis.target });

  say(`Mashboard is running at ${server.url}  (Redis: ${describeTarget(redis.target)})`);
  if (config.demo) {
    say('Demo mode: fictional data only. Sign in as any of these, password "' + DEMO_PASSWORD + '":');
    for (const a of DEMO_ACCOUNTS) say(`  ${a.username.padEnd(12)} ${a.name} (${a.agency}, ${a.role})`);
  }

  const stop = async (signal: string) => {
    say(`${signal}: stopping`);
    // Bounded, so a stop never waits on a Redis that is away.
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 10_000))]);
    redis.child?.kill('SIGTERM');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
