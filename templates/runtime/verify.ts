/**
 * The one check of a WeChat Pay signature, shared by API answers and notifications:
 * `Wechatpay-Timestamp\nWechatpay-Nonce\nRAW BODY\n` against `Wechatpay-Signature`, under the key
 * that `Wechatpay-Serial` names. The rules are those of the official SDKs (wechatpay-go
 * core/auth/validators, wechatpay-java notification/NotificationParser):
 *
 * - the four headers must be there and not blank (both SDKs);
 * - `Wechatpay-Signature-Type`, when sent, must be `WECHATPAY2-SHA256-RSA2048` (the only type
 *   wechatpay-java has a verifier for); wechatpay-go does not read it, so its absence is accepted;
 * - a `WECHATPAY/SIGNTEST/` probe signature is refused before any RSA work (it never verifies);
 * - the timestamp is whole seconds, refused when `|timestamp − now| ≥ 300` (wechatpay-go);
 * - the serial must be one of `certs`; the signature must verify over the raw bytes.
 */
import type { KeyObject } from 'node:crypto';
import { verifyMessage } from './crypto.js';
import type { SignatureFailure } from './errors.js';

/** The signature scheme of APIv3 answers and notifications. */
export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
/** How far a timestamp may be from our clock: refused at 300 s and beyond. */
export const MAX_SKEW_SECONDS = 300;
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';

/** Reads one header by its lower-case name (`undefined` when absent). */
export type HeaderGetter = (lowerName: string) => string | undefined;

/** Why the check failed, and a sentence saying so (names headers and serials, never key material). */
export interface VerifyFailure {
  readonly reason: SignatureFailure;
  readonly detail: string;
}

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

/**
 * Checks the signature of a WeChat Pay message. Returns `undefined` when it is genuine, else the
 * failure (the caller builds the typed error). Never throws. `raw` is the body as received: its
 * bytes, or a string (checked as its UTF-8 bytes).
 */
export function checkSignature(certs: ReadonlyMap<string, KeyObject>, header: HeaderGetter, raw: Uint8Array | string): VerifyFailure | undefined {
  const timestamp = header('wechatpay-timestamp');
  const nonceStr = header('wechatpay-nonce');
  const signature = header('wechatpay-signature');
  const serial = header('wechatpay-serial');
  if (blank(timestamp) || blank(nonceStr) || blank(signature) || blank(serial) || timestamp === undefined || nonceStr === undefined || signature === undefined || serial === undefined) {
    const missing: string[] = [];
    if (blank(timestamp)) missing.push('Wechatpay-Timestamp');
    if (blank(nonceStr)) missing.push('Wechatpay-Nonce');
    if (blank(signature)) missing.push('Wechatpay-Signature');
    if (blank(serial)) missing.push('Wechatpay-Serial');
    return { reason: 'missing-header', detail: `no ${missing.join(', ')} header` };
  }
  const type = header('wechatpay-signature-type');
  if (type !== undefined && type.trim() !== SIGNATURE_TYPE) {
    return { reason: 'signature-type', detail: `Wechatpay-Signature-Type is not ${SIGNATURE_TYPE}` };
  }
  if (signature.startsWith(PROBE_PREFIX)) {
    return { reason: 'probe', detail: 'the signature is a WECHATPAY/SIGNTEST/ probe' };
  }
  const t = timestamp.trim();
  const ts = /^\d{1,15}$/.test(t) ? Number(t) : NaN;
  if (!(Math.abs(ts - Math.floor(Date.now() / 1000)) < MAX_SKEW_SECONDS)) {
    return { reason: 'stale-timestamp', detail: `Wechatpay-Timestamp is ${MAX_SKEW_SECONDS} s or more from the local clock` };
  }
  const key = certs.get(serial);
  if (!key) return { reason: 'unknown-serial', detail: `Wechatpay-Serial ${serial.slice(0, 80)} is not in certs` };
  if (!verifyMessage(`${timestamp}\n${nonceStr}\n`, raw, '\n', signature, key)) {
    return { reason: 'bad-signature', detail: `the signature does not match the body under key ${serial}` };
  }
  return undefined;
}
