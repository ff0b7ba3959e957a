/**
 * A software authenticator for the Worker's passkey tests: an ES256 key made with WebCrypto, a
 * "none" attestation and assertions built byte by byte as WebAuthn Level 3 lays them out, so the
 * Worker's verification (@simplewebauthn/server) is exercised with real signatures. The browser
 * test (test/e2e) uses Chromium's own virtual authenticator instead.
 */
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

const b64u = (b: Uint8Array | ArrayBuffer) => isoBase64URL.fromBuffer(new Uint8Array(b));
const utf8 = (s: string) => new Uint8Array(new TextEncoder().encode(s));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};
const sha256 = async (b: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', b));
const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** ECDSA's raw r‖s as the ASN.1 DER sequence WebAuthn carries. */
function der(raw: Uint8Array): Uint8Array {
  const int = (x: Uint8Array) => {
    let i = 0;
    while (i < x.length - 1 && x[i] === 0) i++;
    const v = x.slice(i);
    return (v[0] ?? 0) & 0x80 ? concat(new Uint8Array([0]), v) : v;
  };
  const r = int(raw.slice(0, 32));
  const s = int(raw.slice(32));
  const body = concat(new Uint8Array([2, r.length]), r, new Uint8Array([2, s.length]), s);
  return concat(new Uint8Array([0x30, body.length]), body);
}

export type SoftKey = Awaited<ReturnType<typeof softAuthenticator>>;

/** One authenticator holding one credential; `create` registers it, `get` signs a challenge with it. */
export async function softAuthenticator(origin: string) {
  const rpId = new URL(origin).hostname;
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey;
  const credId = crypto.getRandomValues(new Uint8Array(32));
  let counter = 0;
  let userHandle = '';
  const rpIdHash = await sha256(utf8(rpId));
  const clientData = (type: string, challenge: string, at = origin) =>
    utf8(JSON.stringify({ type, challenge, origin: at, crossOrigin: false }));

  return {
    id: b64u(credId),
    /** What `navigator.credentials.create()` would answer for these options. */
    async create(options: { challenge: string; user?: { id: string } }, at = origin) {
      userHandle = options.user?.id ?? '';
      const cose = new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, isoBase64URL.toBuffer(jwk.x!)],
        [-3, isoBase64URL.toBuffer(jwk.y!)],
      ]);
      const authData = concat(
        rpIdHash,
        new Uint8Array([0x45]), // user present, user verified, attested credential data
        u32(counter),
        new Uint8Array(16), // AAGUID
        new Uint8Array([0, credId.length]),
        credId,
        isoCBOR.encode(cose),
      );
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]) as never,
      );
      return {
        id: b64u(credId),
        rawId: b64u(credId),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64u(clientData('webauthn.create', options.challenge, at)),
          attestationObject: b64u(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
    /** What `navigator.credentials.get()` would answer: the challenge signed, the counter moved on. */
    async get(options: { challenge: string }, at = origin, flags = 0x05) {
      counter += 1;
      const authData = concat(rpIdHash, new Uint8Array([flags]), u32(counter));
      const cd = clientData('webauthn.get', options.challenge, at);
      const raw = new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          pair.privateKey,
          concat(authData, await sha256(cd)),
        ),
      );
      return {
        id: b64u(credId),
        rawId: b64u(credId),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64u(cd),
          authenticatorData: b64u(authData),
          signature: b64u(der(raw)),
          ...(userHandle ? { userHandle } : {}),
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}
