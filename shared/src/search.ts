/**
 * Search keys: the index terms under which a case is found, and the terms a search looks up.
 * A search reads only the cases filed under its terms (never every child ever held), then the
 * matcher in `matching.ts` scores them; so every pair the matcher would match must share a term.
 */
import type { Child } from './cases.ts';
import { nameKey, normaliseName } from './matching.ts';

/** What a child is filed under: identifiers exactly, date of birth, and name keys. */
export function childSearchKeys(child: Pick<Child, 'firstName' | 'lastName' | 'dateOfBirth' | 'expectedDateOfBirth' | 'identifiers'>): string[] {
  const keys = new Set<string>();
  const ids = child.identifiers;
  if (ids?.nhsNumber) keys.add(`nhs:${ids.nhsNumber.replace(/\D/g, '')}`);
  if (ids?.upn) keys.add(`upn:${ids.upn.toUpperCase()}`);
  if (ids?.localId) keys.add(`local:${ids.localId.trim().toLowerCase()}`);
  const born = child.dateOfBirth ?? child.expectedDateOfBirth;
  if (born) keys.add(`dob:${born}`);
  for (const part of normaliseName(child.lastName).split(' ')) if (part) keys.add(`last:${nameKey(part)}`);
  return [...keys];
}

/** What a case is filed under: each child's keys and its reference. */
export function caseSearchKeys(summary: { reference: string; children: readonly Child[] }): string[] {
  const keys = new Set<string>([`ref:${summary.reference.toUpperCase()}`]);
  for (const child of summary.children) for (const key of childSearchKeys(child)) keys.add(key);
  return [...keys];
}

/** The terms a search for this child looks up (see `childSearchKeys`, which files them). */
export function childQueryKeys(child: Pick<Child, 'firstName' | 'lastName' | 'dateOfBirth' | 'expectedDateOfBirth'> & { identifiers?: Child['identifiers'] }): string[] {
  return childSearchKeys(child);
}
