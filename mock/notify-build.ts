/**
 * One notification exactly as WeChat Pay sends it (回调通知): the payload encrypted with the
 * APIv3 key (AEAD_AES_256_GCM, 12-character nonce, associated_data), wrapped in
 * `{ id, create_time, resource_type, event_type, summary, resource }`, signed with the simulated
 * WeChat Pay private key over `TIMESTAMP\nNONCE\nBODY\n`, `Wechatpay-Serial` = the public key id.
 * Faults bend it the way a forgery or a probe would. Independent of the client runtime.
 */
import { createPrivateKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { aesGcmEncrypt, makeNonce, signMessage } from './crypto';
import { signtestSignature, STALE_SECONDS, tamperBody, tamperSignature, UNKNOWN_SERIAL } from './faults';
import { makeApiV3Key } from './keys';
import { responseMessage } from './sign';

export const NOTIFY_FAULT_NAMES = ['tampered-body', 'tampered-signature', 'stale-timestamp', 'unknown-serial', 'signtest', 'wrong-apiv3-key'] as const;
export type NotifyFaultName = (typeof NOTIFY_FAULT_NAMES)[number];

/** The keys a sender needs (a keys folder's `prepareKeys` result has them all). */
export interface NotifyKeys {
  readonly wechatpayPrivateKey: string | KeyObject;
  readonly publicKeyId: string;
  readonly apiV3Key: string;
}

export interface BuildNotificationOptions {
  readonly fault?: NotifyFaultName;
  /** `summary` (default 支付成功 / 退款成功 / … by event, else `通知`). */
  readonly summary?: string;
  /** `resource.original_type` (default: the event type's first part, lower case: `transaction`). */
  readonly originalType?: string;
  /** `resource.associated_data` (default: the original type); `null` leaves it out. */
  readonly associatedData?: string | null;
  /** The notification id (default a fresh UUID). */
  readonly id?: string;
  /** The clock, ms since the epoch (default Date.now). */
  readonly now?: number;
}

/** A built notification: what goes on the wire, and what it means. */
export interface BuiltNotification {
  readonly id: string;
  readonly eventType: string;
  /** The exact body bytes sent (a fault may have changed them after signing). */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fault: NotifyFaultName | undefined;
  /** The body as signed, before any fault: what a retry re-signs. */
  readonly signedBody: string;
}

const SUMMARIES: Readonly<Record<string, string>> = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
  'REFUND.ABNORMAL': '退款异常',
  'REFUND.CLOSED': '退款关闭',
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 12-character alphanumeric resource nonce (the GCM IV), as WeChat Pay's. */
export function resourceNonce(): string {
  let out = '';
  for (const b of randomBytes(12)) out += ALNUM[b % ALNUM.length];
  return out;
}

/** RFC 3339 in China Standard Time: `2026-12-01T17:30:05+08:00`. */
export function chinaTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/** Re-signs a body with a fresh timestamp and nonce (a retry of the same notification). */
export function signNotification(body: string, keys: NotifyKeys, fault: NotifyFaultName | undefined, now: number = Date.now()): { headers: Record<string, string>; body: string } {
  const key = typeof keys.wechatpayPrivateKey === 'string' ? createPrivateKey(keys.wechatpayPrivateKey) : keys.wechatpayPrivateKey;
  const timestamp = String(Math.floor(now / 1000) - (fault === 'stale-timestamp' ? STALE_SECONDS : 0));
  const nonce = makeNonce();
  const bytes = Buffer.from(body, 'utf8');
  let signature = signMessage(responseMessage(timestamp, nonce, bytes), key);
  if (fault === 'tampered-signature') signature = tamperSignature(signature);
  if (fault === 'signtest') signature = signtestSignature();
  const sent = fault === 'tampered-body' ? tamperBody(bytes).toString('utf8') : body;
  return {
    body: sent,
    headers: {
      'Content-Type': 'application/json',
      'Request-ID': `MOCK-NOTIFY-${randomUUID()}`,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': fault === 'unknown-serial' ? UNKNOWN_SERIAL : keys.publicKeyId,
      'Wechatpay-Signature': signature,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Wechatpay-Timestamp': timestamp,
    },
  };
}

/** Builds one notification of `eventType` carrying `data`. */
export function buildNotification(keys: NotifyKeys, eventType: string, data: unknown, options: BuildNotificationOptions = {}): BuiltNotification {
  const fault = options.fault;
  if (fault !== undefined && !(NOTIFY_FAULT_NAMES as readonly string[]).includes(fault)) {
    throw new TypeError(`unknown notification fault "${String(fault)}"; use one of ${NOTIFY_FAULT_NAMES.join(', ')}`);
  }
  const now = options.now ?? Date.now();
  const originalType = options.originalType ?? (eventType.split('.')[0] ?? 'event').toLowerCase();
  const aad = options.associatedData === undefined ? originalType : options.associatedData;
  const nonce = resourceNonce();
  const key = fault === 'wrong-apiv3-key' ? makeApiV3Key() : keys.apiV3Key;
  const resource: Record<string, string> = {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: aesGcmEncrypt(JSON.stringify(data), key, nonce, aad ?? ''),
    ...(aad === null ? {} : { associated_data: aad }),
    nonce,
  };
  const id = options.id ?? randomUUID();
  const body = JSON.stringify({
    id,
    create_time: chinaTime(now),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: options.summary ?? SUMMARIES[eventType] ?? '通知',
    resource,
  });
  const signed = signNotification(body, keys, fault, now);
  return { id, eventType, body: signed.body, headers: signed.headers, fault, signedBody: body };
}
