/**
 * The mock's key material: the merchant key pair (the client signs with its private half,
 * the server verifies with the public half and encrypts response fields to it) and the
 * simulated WeChat Pay key pair (the server signs answers and decrypts request fields with
 * its private half; the client holds the public half under `publicKeyId`).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WxPayGenError } from '../generator/errors';

/** File names inside a keys folder. */
export const KEY_FILES = {
  merchantPrivateKey: 'apiclient_key.pem',
  merchantPublicKey: 'apiclient_pub.pem',
  wechatpayPrivateKey: 'wechatpay_key.pem',
  wechatpayPublicKey: 'pub_key.pem',
  apiV3Key: 'apiv3.key',
  config: 'mock.json',
} as const;

/** The identities in `mock.json`. */
export interface MockIdentity {
  /** Merchant number (商户号). */
  readonly mchid: string;
  /** Serial of the merchant API certificate: the `serial_no` the client must sign with. */
  readonly serial: string;
  /** `PUB_KEY_ID_…` of the simulated WeChat Pay public key: the `Wechatpay-Serial` of every answer. */
  readonly publicKeyId: string;
}

/** PEM texts of both key pairs. */
export interface MockKeyPems {
  readonly merchantPrivateKey: string;
  readonly merchantPublicKey: string;
  readonly wechatpayPrivateKey: string;
  readonly wechatpayPublicKey: string;
  /** The merchant's 32-character APIv3 key: notifications are encrypted with it. */
  readonly apiV3Key: string;
}

export interface MockKeys extends MockIdentity, MockKeyPems {
  /** The keys folder, when the keys live in one. */
  readonly dir?: string;
  /** Files this call created in `dir` (empty when everything was already there or nothing is on disk). */
  readonly written: readonly string[];
}

/** A keys folder, or key material in memory (whatever is left out is generated, nothing is written). */
export type MockKeysInput = string | Partial<MockIdentity & MockKeyPems>;

/** Parsed keys, used by the server. */
export interface KeyObjects {
  readonly merchantPublic: KeyObject;
  readonly wechatpayPrivate: KeyObject;
}

/** A problem with given key material. Names the file or field, never the key text. */
export class MockKeyError extends WxPayGenError {
  readonly code = 'mock-keys';

  constructor(message: string) {
    super(message);
  }
}

export const DEFAULT_MCHID = '1900000001';

/**
 * Loads the keys from a folder (creating it, and whatever file is missing), from memory,
 * or — with no input — from a new temporary folder. Files that exist are used as they are.
 */
export function prepareKeys(input?: MockKeysInput): MockKeys {
  if (input === undefined) return fromDir(mkdtempSync(join(tmpdir(), 'wxpay-mock-')));
  if (typeof input === 'string') return fromDir(input);
  const merchant = pair('merchant key', input.merchantPrivateKey, input.merchantPublicKey);
  const wechatpay = pair('WeChat Pay key', input.wechatpayPrivateKey, input.wechatpayPublicKey);
  return {
    ...identity({ mchid: input.mchid, serial: input.serial, publicKeyId: input.publicKeyId }, merchant.publicKey, wechatpay.publicKey, 'keys option'),
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    wechatpayPrivateKey: wechatpay.privateKey,
    wechatpayPublicKey: wechatpay.publicKey,
    apiV3Key: input.apiV3Key === undefined ? makeApiV3Key() : checkApiV3Key(input.apiV3Key, 'keys option apiV3Key'),
    written: [],
  };
}

/** Parses the PEMs the server needs. */
export function keyObjects(keys: MockKeyPems): KeyObjects {
  return { merchantPublic: createPublicKey(keys.merchantPublicKey), wechatpayPrivate: createPrivateKey(keys.wechatpayPrivateKey) };
}

function fromDir(dir: string): MockKeys {
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new MockKeyError(`cannot create the keys folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  const written: string[] = [];
  const read = (name: string): string | undefined => {
    const file = join(dir, name);
    if (!existsSync(file)) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new MockKeyError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  const write = (name: string, text: string, mode: number): void => {
    writeFileSync(join(dir, name), text, { mode, flag: 'wx' });
    written.push(name);
  };
  const merchant = pair(`merchant key in ${dir}`, read(KEY_FILES.merchantPrivateKey), read(KEY_FILES.merchantPublicKey), KEY_FILES.merchantPrivateKey, KEY_FILES.merchantPublicKey);
  const wechatpay = pair(`WeChat Pay key in ${dir}`, read(KEY_FILES.wechatpayPrivateKey), read(KEY_FILES.wechatpayPublicKey), KEY_FILES.wechatpayPrivateKey, KEY_FILES.wechatpayPublicKey);
  if (merchant.madePrivate) write(KEY_FILES.merchantPrivateKey, merchant.privateKey, 0o600);
  if (merchant.madePublic) write(KEY_FILES.merchantPublicKey, merchant.publicKey, 0o644);
  if (wechatpay.madePrivate) write(KEY_FILES.wechatpayPrivateKey, wechatpay.privateKey, 0o600);
  if (wechatpay.madePublic) write(KEY_FILES.wechatpayPublicKey, wechatpay.publicKey, 0o644);
  const apiV3Text = read(KEY_FILES.apiV3Key);
  const apiV3Key = apiV3Text === undefined ? makeApiV3Key() : checkApiV3Key(apiV3Text.trim(), join(dir, KEY_FILES.apiV3Key));
  if (apiV3Text === undefined) write(KEY_FILES.apiV3Key, `${apiV3Key}\n`, 0o600);
  const configText = read(KEY_FILES.config);
  let given: Partial<MockIdentity> = {};
  if (configText !== undefined) {
    try {
      const parsed: unknown = JSON.parse(configText);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      given = parsed as Partial<MockIdentity>;
    } catch {
      throw new MockKeyError(`${join(dir, KEY_FILES.config)} must be a JSON object { "mchid", "serial", "publicKeyId" }`);
    }
  }
  const ids = identity(given, merchant.publicKey, wechatpay.publicKey, join(dir, KEY_FILES.config));
  if (configText === undefined) write(KEY_FILES.config, `${JSON.stringify({ mchid: ids.mchid, serial: ids.serial, publicKeyId: ids.publicKeyId }, null, 2)}\n`, 0o644);
  return {
    ...ids,
    merchantPrivateKey: merchant.privateKey,
    merchantPublicKey: merchant.publicKey,
    wechatpayPrivateKey: wechatpay.privateKey,
    wechatpayPublicKey: wechatpay.publicKey,
    apiV3Key,
    dir,
    written,
  };
}

interface Pair {
  readonly privateKey: string;
  readonly publicKey: string;
  readonly madePrivate: boolean;
  readonly madePublic: boolean;
}

/** Completes one key pair: generates both halves, derives the public half, or checks that the two given halves match. */
function pair(what: string, privatePem: string | undefined, publicPem: string | undefined, privateName = 'private key', publicName = 'public key'): Pair {
  if (privatePem === undefined) {
    if (publicPem !== undefined) throw new MockKeyError(`${what}: ${publicName} is there but ${privateName} is not; add the matching private key or remove the public one`);
    const made = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    return { privateKey: made.privateKey, publicKey: made.publicKey, madePrivate: true, madePublic: true };
  }
  let priv: KeyObject;
  try {
    priv = createPrivateKey(privatePem);
  } catch {
    throw new MockKeyError(`${what}: ${privateName} is not a PEM private key`);
  }
  if (priv.asymmetricKeyType !== 'rsa') throw new MockKeyError(`${what}: ${privateName} must be an RSA key, found ${priv.asymmetricKeyType ?? 'unknown'}`);
  const derived = createPublicKey(priv).export({ type: 'spki', format: 'pem' }).toString();
  if (publicPem === undefined) return { privateKey: privatePem, publicKey: derived, madePrivate: false, madePublic: true };
  let pub: KeyObject;
  try {
    pub = createPublicKey(publicPem);
  } catch {
    throw new MockKeyError(`${what}: ${publicName} is not a PEM public key or certificate`);
  }
  if (pub.export({ type: 'spki', format: 'pem' }).toString() !== derived) throw new MockKeyError(`${what}: ${publicName} does not belong to ${privateName}`);
  return { privateKey: privatePem, publicKey: publicPem, madePrivate: false, madePublic: false };
}

/** mchid, serial and publicKeyId: given values checked, missing ones derived deterministically from the keys. */
function identity(given: Partial<Record<keyof MockIdentity, unknown>>, merchantPublic: string, wechatpayPublic: string, where: string): MockIdentity {
  for (const k of ['mchid', 'serial', 'publicKeyId'] as const) {
    const v = given[k];
    if (v !== undefined && (typeof v !== 'string' || v.length === 0)) throw new MockKeyError(`${where}: "${k}" must be a non-empty string`);
  }
  const digest = (pem: string): Buffer => createHash('sha256').update(createPublicKey(pem).export({ type: 'spki', format: 'der' })).digest();
  const serial = (given.serial as string | undefined) ?? digest(merchantPublic).subarray(0, 20).toString('hex').toUpperCase();
  const digits = [...digest(wechatpayPublic)].map((b) => String(b % 10)).join('').slice(0, 26);
  return {
    mchid: (given.mchid as string | undefined) ?? DEFAULT_MCHID,
    serial,
    publicKeyId: (given.publicKeyId as string | undefined) ?? `PUB_KEY_ID_01${digits}`,
  };
}

const API_V3_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh 32-character alphanumeric APIv3 key (what the merchant platform lets a merchant set). */
export function makeApiV3Key(): string {
  let out = '';
  // 62 letters: reject bytes ≥ 248 so every character is equally likely.
  while (out.length < 32) {
    for (const b of randomBytes(48)) if (b < 248 && out.length < 32) out += API_V3_ALPHABET[b % 62];
  }
  return out;
}

/** The APIv3 key must be 32 printable ASCII characters; the error names where it came from, never the key. */
function checkApiV3Key(key: unknown, where: string): string {
  if (typeof key !== 'string' || key.length !== 32 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new MockKeyError(`${where} must hold the 32-character APIv3 key (printable ASCII, no spaces)`);
  }
  return key;
}
