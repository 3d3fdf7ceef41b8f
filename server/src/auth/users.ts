/** Local user accounts. Owns the `mash:{users}:*` keys. */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis.ts';
import { agencyName, ROLE_LABELS, type AgencyId, type Role, type SessionUser, type UserListing } from '@mashboard/shared';
import { keys } from '../store/keys.ts';
import { hashPassword, refuseWeakPassword } from './passwords.ts';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  agency: AgencyId;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

export interface NewUser {
  username: string;
  name: string;
  agency: AgencyId;
  role: Role;
  password: string;
}

function fromHash(h: Record<string, string>): UserRecord | null {
  if (!h.id) return null;
  return {
    id: h.id,
    username: h.username!,
    name: h.name!,
    agency: h.agency as AgencyId,
    role: h.role as Role,
    passwordHash: h.passwordHash!,
    disabled: h.disabled === '1',
  };
}

export function toSessionUser(user: UserRecord): SessionUser {
  return {
    userId: user.id,
    username: user.username,
    name: user.name,
    agency: user.agency,
    agencyName: agencyName(user.agency),
    role: user.role,
    roleLabel: ROLE_LABELS[user.role],
  };
}

export class Users {
  constructor(private readonly redis: RedisClient) {}

  /** Create an account; refuses a username already taken. */
  async create(input: NewUser): Promise<UserRecord> {
    const username = input.username.trim().toLowerCase();
    refuseWeakPassword(input.password, [username, input.name]);
    const id = randomUUID();
    const claimed = await this.redis.hsetnx(keys.usersByUsername(), username, id);
    if (!claimed) throw new Error(`username ${username} is taken`);
    const user: UserRecord = { id, username, name: input.name, agency: input.agency, role: input.role, passwordHash: await hashPassword(input.password), disabled: false };
    await this.redis.hset(keys.user(id), { ...user, disabled: '0' });
    return user;
  }

  async get(id: string): Promise<UserRecord | null> {
    return fromHash(await this.redis.hgetall(keys.user(id)));
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const id = await this.redis.hget(keys.usersByUsername(), username.trim().toLowerCase());
    return id ? this.get(id) : null;
  }

  /** Every account, disabled ones included (admin). */
  async all(): Promise<UserRecord[]> {
    const ids = await this.redis.hvals(keys.usersByUsername());
    const users = await Promise.all(ids.map((id) => this.get(id)));
    return users.filter((u): u is UserRecord => u !== null).sort((a, b) => a.name.localeCompare(b.name));
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.redis.hset(keys.user(id), 'disabled', disabled ? '1' : '0');
  }

  async setRole(id: string, role: Role, agency: AgencyId): Promise<void> {
    await this.redis.hset(keys.user(id), { role, agency });
  }

  async setPassword(id: string, password: string): Promise<void> {
    const user = await this.get(id);
    refuseWeakPassword(password, user ? [user.username, user.name] : []);
    await this.redis.hset(keys.user(id), 'passwordHash', await hashPassword(password));
  }

  async list(): Promise<UserListing[]> {
    const ids = await this.redis.hvals(keys.usersByUsername());
    const users = await Promise.all(ids.map((id) => this.get(id)));
    return users
      .filter((u): u is UserRecord => u !== null && !u.disabled)
      .map((u) => ({ userId: u.id, name: u.name, agency: u.agency, role: u.role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
