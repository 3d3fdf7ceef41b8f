import { describe, expect, it } from 'vitest';
import { appendArguments, canonicalJson, GENESIS_HASH, hashEntry, type AuditEntry } from './audit-log.ts';

const event = {
  action: 'case.read',
  outcome: 'allowed' as const,
  actor: { userId: 'u1', name: 'Sam', agency: 'police' as const, role: 'practitioner' as const },
  caseId: 'c1',
  at: '2026-11-21T09:00:00.000Z',
  prevHash: GENESIS_HASH,
};

describe('audit hashing', () => {
  it('is the same whatever the order of keys, at every depth', () => {
    const reordered = {
      prevHash: event.prevHash,
      at: event.at,
      caseId: 'c1',
      outcome: 'allowed' as const,
      action: 'case.read',
      actor: { role: 'practitioner' as const, agency: 'police' as const, name: 'Sam', userId: 'u1' },
    };
    expect(canonicalJson(reordered)).toBe(canonicalJson(event));
    expect(hashEntry(GENESIS_HASH, reordered)).toBe(hashEntry(GENESIS_HASH, event));
  });

  it('changes when any field changes, nested ones included', () => {
    const base = hashEntry(GENESIS_HASH, event);
    expect(hashEntry(GENESIS_HASH, { ...event, actor: { ...event.actor, userId: 'u2' } })).not.toBe(base);
    expect(hashEntry(GENESIS_HASH, { ...event, outcome: 'denied' })).not.toBe(base);
    expect(hashEntry('f'.repeat(64), event)).not.toBe(base);
  });
});

describe('audit append script arguments', () => {
  const entry = (caseId: string | undefined, userId: string | undefined): AuditEntry => ({
    action: 'case.read',
    outcome: 'allowed',
    ...(userId ? { actor: { userId, name: 'Sam', agency: 'police', role: 'practitioner' } } : {}),
    ...(caseId ? { caseId } : {}),
    at: event.at,
    prevHash: GENESIS_HASH,
    hash: 'h',
  });

  it('declares every index key it writes, once each, all in the {audit} slot', () => {
    const { keys, args } = appendArguments('a', 'b', [entry('c1', 'u1'), entry('c1', 'u2'), entry(undefined, undefined)]);
    expect(keys).toEqual(['mash:{audit}:log', 'mash:{audit}:head', 'mash:{audit}:by-case:c1', 'mash:{audit}:by-user:u1', 'mash:{audit}:by-user:u2']);
    expect(keys.every((k) => k.startsWith('mash:{audit}:'))).toBe(true);
    // expected head, new head, n, 3 entries, then (case, actor, subject user) KEYS positions per entry (1-based; 0 = none).
    expect(args.slice(0, 3)).toEqual(['a', 'b', 3]);
    expect(args.slice(6)).toEqual([3, 4, 0, 3, 5, 0, 0, 0, 0]);
  });

  it("files an action on a person's account under that person as well as under who did it", () => {
    const reset = { ...entry(undefined, 'admin1'), action: 'user.password-reset', objectType: 'user', objectId: 'u9' };
    const own = { ...entry(undefined, 'u9'), action: 'sign-in', objectType: 'user', objectId: 'u9' };
    const { keys, args } = appendArguments('a', 'b', [reset, own]);
    expect(keys.slice(2)).toEqual(['mash:{audit}:by-user:admin1', 'mash:{audit}:by-user:u9']);
    expect(args.slice(5)).toEqual([0, 3, 4, 0, 4, 0]);
  });
});
