import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashEntry } from './audit-log.ts';

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
    const reordered = { prevHash: event.prevHash, at: event.at, caseId: 'c1', outcome: 'allowed' as const, action: 'case.read', actor: { role: 'practitioner' as const, agency: 'police' as const, name: 'Sam', userId: 'u1' } };
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
