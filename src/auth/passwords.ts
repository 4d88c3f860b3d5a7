import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** @node-rs/argon2's Algorithm.Argon2id: a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2;

/** argon2id at OWASP's minimum: 19 MiB, two passes, one lane (about 20 ms a hash here). */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password that login verifies against for an unknown login id, so the answer
 * takes as long as for a known id with a wrong password. Made once, when the service is built, so
 * that not even the first login pays for making it.
 */
export function createDecoyHash(): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64'));
}
