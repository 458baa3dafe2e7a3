/**
 * AEAD_AES_256_GCM resources (`{ algorithm, ciphertext, nonce, associated_data? }`), as WeChat Pay
 * sends them in notifications and in the /v3/certificates answer: checked, then decrypted with
 * the APIv3 key. Failures are DecryptionErrors that name the field, never a value.
 */
import type { KeyObject } from 'node:crypto';
import { decryptAesGcm } from './crypto.js';
import { ConfigError, DecryptionError } from './errors.js';

/** The one algorithm WeChat Pay uses for these resources. */
export const AEAD_ALGORITHM = 'AEAD_AES_256_GCM';
/** WeChat Pay's resource nonces are 12 characters (the GCM standard 96-bit IV). */
const NONCE_LENGTH = 12;

/** An encrypted resource as WeChat Pay sends it. */
export interface EncryptedResource {
  readonly algorithm: string;
  readonly ciphertext: string;
  readonly nonce: string;
  readonly associated_data?: string;
  readonly original_type?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Decrypts `resource` (found at `path`, e.g. `resource` or `data[0].encrypt_certificate`) with the
 * APIv3 key; resolves the UTF-8 plaintext. Throws ConfigError when the client has no apiV3Key,
 * DecryptionError when the resource is malformed, of another algorithm, or fails its tag check.
 */
export function decryptResource(apiV3Key: KeyObject | undefined, resource: unknown, path: string, what = 'field'): string {
  if (!apiV3Key) throw new ConfigError(`apiV3Key is needed to decrypt ${path} (pass it to createClient)`);
  if (!isRecord(resource)) throw new DecryptionError(path, 'it is not an object', what);
  const { algorithm, ciphertext, nonce } = resource;
  const aad = resource['associated_data'];
  if (algorithm !== AEAD_ALGORITHM) {
    throw new DecryptionError(path, `algorithm is ${typeof algorithm === 'string' ? JSON.stringify(algorithm.slice(0, 40)) : 'missing'}, not ${AEAD_ALGORITHM}`, what);
  }
  if (typeof ciphertext !== 'string' || ciphertext.length === 0) throw new DecryptionError(path, 'ciphertext is missing', what);
  if (typeof nonce !== 'string' || nonce.length !== NONCE_LENGTH) {
    throw new DecryptionError(path, `nonce is not a ${NONCE_LENGTH}-character string`, what);
  }
  if (aad !== undefined && aad !== null && typeof aad !== 'string') throw new DecryptionError(path, 'associated_data is not a string', what);
  const plain = decryptAesGcm(apiV3Key, nonce, typeof aad === 'string' ? aad : '', ciphertext);
  if (plain === null) {
    throw new DecryptionError(path, 'AES-256-GCM authentication failed (wrong APIv3 key, or the ciphertext, nonce or associated_data was altered)', what);
  }
  return plain;
}
