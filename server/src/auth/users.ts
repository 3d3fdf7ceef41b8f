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
  /** Empty for an account that signs in only through single sign-on. */
  passwordHash: string;
  disabled: boolean;
  /** The provider identity an account first seen through single sign-on signs in as. */
  sso?: SsoIdentity;
}

/** Who a person is at an identity provider: its issuer and their subject there (never reassigned). */
export interface SsoIdentity {
  issuer: string;
  subject: string;
}

export interface NewSsoUser {
  identity: SsoIdentity;
  username: string;
  name: string;
  agency: AgencyId;
  role: Role;
}

/** The by-sso-subject field of an identity: the issuer is a URL (no spaces), so the first space ends it. */
const subjectField = ({ issuer, subject }: SsoIdentity) => `${issuer} ${subject}`;

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
    passwordHash: h.passwordHash ?? '',
    disabled: h.disabled === '1',
    ...(h.ssoIssuer && h.ssoSubject ? { sso: { issuer: h.ssoIssuer, subject: h.ssoSubject } } : {}),
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
    await this.changed();
    return user;
  }

  /** The accounts changed: lists read before (e.g. alert recipients') are out of date. */
  private async changed(): Promise<void> {
    await this.redis.incr(keys.usersVersion());
  }

  /** A value that moves whenever the list of active accounts, their roles or agencies may have. */
  async listVersion(): Promise<string> {
    return (await this.redis.get(keys.usersVersion())) ?? '0';
  }

  /**
   * Create the account of someone first seen through single sign-on, with the agency and role
   * the mapping gave them and no password. Answers the existing account if the same identity was
   * created meanwhile (two tabs); null when the username belongs to another account.
   */
  async createFromSso(input: NewSsoUser): Promise<UserRecord | null> {
    const username = input.username.trim().toLowerCase();
    const id = randomUUID();
    const user: UserRecord = { id, username, name: input.name, agency: input.agency, role: input.role, passwordHash: '', disabled: false, sso: input.identity };
    // The record first (found by nothing yet), then the identity, then the username: whichever
    // claim is lost, what was written is taken back and nothing points at a half-made account.
    await this.redis.hset(keys.user(id), {
      id,
      username,
      name: user.name,
      agency: user.agency,
      role: user.role,
      passwordHash: '',
      disabled: '0',
      ssoIssuer: input.identity.issuer,
      ssoSubject: input.identity.subject,
    });
    if (!(await this.redis.hsetnx(keys.usersBySsoSubject(), subjectField(input.identity), id))) {
      await this.redis.del(keys.user(id));
      return this.findBySso(input.identity);
    }
    if (!(await this.redis.hsetnx(keys.usersByUsername(), username, id))) {
      await this.redis.hdel(keys.usersBySsoSubject(), subjectField(input.identity));
      await this.redis.del(keys.user(id));
      return null;
    }
    await this.changed();
    return user;
  }

  /** The account a provider identity signs in as, if it has been seen before. */
  async findBySso(identity: SsoIdentity): Promise<UserRecord | null> {
    const id = await this.redis.hget(keys.usersBySsoSubject(), subjectField(identity));
    return id ? this.get(id) : null;
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
    await this.changed();
  }

  async setRole(id: string, role: Role, agency: AgencyId): Promise<void> {
    await this.redis.hset(keys.user(id), { role, agency });
    await this.changed();
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
