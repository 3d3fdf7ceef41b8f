/**
 * `npm run audit:verify`: walk the whole audit chain, recompute every hash, and name the first
 * broken link. Exit 0 when intact, 1 when broken, 2 when it could not be checked.
 */
import { loadConfig } from '../config.ts';
import { connectRedis } from '../redis.ts';
import { verifyAuditChain } from '../audit/audit-log.ts';
import { checkCluster } from './ensure-redis.ts';

async function main() {
  const config = loadConfig();
  await checkCluster(config.redis);
  const redis = connectRedis(config.redis, 'audit-verify');
  try {
    const result = await verifyAuditChain(redis);
    if (result.ok) {
      process.stdout.write(`Audit chain intact: ${result.checked} entries, head ${result.head}\n`);
      process.exitCode = 0;
    } else {
      const b = result.firstBroken!;
      process.stdout.write(`Audit chain BROKEN at entry ${b.index} (stream id ${b.id}): ${b.reason}. ${result.checked} entries before it are intact.\n`);
      process.exitCode = 1;
    }
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not verify the audit chain: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
