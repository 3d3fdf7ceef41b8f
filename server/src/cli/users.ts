/**
 * `npm run user:create -- --username a.smith --name "Alex Smith" --agency police --role practitioner`
 * creates a local account; the password is read from MASH_NEW_USER_PASSWORD or typed at the prompt
 * (never a command-line argument, which other users of the machine could see).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AgencyIdSchema, RoleSchema } from '@mashboard/shared';
import { Users } from '../auth/users.ts';
import { loadConfig } from '../config.ts';
import { connectRedis } from '../redis.ts';
import { checkCluster } from './ensure-redis.ts';
import { AgencyStore } from '../admin/agencies.ts';
import { createLogger } from '../logger.ts';
import { migrate } from '../store/migrate.ts';

const ArgsSchema = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,60}$/, 'use 3-60 lower-case letters, digits, ".", "_" or "-"'),
  name: z.string().trim().min(1).max(200),
  agency: AgencyIdSchema,
  role: RoleSchema,
});

async function main() {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' }, role: { type: 'string' } },
  });
  const config = loadConfig();
  await checkCluster(config.redis);
  const redis = connectRedis(config.redis, 'cli');
  await migrate(redis, createLogger('warn'));
  await new AgencyStore(redis, createLogger('warn')).start();
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    for (const i of parsed.error.issues) process.stderr.write(`--${i.path.join('.')}: ${i.message}\n`);
    redis.disconnect();
    process.exit(2);
  }
  let password = process.env.MASH_NEW_USER_PASSWORD ?? '';
  if (!password) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('Password (at least 12 characters): ');
    rl.close();
  }
  if (password.length < 12) {
    process.stderr.write('The password must have at least 12 characters.\n');
    redis.disconnect();
    process.exit(2);
  }
  try {
    const user = await new Users(redis).create({ ...parsed.data, password });
    process.stdout.write(`Created ${user.username} (${user.name}, ${user.agency}, ${user.role}).\n`);
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
