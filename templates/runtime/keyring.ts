/**
 * The client's keys, parsed once at `createClient`: the merchant private key and the
 * WeChat Pay public keys by serial (platform certificate serial or `PUB_KEY_ID_…`).
 */
import { createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { parsePrivateKey, parsePublicKey } from './crypto.js';
import { ConfigError } from './errors.js';
import type { KeyInput } from './types.js';

export interface Keyring {
  /** Merchant API private key: signs requests, decrypts response fields. */
  readonly privateKey: KeyObject;
  /** WeChat Pay public keys by serial: verify responses, encrypt request fields. */
  readonly certs: ReadonlyMap<string, KeyObject>;
  /**
   * The serial the client puts in `Wechatpay-Serial` when the caller does not: the first
   * `PUB_KEY_ID_…` entry; else the certificate with the latest `notBefore`; else the last entry.
   */
  readonly defaultSerial: string;
  /** The APIv3 key as a 32-byte secret KeyObject (AEAD_AES_256_GCM), when the options gave one. */
  readonly apiV3Key?: KeyObject;
}

/**
 * The `apiV3Key` option → a 32-byte AES key. It must be exactly 32 printable ASCII characters
 * (what the merchant platform issues); anything else is a ConfigError that never quotes it.
 */
export function parseApiV3Key(input: unknown): KeyObject | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== 'string') {
    throw new ConfigError(`apiV3Key is of type ${input === null ? 'null' : typeof input} (expected the 32-character APIv3 key as a string)`);
  }
  if (input.length !== 32 || !/^[\x21-\x7e]+$/.test(input)) {
    throw new ConfigError('apiV3Key is not 32 printable ASCII characters (expected the APIv3 key of the merchant platform, APIv3密钥)');
  }
  return createSecretKey(Buffer.from(input, 'ascii'));
}

function describe(input: unknown): string {
  if (typeof input === 'string') return 'a string that is not a usable RSA key in PEM or base64 form';
  if (Buffer.isBuffer(input)) return 'a Buffer that is not a usable RSA key in PEM or DER form';
  if (input === undefined || input === null) return 'missing';
  return `of type ${typeof input === 'object' ? (input.constructor?.name ?? 'object') : typeof input}, which is not a usable RSA key`;
}

/** Hex serials compare case-insensitively and without leading zeros. */
function sameSerial(a: string, b: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/^0+(?=.)/, '');
  return norm(a) === norm(b);
}

/** Parses every key of the options; a malformed one is a ConfigError that never quotes the key. */
export function buildKeyring(privateKey: KeyInput, certs: Readonly<Record<string, KeyInput>> | undefined, apiV3Key?: unknown): Keyring {
  const aesKey = parseApiV3Key(apiV3Key);
  const priv = parsePrivateKey(privateKey);
  if (!priv) {
    throw new ConfigError(
      `privateKey is ${describe(privateKey)} (expected the merchant API private key: PEM PKCS#1 or PKCS#8, DER bytes, or a private KeyObject)`,
    );
  }
  if (!certs || typeof certs !== 'object') {
    throw new ConfigError('certs is missing (expected { [serial or PUB_KEY_ID_…]: WeChat Pay public key or platform certificate })');
  }
  const map = new Map<string, KeyObject>();
  let pubKeyId: string | undefined;
  let newest: { serial: string; notBefore: number } | undefined;
  let last: string | undefined;
  for (const [serial, input] of Object.entries(certs)) {
    if (serial.length === 0) throw new ConfigError('certs has an entry with an empty serial');
    const entry = parsePublicKey(input);
    if (!entry) {
      throw new ConfigError(
        `certs['${serial}'] is ${describe(input)} (expected a WeChat Pay public key or platform certificate: PEM X.509, SPKI or PKCS#1, DER bytes, or a public KeyObject)`,
      );
    }
    if (entry.certSerial !== undefined && !serial.startsWith('PUB_KEY_ID_') && !sameSerial(entry.certSerial, serial)) {
      throw new ConfigError(`certs['${serial}'] is a certificate whose serial is ${entry.certSerial}; key it by its own serial`);
    }
    map.set(serial, entry.key);
    if (pubKeyId === undefined && serial.startsWith('PUB_KEY_ID_')) pubKeyId = serial;
    if (entry.notBefore !== undefined && (!newest || entry.notBefore >= newest.notBefore)) {
      newest = { serial, notBefore: entry.notBefore };
    }
    last = serial;
  }
  if (last === undefined) {
    throw new ConfigError('certs is empty (expected at least one WeChat Pay public key or platform certificate)');
  }
  return { privateKey: priv, certs: map, defaultSerial: pubKeyId ?? newest?.serial ?? last, ...(aesKey ? { apiV3Key: aesKey } : {}) };
}
