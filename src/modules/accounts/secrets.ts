import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A fresh secret: 32 random bytes, URL-safe, behind a prefix that says what it is. */
export const newSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** What is stored of a secret: its SHA-256 (the secret has 256 bits; no slow hash is needed). */
export const digestOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** The CSRF token of a session: derived from the cookie's secret, so that only its holder can tell it. */
export const csrfOf = (sessionSecret: string): string =>
  createHmac('sha256', sessionSecret).update('reach-csrf').digest('base64url');

/** Whether two texts are equal, in a time that does not tell where they differ. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A password's argon2id hash, with the library's defaults (m = 19 MiB, t = 2, p = 1: OWASP's
 * recommended minimum for argon2id).
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** A hash of nothing anyone knows, checked when no account has the email, so that both take as long. */
let decoy: Promise<string> | null = null;

/** Whether a password fits a stored hash; with no hash, a check of equal cost that fails. */
export async function passwordFits(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hash(randomBytes(16).toString('hex'));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
