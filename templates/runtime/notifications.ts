/**
 * `wxpay.notifications.parse({ headers, body })`: verifies a notification over its raw bytes with
 * the same check as API answers (verify.ts), then checks `resource`, decrypts it with the APIv3
 * key (tag checked), parses the plaintext and validates it against the event's payload schema.
 * Every step's failure is a typed error: SignatureError (`status` 0), DecryptionError,
 * ValidationError, ConfigError (no apiV3Key). None carries the key or the plaintext.
 */
import type { KeyObject } from 'node:crypto';
import { ConfigError, DecryptionError, SignatureError, ValidationError } from './errors.js';
import type { ValidationIssue } from './errors.js';
import type { HeadersLike, Notification, NotificationInput, WebhookTable } from './notification-types.js';
import { decryptResource } from './resource.js';
import { validateValue } from './validate.js';
import { checkSignature } from './verify.js';
import type { HeaderGetter } from './verify.js';

/** What parsing needs from the client. */
export interface NotificationContext {
  readonly certs: ReadonlyMap<string, KeyObject>;
  readonly apiV3Key: KeyObject | undefined;
  readonly validate: boolean;
  /** Also refuse a payload that lacks a field the schema marks required (the `strictNotifications` option). */
  readonly strictNotifications: boolean;
  readonly webhooks: WebhookTable;
}

const WHAT = 'notification field';

/** Whether `headers` is a fetch `Headers` (checked without touching the global first: reading it loads undici). */
function isHeaders(headers: unknown): headers is Headers {
  return typeof headers === 'object' && headers !== null && typeof (headers as { get?: unknown }).get === 'function' && typeof Headers !== 'undefined' && headers instanceof Headers;
}

type PlainHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The first string value of a header entry (a repeated header arrives as an array), else `undefined`. */
function firstValue(v: string | readonly string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? (v[0] as string) : undefined;
}

/** `wechatpay-timestamp` → `Wechatpay-Timestamp`: the spelling WeChat Pay sends and frameworks keep. */
function canonicalName(lowerName: string): string {
  return lowerName.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** Every header by its lower-case name; of names that differ only in case, the first in the object's order. */
function lowerCaseMap(plain: PlainHeaders): Map<string, string> {
  const lower = new Map<string, string>();
  for (const key in plain) {
    if (!Object.prototype.hasOwnProperty.call(plain, key)) continue;
    const first = firstValue(plain[key]);
    if (first === undefined) continue;
    const k = key.toLowerCase();
    if (!lower.has(k)) lower.set(k, first);
  }
  return lower;
}

const CANONICAL = new Map<string, string>();

/**
 * A case-insensitive reader over a `Headers` or a plain header object (first value of a repeated
 * header). A plain object is read at the name as node:http gives it (lower case), then as WeChat
 * Pay spells it (`Wechatpay-Timestamp`), and only then by a case-insensitive scan, made once per
 * object on the first name found neither way; an object holding the same header in two spellings
 * (which no HTTP server produces) gives the first of those three places that has it.
 */
export function headerGetter(headers: HeadersLike): HeaderGetter {
  if (isHeaders(headers)) return (name) => headers.get(name) ?? undefined;
  const plain = headers as PlainHeaders;
  let scanned: Map<string, string> | undefined;
  const own = (key: string): string | undefined => (Object.prototype.hasOwnProperty.call(plain, key) ? firstValue(plain[key]) : undefined);
  return (name) => {
    const direct = own(name);
    if (direct !== undefined) return direct;
    let canonical = CANONICAL.get(name);
    if (canonical === undefined) {
      canonical = canonicalName(name);
      if (CANONICAL.size < 64) CANONICAL.set(name, canonical);
    }
    const spelled = canonical === name ? undefined : own(canonical);
    if (spelled !== undefined) return spelled;
    scanned ??= lowerCaseMap(plain);
    return scanned.get(name);
  };
}

/**
 * The body whose signature is checked: a string as given (verified as its UTF-8 bytes, without
 * a copy of its own), bytes as a Buffer over the same memory. Anything else is refused.
 */
function signedBody(body: unknown): string | Buffer {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new ValidationError([
    { path: 'body', message: 'must be the raw request body as received (a string, Buffer or Uint8Array), not a parsed object' },
  ]);
}

/**
 * The verified body as text: a string body as given when it is well-formed UTF-16 (then its UTF-8
 * bytes, which were verified, decode back to exactly it), else the verified bytes decoded.
 */
function bodyText(signed: string | Buffer): string {
  if (typeof signed !== 'string') return signed.toString('utf8');
  return (signed as { isWellFormed?: () => boolean }).isWellFormed?.() === true ? signed : Buffer.from(signed, 'utf8').toString('utf8');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Verifies, decrypts, parses and validates one notification. Synchronous; throws the typed errors. */
export function parseNotificationSync(ctx: NotificationContext, input: NotificationInput): Notification {
  if (!isRecord(input) || !isRecord(input.headers) && !isHeaders(input.headers)) {
    throw new ValidationError([{ path: '(arguments)', message: 'must be { headers, body }' }]);
  }
  if (!ctx.apiV3Key) throw new ConfigError('apiV3Key is needed to decrypt notifications (pass it to createClient)');
  const signed = signedBody(input.body);
  const header = headerGetter(input.headers);
  const failure = checkSignature(ctx.certs, header, signed);
  if (failure) throw new SignatureError(failure.reason, failure.detail, 0, header('request-id'), 'notification');

  let body: unknown;
  try {
    body = JSON.parse(bodyText(signed));
  } catch {
    body = undefined;
  }
  if (!isRecord(body)) throw new ValidationError([{ path: '(body)', message: 'must be a JSON object (the verified body is not one)' }], 'notification');
  const plaintext = decryptResource(ctx.apiV3Key, body['resource'], 'resource', WHAT);
  let data: unknown;
  try {
    data = JSON.parse(plaintext);
  } catch {
    throw new DecryptionError('resource', 'the decrypted plaintext is not JSON', WHAT);
  }
  const eventType = body['event_type'];
  if (ctx.validate && typeof eventType === 'string' && Object.prototype.hasOwnProperty.call(ctx.webhooks, eventType)) {
    const variants = ctx.webhooks[eventType]?.payload ?? [];
    let best: readonly ValidationIssue[] | undefined;
    for (const schema of variants) {
      const issues = validateValue(schema, data, 'data', { required: ctx.strictNotifications });
      if (issues.length === 0) {
        best = undefined;
        break;
      }
      if (!best || issues.length < best.length) best = issues;
    }
    if (best) throw new ValidationError(best, `${eventType} notification`);
  }
  return { ...(body as object), data } as Notification;
}
