/**
 * The browser's half of a passkey ceremony, through @simplewebauthn/browser. The Worker makes the
 * options and checks the answer; this only hands them to `navigator.credentials`. (In the first load:
 * the sign-in form offers it at once.)
 */

import * as webauthn from '@simplewebauthn/browser';
import {
  createPasskey,
  createPasskeySession,
  passkeyRegistrationOptions,
  passkeySignInOptions,
} from '../../../shared/contract/passkeys';
import { call } from '../api';

/** The person closed the prompt, or it timed out: nothing to report as an error. */
export class PasskeyCancelled extends Error {}
/** This browser (or this address: passkeys need https or localhost) cannot use passkeys. */
export class PasskeyUnsupported extends Error {}

const library = async () => webauthn;

async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  const { browserSupportsWebAuthn } = await library();
  if (!browserSupportsWebAuthn()) throw new PasskeyUnsupported('no WebAuthn');
  try {
    return await run();
  } catch (err) {
    const e = err as Error & { code?: string; cause?: unknown };
    const name = e.name === 'WebAuthnError' ? ((e.cause as Error | undefined)?.name ?? e.name) : e.name;
    if (name === 'NotAllowedError' || name === 'AbortError' || e.code === 'ERROR_CEREMONY_ABORTED') {
      throw new PasskeyCancelled(e.message);
    }
    if (name === 'SecurityError' || e.code === 'ERROR_INVALID_DOMAIN') throw new PasskeyUnsupported(e.message);
    throw err;
  }
}

/** Signs in with a passkey this device holds (no email asked): the session, with its cookie set. */
export async function signInWithPasskey(siteId?: string) {
  const options = await call(passkeySignInOptions, {}, { quiet: true });
  const { startAuthentication } = await library();
  const response = await ceremony(() => startAuthentication({ optionsJSON: options as never }));
  return call(
    createPasskeySession,
    { body: { response: response as never, ...(siteId ? { siteId } : {}) } },
    { quiet: true },
  );
}

/** Adds a passkey made by this device to the signed-in member's account. */
export async function addPasskey(name: string | undefined) {
  const options = await call(passkeyRegistrationOptions, {});
  const { startRegistration } = await library();
  const response = await ceremony(() => startRegistration({ optionsJSON: options as never }));
  return call(createPasskey, { body: { response: response as never, ...(name ? { name } : {}) } });
}
