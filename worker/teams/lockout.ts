/**
 * Sign-in attempts are limited per email and per client IP: 5 failures for one email, or 30 from
 * one address, within 15 minutes lock that email (or address) for 15 minutes. Per email stops
 * guessing one person's password from many addresses; per IP stops one address trying many emails.
 * A success clears the email's count. While locked, even the right password is refused (429).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';
import { clearFailures, failureStmt, failures } from './sql';

const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
export const EMAIL_LIMIT = 5;
export const IP_LIMIT = 30;

const ipOf = (c: Context) => c.req.header('cf-connecting-ip') ?? 'unknown';
/** The lockout keys of an attempt: the address always, the email when one was given (a passkey names none). */
const keysOf = (c: Context, email?: string) => [`ip:${ipOf(c)}`, ...(email === undefined ? [] : [`email:${email}`])];

/** Refuses (429, Retry-After) while the email or the address is locked. */
export async function assertNotLocked(c: Context<AppEnv>, email?: string, now = Date.now()): Promise<void> {
  const rows = await failures(c.env.DB, keysOf(c, email));
  const until = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
  if (until > now) {
    const retry = Math.ceil((until - now) / 1000);
    throw new ApiError(
      429,
      'locked',
      `too many failed sign-ins; try again in ${Math.ceil(retry / 60)} minutes`,
      undefined,
      { 'Retry-After': String(retry) },
    );
  }
}

export async function recordFailure(c: Context<AppEnv>, email?: string, now = Date.now()): Promise<void> {
  await c.env.DB.batch(
    keysOf(c, email).map((key) =>
      failureStmt(c.env.DB, key, key.startsWith('ip:') ? IP_LIMIT : EMAIL_LIMIT, WINDOW_MS, LOCK_MS, now),
    ),
  );
}

export const recordSuccess = (c: Context<AppEnv>, email: string) => clearFailures(c.env.DB, `email:${email}`);
