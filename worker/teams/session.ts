/**
 * Sessions of people: a random 32-byte token in an HttpOnly, SameSite=Strict cookie (Secure when
 * served over https); only its SHA-256 is stored, so a copy of the database signs no one in. A
 * session lasts 14 days, and ends at sign-out, at "sign out everywhere", when the member changes
 * their password, or (for that site) when the member is removed.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { randomToken, sha256Hex } from '../lib/crypto';
import { insertSession } from './sql';

export const SESSION_COOKIE = 'seda_session';
export const SESSION_MS = 14 * 24 * 3_600_000;

const secure = (c: Context) => new URL(c.req.url).protocol === 'https:';

/** The hash of the session token the request carries, if any. */
export async function sessionHashOf(c: Context): Promise<string | null> {
  const token = getCookie(c, SESSION_COOKIE);
  return token && token.length <= 128 ? sha256Hex(token) : null;
}

/** Starts a session (the statement to run, with any others in one batch) and sets its cookie. */
export async function startSession(c: Context<AppEnv>, memberId: string, siteId: string, now = Date.now()) {
  const token = randomToken(32);
  const tokenHash = await sha256Hex(token);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(c),
    path: '/',
    maxAge: SESSION_MS / 1000,
  });
  return { tokenHash, stmt: insertSession(c.env.DB, { tokenHash, memberId, siteId }, now, now + SESSION_MS) };
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c), httpOnly: true, sameSite: 'Strict' });
}
