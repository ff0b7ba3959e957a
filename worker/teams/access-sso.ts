/**
 * Single sign-on through Cloudflare Access. Access puts a signed JWT in `Cf-Access-Jwt-Assertion` on
 * every request it lets through; it is verified with `jose` against the team's public keys
 * (`ACCESS_TEAM_DOMAIN/cdn-cgi/access/certs`, fetched and cached by jose's remote key set), for the
 * application's audience (`ACCESS_AUD`) and issuer (the team domain). Its `email` claim names the
 * member; Access has already checked who they are, so no password is asked.
 */
import type { Context } from 'hono';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(teamDomain: string) {
  let set = keySets.get(teamDomain);
  if (!set) {
    set = createRemoteJWKSet(new URL('/cdn-cgi/access/certs', teamDomain));
    keySets.set(teamDomain, set);
  }
  return set;
}

/** The verified email of the Access JWT on the request; 404 when SSO is not set up, 401 when the token is not valid. */
export async function verifyAccessJwt(c: Context<AppEnv>): Promise<string> {
  const team = c.env.ACCESS_TEAM_DOMAIN?.replace(/\/+$/, '');
  const aud = c.env.ACCESS_AUD;
  if (!team || !aud) throw new ApiError(404, 'not_found', 'single sign-on is not set up on this Seda');
  const token = c.req.header('cf-access-jwt-assertion');
  if (!token) throw new ApiError(401, 'unauthorized', 'no Cloudflare Access token on this request');
  try {
    const { payload } = await jwtVerify(token, keySet(team), { issuer: team, audience: aud, algorithms: ['RS256'] });
    if (typeof payload.email !== 'string' || !payload.email) throw new Error('no email claim');
    return payload.email.toLowerCase();
  } catch {
    throw new ApiError(401, 'unauthorized', 'the Cloudflare Access token is not valid');
  }
}
