/** Password hashing: argon2id at OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). */
import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { refuse } from '../errors.ts';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verify; with no stored hash, still spend the same time so timing never reveals whether an account exists. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-account-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

/**
 * zxcvbn with its lists of common and breached passwords (about 30,000), English words and names,
 * and keyboard layouts: built on first use (a few tens of milliseconds), then kept.
 */
let estimator: ZxcvbnFactory | undefined;
const strength = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations }));

/**
 * Refuse a new password found among common or breached passwords, or one a cracker would find in
 * under a million guesses (a sequence, a keyboard walk, a word with a year): zxcvbn score below 2
 * (ASVS 6.2.4). The error names the field and says why. `context` (the username, the name) counts
 * as guessable too.
 */
export function refuseWeakPassword(password: string, context: string[] = []): void {
  const result = strength().check(password, context);
  if (result.score >= 2) return;
  const warning = result.feedback.warning ?? '';
  const why = /personal/i.test(warning) ? 'it contains your name or username' : warning ? warning.replace(/\.$/, '').toLowerCase() : 'it follows a simple pattern';
  const message = `is too easy to guess (${why}); a few random words make a strong password`;
  refuse('invalid', `Invalid input: password: ${message}`, [{ path: 'password', message }]);
}
