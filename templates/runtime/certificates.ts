/**
 * Platform certificates (平台证书), for merchants not in the public-key mode: `GET
 * /v3/certificates` answers `data[]` of `{ serial_no, effective_time, expire_time,
 * encrypt_certificate: { algorithm, nonce, associated_data, ciphertext } }`, each PEM sealed
 * with AEAD_AES_256_GCM under the APIv3 key. The client decrypts them (the GCM tag proves they
 * were sealed with the merchant's own APIv3 key), checks each against its `serial_no`, and
 * verifies the answer's signature with the configured keys or, when the signer is new, with
 * one of the certificates just downloaded — trust on first use: prefer a pinned key.
 *
 * Kept by serial beside the configured keys (in the same key map, so answers and notifications
 * signed by them verify). Rotation (the `platformCertificates` option): a background refresh on
 * an interval (default 12 h, 1–24 h as the official SDKs), and on an unknown `Wechatpay-Serial`
 * at most once per interval; a failed refresh keeps every key that works; an expired
 * certificate is dropped and never used. Timers are unref'd: they never keep a process alive.
 */
import { X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decryptAesGcm, nonce, parsePrivateKey, parsePublicKey, signMessage } from './crypto.js';
import { parseApiV3Key } from './keyring.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './limits.js';
import type { KeyInput } from './types.js';
import { ConfigError, DecryptionError, MalformedResponseError, NetworkError, ResponseTooLargeError, SignatureError, TimeoutError } from './errors.js';
import { apiError } from './request.js';
import type { ClientContext } from './request.js';
import { nodeTransport, TransportError } from './transport.js';
import { checkSignature } from './verify.js';
import { authorization, requestMessage } from './wire.js';

/** What a download of the certificates needs from a client. */
export type CertificateFetchContext = Pick<ClientContext, 'mchid' | 'serial' | 'keys' | 'origin' | 'basePath' | 'timeout' | 'maxResponseBytes' | 'transport' | 'userAgent'>;

/** One downloaded, decrypted and checked platform certificate. */
export interface PlatformCertificate {
  /** Upper-case hex serial (`serial_no`). */
  readonly serial: string;
  /** `effective_time` / `expire_time` as WeChat Pay gave them. */
  readonly effectiveTime: string;
  readonly expireTime: string;
  /** The certificate's own validity, ms since the epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** The certificate (public data), PEM. */
  readonly pem: string;
}

/** The `platformCertificates` client option. */
export interface PlatformCertificatesOptions {
  /** Milliseconds between background refreshes, and the least time between refreshes an unknown serial triggers. Default 12 h; 1 h to 24 h. */
  readonly refreshInterval?: number;
  /** Refresh in the background (default true); false: only on an unknown serial and on `certificates.download()`. */
  readonly background?: boolean;
}

/** `wxpay.certificates`. */
export interface CertificatesApi {
  /** Downloads, decrypts and verifies the platform certificates now, and keeps them beside the configured keys. */
  download(options?: { readonly signal?: AbortSignal; readonly timeout?: number }): Promise<readonly PlatformCertificate[]>;
  /** The downloaded certificates in use (expired ones are gone). */
  list(): readonly PlatformCertificate[];
  /** Stops the background refresh (idempotent). */
  stop(): void;
}

const HOUR = 3_600_000;
export const DEFAULT_REFRESH_INTERVAL: number = 12 * HOUR;
const MAX_TIMER = 2_147_483_647;

function sameSerial(a: string, b: string): boolean {
  const norm = (s: string): string => s.toUpperCase().replace(/^0+(?=.)/, '');
  return norm(a) === norm(b);
}

function text(o: Record<string, unknown>, name: string, path: string): string {
  const v = o[name];
  if (typeof v !== 'string' || v === '') throw new DecryptionError(`${path}.${name}`, 'it is missing or not a string');
  return v;
}

/** Decrypts and checks the `data[]` of a /v3/certificates answer. Throws DecryptionError naming the entry, never key material. */
export function decryptCertificates(body: unknown, apiV3Key: KeyObject): PlatformCertificate[] {
  const data = body && typeof body === 'object' ? (body as Record<string, unknown>)['data'] : undefined;
  if (!Array.isArray(data)) throw new DecryptionError('data', 'the answer has no data[] of certificates');
  return data.map((entry: unknown, i): PlatformCertificate => {
    const path = `data[${i}]`;
    if (!entry || typeof entry !== 'object') throw new DecryptionError(path, 'it is not an object');
    const e = entry as Record<string, unknown>;
    const serial = text(e, 'serial_no', path);
    const enc = e['encrypt_certificate'];
    if (!enc || typeof enc !== 'object') throw new DecryptionError(`${path}.encrypt_certificate`, 'it is missing');
    const c = enc as Record<string, unknown>;
    if (c['algorithm'] !== 'AEAD_AES_256_GCM') throw new DecryptionError(`${path}.encrypt_certificate.algorithm`, 'it is not AEAD_AES_256_GCM');
    const ad = typeof c['associated_data'] === 'string' ? c['associated_data'] : '';
    const pem = decryptAesGcm(apiV3Key, text(c, 'nonce', `${path}.encrypt_certificate`), ad, text(c, 'ciphertext', `${path}.encrypt_certificate`));
    if (pem === null) throw new DecryptionError(`${path}.encrypt_certificate`, 'it does not decrypt with the APIv3 key (wrong key, or the answer was altered)');
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      throw new DecryptionError(`${path}.encrypt_certificate`, 'the plaintext is not an X.509 certificate');
    }
    if (!sameSerial(cert.serialNumber, serial)) throw new DecryptionError(`${path}.serial_no`, `the certificate's serial is ${cert.serialNumber.toUpperCase()}, not ${serial}`);
    return {
      serial: cert.serialNumber.toUpperCase(),
      effectiveTime: typeof e['effective_time'] === 'string' ? e['effective_time'] : '',
      expireTime: typeof e['expire_time'] === 'string' ? e['expire_time'] : '',
      notBefore: Date.parse(cert.validFrom),
      notAfter: Date.parse(cert.validTo),
      pem: cert.toString(),
    };
  });
}

/**
 * `GET /v3/certificates`, signed; the answer decrypted and verified (its signer one of `trusted`
 * or, trust on first use, of the certificates in it). Nothing is kept here.
 */
export async function fetchCertificates(
  ctx: CertificateFetchContext,
  options: { readonly signal?: AbortSignal; readonly timeout?: number; readonly trustDownloaded?: boolean } = {},
): Promise<PlatformCertificate[]> {
  const apiV3Key = ctx.keys.apiV3Key;
  if (!apiV3Key) throw new ConfigError('apiV3Key is needed to decrypt platform certificates (createClient({ apiV3Key }))');
  const path = `${ctx.basePath}/v3/certificates`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonceStr = nonce();
  const signature = signMessage(requestMessage('GET', path, timestamp, nonceStr, ''), ctx.keys.privateKey);
  const headers = { Accept: 'application/json', 'User-Agent': ctx.userAgent, Authorization: authorization(ctx.mchid, nonceStr, signature, timestamp, ctx.serial) };
  const timeout = options.timeout ?? ctx.timeout;
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = timeout > 0 && timeout <= MAX_TIMER ? setTimeout(() => { timedOut = true; ctrl.abort(); }, timeout) : undefined;
  timer?.unref?.();
  const onAbort = (): void => ctrl.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let res;
  try {
    res = await ctx.transport({ method: 'GET', url: ctx.origin + path, headers, signal: ctrl.signal, maxBodyBytes: ctx.maxResponseBytes });
  } catch (e) {
    if (timedOut) throw new TimeoutError(timeout);
    if (options.signal?.aborted) throw options.signal.reason;
    if (e instanceof TransportError && e.stage === 'too-large') throw new ResponseTooLargeError(ctx.maxResponseBytes, e.status, e.requestId);
    if (e instanceof TransportError && e.stage === 'http') throw new MalformedResponseError('http', 'GET /v3/certificates: the answer is not well-formed HTTP', e.status, e.requestId, e.cause);
    throw new NetworkError('Downloading the platform certificates (GET /v3/certificates) failed', e instanceof TransportError ? e.cause : e);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (res.status < 200 || res.status > 299) throw apiError(res.status, res.statusText, res.headers, res.body);
  let body: unknown;
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new MalformedResponseError('json', 'the /v3/certificates answer is not valid JSON', res.status, res.headers['request-id']);
  }
  const certs = decryptCertificates(body, apiV3Key);
  const keys = new Map<string, KeyObject>(ctx.keys.certs);
  if (options.trustDownloaded !== false) {
    for (const c of certs) if (!keys.has(c.serial) && c.notAfter > Date.now()) keys.set(c.serial, new X509Certificate(c.pem).publicKey);
  }
  const failure = checkSignature(keys, (name) => res.headers[name], res.body);
  if (failure) throw new SignatureError(failure.reason, `the /v3/certificates answer: ${failure.detail}`, res.status, res.headers['request-id']);
  return certs;
}

/** The downloaded certificates of one client, kept in its key map; refreshes and expiry. */
export class PlatformStore {
  readonly interval: number;
  private readonly ctx: ClientContext;
  private readonly known = new Map<string, PlatformCertificate>();
  private running: Promise<readonly PlatformCertificate[]> | undefined;
  private lastUnknown = -Infinity;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;

  constructor(ctx: ClientContext, options: PlatformCertificatesOptions | undefined, now: () => number = Date.now) {
    const interval = options?.refreshInterval ?? DEFAULT_REFRESH_INTERVAL;
    if (typeof interval !== 'number' || !(interval >= HOUR && interval <= 24 * HOUR)) {
      throw new ConfigError('platformCertificates.refreshInterval must be from 1 hour to 24 hours, in milliseconds');
    }
    this.interval = interval;
    this.ctx = ctx;
    this.now = now;
  }

  /** Starts the background refresh (a first download right away); the timer is unref'd. */
  start(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setInterval(() => void this.refresh().catch(() => undefined), this.interval);
    this.refreshTimer.unref?.();
    void this.refresh().catch(() => undefined);
  }

  stop(): void {
    if (this.refreshTimer !== undefined) clearInterval(this.refreshTimer);
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.refreshTimer = undefined;
    this.expiryTimer = undefined;
  }

  list(): readonly PlatformCertificate[] {
    this.prune();
    return [...this.known.values()].sort((a, b) => a.notBefore - b.notBefore);
  }

  /** Downloads and keeps; concurrent callers share one download. A failure keeps every key there was. */
  refresh(options?: { readonly signal?: AbortSignal; readonly timeout?: number }): Promise<readonly PlatformCertificate[]> {
    this.running ??= fetchCertificates(this.ctx, options)
      .then((certs) => {
        const map = this.ctx.keys.certs as Map<string, KeyObject>;
        for (const c of certs) {
          if (c.notAfter <= this.now()) continue;
          const configured = !this.known.has(c.serial) && map.has(c.serial);
          this.known.set(c.serial, c);
          if (!configured) map.set(c.serial, new X509Certificate(c.pem).publicKey); // a configured key stays the caller's
        }
        this.prune();
        return this.list();
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /**
   * An answer named a serial no key is known for: refresh, at most once per interval. Resolves
   * whether the serial is known afterwards (never rejects: the caller reports its own error).
   */
  async learn(serial: string): Promise<boolean> {
    const now = this.now();
    if (now - this.lastUnknown < this.interval) return false;
    this.lastUnknown = now;
    await this.refresh().catch(() => undefined);
    return this.ctx.keys.certs.has(serial);
  }

  /** Drops expired downloaded certificates from the key map; re-arms the timer for the next expiry. */
  private prune(): void {
    const map = this.ctx.keys.certs as Map<string, KeyObject>;
    const now = this.now();
    let next = Infinity;
    for (const [serial, c] of this.known) {
      if (c.notAfter <= now) {
        this.known.delete(serial);
        map.delete(serial);
      } else next = Math.min(next, c.notAfter);
    }
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (next !== Infinity) {
      this.expiryTimer = setTimeout(() => this.prune(), Math.min(MAX_TIMER, Math.max(0, next - now) + 1));
      this.expiryTimer.unref?.();
    }
  }
}

/** The options of `fetchCertificatesWith` (the `wxpay-gen certs` command): a download without a client. */
export interface FetchCertificatesOptions {
  readonly mchid: string;
  readonly serial: string;
  readonly privateKey: KeyInput;
  /** The 32-character APIv3 key. */
  readonly apiV3Key: string;
  /** Default `https://api.mch.weixin.qq.com`. */
  readonly baseURL?: string;
  /** A platform certificate to verify the answer with, instead of trusting the downloaded ones on first use. */
  readonly pinned?: KeyInput;
  readonly timeout?: number;
  readonly userAgent?: string;
}

/** Downloads, decrypts and verifies the platform certificates with keys given directly (no configured `certs` needed). */
export function fetchCertificatesWith(o: FetchCertificatesOptions): Promise<PlatformCertificate[]> {
  const privateKey = parsePrivateKey(o.privateKey);
  if (!privateKey) throw new ConfigError('the merchant private key is not a usable RSA private key (PEM PKCS#1 or PKCS#8)');
  if (typeof o.mchid !== 'string' || !/^\d{1,32}$/.test(o.mchid)) throw new ConfigError('mchid must be the merchant number (digits)');
  if (typeof o.serial !== 'string' || !/^[0-9A-Fa-f]{1,64}$/.test(o.serial)) throw new ConfigError('serial must be the hex serial of the merchant API certificate');
  const apiV3Key = parseApiV3Key(o.apiV3Key);
  const certs = new Map<string, KeyObject>();
  if (o.pinned !== undefined) {
    const entry = parsePublicKey(o.pinned);
    if (!entry || entry.certSerial === undefined) throw new ConfigError('the pinned WeChat Pay certificate is not an X.509 RSA certificate');
    certs.set(entry.certSerial, entry.key);
  }
  let base: URL;
  try {
    base = new URL(o.baseURL ?? 'https://api.mch.weixin.qq.com');
  } catch {
    throw new ConfigError('baseURL is not an absolute URL');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new ConfigError('baseURL must be an http(s) URL');
  const ctx: CertificateFetchContext = {
    mchid: o.mchid,
    serial: o.serial,
    keys: { privateKey, certs, defaultSerial: '', ...(apiV3Key ? { apiV3Key } : {}) },
    origin: base.origin,
    basePath: base.pathname.replace(/\/+$/, ''),
    timeout: o.timeout ?? 30_000,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    transport: nodeTransport(),
    userAgent: o.userAgent ?? 'wxpay-gen-certs',
  };
  return fetchCertificates(ctx, { trustDownloaded: o.pinned === undefined });
}
