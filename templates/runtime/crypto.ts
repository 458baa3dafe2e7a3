/**
 * Every cryptographic operation of the client, over `node:crypto` and nothing else.
 *
 * Primitives return values (`null` / `false` on failure) and never throw for bad input;
 * the layer above turns a failure into the right typed error. Nothing here keeps or
 * reports key material or plaintext.
 */
import {
  X509Certificate,
  KeyObject,
  constants,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createVerify,
  privateDecrypt,
  publicEncrypt,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import type { KeyInput } from './types.js';

/** A parsed WeChat Pay public key (from a certificate or a bare public key). */
export interface PublicKeyEntry {
  readonly key: KeyObject;
  /** Certificate `notBefore` in ms since the epoch; absent for a bare public key. */
  readonly notBefore?: number;
  /** Certificate serial number (upper-case hex); absent for a bare public key. */
  readonly certSerial?: string;
}

const PEM_BEGIN = '-----BEGIN ';

function isRsa(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'rsa';
}

function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** Bytes → PEM text if they look like PEM, else the DER bytes. */
function pemOrDer(input: string | Buffer): { pem: string } | { der: Buffer } | null {
  if (typeof input === 'string') {
    const text = input.trim();
    if (text.startsWith(PEM_BEGIN)) return { pem: text };
    // Bare base64 (the PEM body without its armour lines).
    if (!/^[A-Za-z0-9+/=\s]+$/.test(text) || text.length === 0) return null;
    return { der: Buffer.from(text.replace(/\s+/g, ''), 'base64') };
  }
  if (input.length === 0) return null;
  const head = input.subarray(0, 64).toString('latin1').trimStart();
  if (head.startsWith(PEM_BEGIN)) return { pem: input.toString('utf8').trim() };
  return { der: input };
}

/**
 * Parses the merchant private key: PEM PKCS#1 (`RSA PRIVATE KEY`) or PKCS#8 (`PRIVATE KEY`),
 * the same as bare base64 or DER bytes, or a private KeyObject. RSA only. `null` if unusable.
 */
export function parsePrivateKey(input: KeyInput): KeyObject | null {
  if (input instanceof KeyObject) return input.type === 'private' && isRsa(input) ? input : null;
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) return null;
  const src = pemOrDer(input);
  if (!src) return null;
  const key =
    'pem' in src
      ? attempt(() => createPrivateKey(src.pem))
      : attempt(() => createPrivateKey({ key: src.der, format: 'der', type: 'pkcs8' })) ??
        attempt(() => createPrivateKey({ key: src.der, format: 'der', type: 'pkcs1' }));
  return key && isRsa(key) ? key : null;
}

function fromCertificate(cert: X509Certificate): PublicKeyEntry | null {
  const key = cert.publicKey;
  if (!isRsa(key)) return null;
  const notBefore = Date.parse(cert.validFrom);
  return {
    key,
    certSerial: cert.serialNumber.toUpperCase(),
    ...(Number.isFinite(notBefore) ? { notBefore } : {}),
  };
}

/**
 * Parses a WeChat Pay public key: PEM X.509 certificate (its public key is used), SPKI
 * (`PUBLIC KEY`), PKCS#1 (`RSA PUBLIC KEY`), the same as bare base64 or DER bytes, or a
 * public KeyObject. RSA only. `null` if unusable.
 */
export function parsePublicKey(input: KeyInput): PublicKeyEntry | null {
  if (input instanceof KeyObject) return input.type === 'public' && isRsa(input) ? { key: input } : null;
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) return null;
  const src = pemOrDer(input);
  if (!src) return null;
  if ('pem' in src) {
    if (/^-----BEGIN CERTIFICATE-----/.test(src.pem)) {
      const cert = attempt(() => new X509Certificate(src.pem));
      return cert ? fromCertificate(cert) : null;
    }
    if (/^-----BEGIN (RSA )?PUBLIC KEY-----/.test(src.pem)) {
      const key = attempt(() => createPublicKey(src.pem));
      return key && isRsa(key) ? { key } : null;
    }
    return null;
  }
  const cert = attempt(() => new X509Certificate(src.der));
  if (cert) return fromCertificate(cert);
  const key =
    attempt(() => createPublicKey({ key: src.der, format: 'der', type: 'spki' })) ??
    attempt(() => createPublicKey({ key: src.der, format: 'der', type: 'pkcs1' }));
  return key && isRsa(key) ? { key } : null;
}

/** SHA256withRSA (PKCS#1 v1.5) signature of the UTF-8 message, base64. */
export function signMessage(message: string, key: KeyObject): string {
  return sign('sha256', Buffer.from(message, 'utf8'), key).toString('base64');
}

/**
 * `signMessage` on libuv's thread pool (`crypto.sign` with a callback): the RSA private-key
 * operation, the costliest step of a call, then runs beside the main thread instead of on it.
 * Resolves `null` if the key cannot sign.
 */
export function signMessageAsync(message: string, key: KeyObject): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      sign('sha256', Buffer.from(message, 'utf8'), key, (err, signature) => resolve(err ? null : signature.toString('base64')));
    } catch {
      resolve(null);
    }
  });
}

/** Bodies up to this size are copied into one buffer and verified in one call; larger ones are hashed in place. */
const ONE_SHOT_VERIFY_BYTES = 64 * 1024;

/**
 * Verifies a base64 SHA256withRSA signature over `head + body + tail`: `body` the raw bytes
 * received, or a string (hashed as its UTF-8 bytes). A small body is verified with one
 * `crypto.verify` over the joined bytes (no hash stream object per call); a large one is hashed
 * in place, without copying it.
 */
export function verifyMessage(head: string, body: Uint8Array | string, tail: string, signatureB64: string, key: KeyObject): boolean {
  try {
    if (typeof body === 'string') return verify('sha256', Buffer.from(head + body + tail, 'utf8'), key, Buffer.from(signatureB64, 'base64'));
    if (body.byteLength <= ONE_SHOT_VERIFY_BYTES) {
      return verify('sha256', Buffer.concat([Buffer.from(head, 'utf8'), body, Buffer.from(tail, 'utf8')]), key, Buffer.from(signatureB64, 'base64'));
    }
    const v = createVerify('sha256');
    v.update(head, 'utf8');
    v.update(body);
    v.update(tail, 'utf8');
    return v.verify(key, signatureB64, 'base64');
  } catch {
    return false;
  }
}

/** RSA-OAEP (SHA-1, MGF1-SHA-1) encryption of the UTF-8 plaintext, base64; `null` if it cannot be done (e.g. too long). */
export function encryptField(plaintext: string, key: KeyObject): string | null {
  try {
    return publicEncrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(plaintext, 'utf8'),
    ).toString('base64');
  } catch {
    return null;
  }
}

/** RSA-OAEP (SHA-1, MGF1-SHA-1) decryption of base64 ciphertext to UTF-8; `null` if it does not decrypt. */
export function decryptField(ciphertextB64: string, key: KeyObject): string | null {
  if (typeof ciphertextB64 !== 'string' || ciphertextB64.length === 0 || !isBase64Shaped(ciphertextB64)) return null;
  try {
    return privateDecrypt(
      { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(ciphertextB64, 'base64'),
    ).toString('utf8');
  } catch {
    return null;
  }
}

const GCM_TAG_BYTES = 16;
/** Any character outside the standard base64 alphabet and `=`. */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * The strings `/^[A-Za-z0-9+/]+={0,2}$/` matches, or the empty string: only the alphabet, and `=`
 * only as a suffix of one or two after at least one character. Searching for a character outside
 * the alphabet is several times faster on V8 than matching the whole string against a class, and
 * this check runs over every ciphertext of every notification.
 */
export function isBase64Shaped(text: string): boolean {
  if (NOT_BASE64.test(text)) return false;
  const n = text.length;
  const pad = text.indexOf('=');
  return pad < 0 || (pad > 0 && (pad === n - 1 || (pad === n - 2 && text.charCodeAt(n - 1) === 61)));
}

/** Standard base64 with padding: `isBase64Shaped` and a multiple of 4 characters (with the length check, the same strings as groups of four). */
function isStrictBase64(text: string): boolean {
  return text.length % 4 === 0 && isBase64Shaped(text);
}

/**
 * AEAD_AES_256_GCM decryption, as WeChat Pay uses it for notification resources and platform
 * certificates: `key` the 32 bytes of the APIv3 key (or a 32-byte secret KeyObject), `nonce` and
 * `associatedData` as UTF-8 text (`''` when absent), `ciphertextB64` strict base64 of the
 * ciphertext with the 16-byte GCM tag appended. The tag is checked before any plaintext is
 * returned. Returns the UTF-8 plaintext, or `null` when anything is wrong (bad base64, shorter
 * than the tag, wrong key length, empty nonce, tag mismatch).
 */
export function decryptAesGcm(key: Uint8Array | KeyObject, nonce: string, associatedData: string, ciphertextB64: string): string | null {
  if (typeof nonce !== 'string' || nonce.length === 0 || typeof associatedData !== 'string') return null;
  if (typeof ciphertextB64 !== 'string' || !isStrictBase64(ciphertextB64)) return null;
  const keyBytes = key instanceof KeyObject ? (key.type === 'secret' ? key.symmetricKeySize : -1) : key.length;
  if (keyBytes !== 32) return null;
  const data = Buffer.from(ciphertextB64, 'base64');
  if (data.length < GCM_TAG_BYTES) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
    d.setAuthTag(data.subarray(data.length - GCM_TAG_BYTES));
    d.setAAD(Buffer.from(associatedData, 'utf8'));
    const head = d.update(data.subarray(0, data.length - GCM_TAG_BYTES));
    const tail = d.final(); // throws on a tag mismatch: nothing decrypted is returned then
    return Buffer.concat([head, tail]).toString('utf8');
  } catch {
    return null;
  }
}

/** A fresh 32-character nonce (a v4 UUID's 122 random bits, hex, dashes removed). */
export function nonce(): string {
  const u = randomUUID();
  // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx → 32 hex chars
  return u.slice(0, 8) + u.slice(9, 13) + u.slice(14, 18) + u.slice(19, 23) + u.slice(24);
}

/** A random multipart boundary. */
export function boundary(): string {
  return `----wxpay-gen-${nonce()}`;
}
