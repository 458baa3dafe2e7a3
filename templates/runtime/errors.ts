/**
 * Every error the client throws. All extend `WxPayError` and carry a stable `code`.
 *
 * Secrecy rule: no error built here ever holds a private key, a key's PEM text, the
 * caller's arguments or the plaintext of a sensitive field — not in `message`, not in a
 * property, not in `cause`. Messages name field *paths*, never field *values*.
 */

/** Stable machine-readable codes, one per class. */
export type WxPayErrorCode =
  | 'api'
  | 'signature'
  | 'validation'
  | 'encryption'
  | 'decryption'
  | 'timeout'
  | 'network'
  | 'config'
  | 'response-too-large'
  | 'malformed-response'
  | 'download';

/** Base of every error thrown by the client. */
export abstract class WxPayError extends Error {
  abstract readonly code: WxPayErrorCode;

  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
  }

  /** A plain summary (no stack, no cause) for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const k of Object.keys(this)) out[k] = (this as unknown as Record<string, unknown>)[k];
    return out;
  }
}

/** WeChat Pay answered with a non-2xx status. */
export class ApiError extends WxPayError {
  readonly code = 'api' as const;
  /** HTTP status. */
  readonly status: number;
  /** WeChat Pay's error code (`PARAM_ERROR`, `SIGN_ERROR`, …), or `UNKNOWN` when the body has none. */
  readonly errorCode: string;
  /** WeChat Pay's `detail` object, when present. */
  readonly detail: unknown;
  /** The `Request-ID` response header, for WeChat Pay support. */
  readonly requestId: string | undefined;

  constructor(init: { status: number; errorCode: string; message: string; detail?: unknown; requestId?: string | undefined }) {
    super(`WeChat Pay answered ${init.status} ${init.errorCode}: ${init.message}${init.requestId ? ` (Request-ID ${init.requestId})` : ''}`);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.requestId = init.requestId;
  }
}

/** Which check of the response signature failed. */
export type SignatureFailure =
  | 'missing-header'
  | 'probe'
  | 'stale-timestamp'
  | 'unknown-serial'
  | 'bad-signature'
  | 'signature-type';

/** A 2xx response (or a notification) failed verification; its body was not handed back. */
export class SignatureError extends WxPayError {
  readonly code = 'signature' as const;
  readonly reason: SignatureFailure;
  /** The response's HTTP status; 0 for a notification. */
  readonly status: number;
  readonly requestId: string | undefined;

  constructor(reason: SignatureFailure, detail: string, status: number, requestId: string | undefined, subject: 'response' | 'notification' = 'response') {
    super(`WeChat Pay ${subject} failed verification (${reason}): ${detail}`);
    this.reason = reason;
    this.status = status;
    this.requestId = requestId;
  }
}

/** One problem found by argument validation: a field path (`json.payer.openid`, `query.appid`) and what is wrong. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/** The call's arguments do not match the spec; nothing was signed, encrypted or sent. */
export class ValidationError extends WxPayError {
  readonly code = 'validation' as const;
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject = 'arguments') {
    super(`Invalid ${subject}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** A sensitive request field could not be encrypted (unknown `Wechatpay-Serial`, value not a string, too long). Nothing was sent. */
export class EncryptionError extends WxPayError {
  readonly code = 'encryption' as const;
  /** The field path, when one field is at fault. */
  readonly path: string | undefined;

  constructor(message: string, path?: string) {
    super(message);
    this.path = path;
  }
}

/**
 * Something encrypted would not decrypt: a sensitive response field (merchant key or the call's
 * `decryptKey`), or an AEAD_AES_256_GCM resource (APIv3 key) of a notification or certificate
 * answer. Never holds the key, the ciphertext or any plaintext.
 */
export class DecryptionError extends WxPayError {
  readonly code = 'decryption' as const;
  /** The field path, e.g. `real_name_info.encrypted_real_name` or `resource.ciphertext`. */
  readonly path: string;

  constructor(path: string, why: string, what = 'response field') {
    super(`Could not decrypt ${what} ${path}: ${why}`);
    this.path = path;
  }
}

/** The call took longer than its timeout and was abandoned. */
export class TimeoutError extends WxPayError {
  readonly code = 'timeout' as const;
  /** The timeout in milliseconds. */
  readonly timeout: number;

  constructor(timeout: number) {
    super(`WeChat Pay call timed out after ${timeout} ms`);
    this.timeout = timeout;
  }
}

/** The request could not be sent or the response could not be read; `cause` holds the underlying error. */
export class NetworkError extends WxPayError {
  readonly code = 'network' as const;

  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

/** The client options or the operation table are wrong (malformed key, missing mchid, colliding endpoints, unknown `chain()` key, …); thrown by `createClient` and `chain()`. */
export class ConfigError extends WxPayError {
  readonly code = 'config' as const;

  constructor(message: string) {
    super(message);
  }
}

/** Why a download was refused. */
export type DownloadFailure = 'hash-mismatch' | 'too-large' | 'gzip';

/** A downloaded file failed its check (hash, size, gzip); a file path given as `to` was not written. */
export class DownloadError extends WxPayError {
  readonly code = 'download' as const;
  readonly reason: DownloadFailure;
  /** `hash-mismatch`: the `hash_value` given, and the digest of what arrived (lower-case hex). */
  readonly expected: string | undefined;
  readonly actual: string | undefined;

  constructor(reason: DownloadFailure, message: string, expected?: string, actual?: string) {
    super(`Download refused (${reason}): ${message}`);
    this.reason = reason;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The answer was larger than the call's `maxResponseBytes` (client option, per call, default
 * 10 MiB): reading stopped there and the connection was closed, nothing was parsed. For large
 * files use a streaming download instead of raising the limit.
 */
export class ResponseTooLargeError extends WxPayError {
  readonly code = 'response-too-large' as const;
  /** The limit in bytes. */
  readonly limit: number;
  /** HTTP status of the answer. */
  readonly status: number;
  readonly requestId: string | undefined;

  constructor(limit: number, status: number, requestId: string | undefined) {
    super(`WeChat Pay's answer (HTTP ${status}) is larger than maxResponseBytes (${limit} bytes); it was not read${requestId ? ` (Request-ID ${requestId})` : ''}`);
    this.limit = limit;
    this.status = status;
    this.requestId = requestId;
  }
}

/** What was malformed: the HTTP message itself (status line, headers, framing) or a 2xx body that should be JSON. */
export type MalformedPart = 'http' | 'json';

/** The server's answer is not well formed: not valid HTTP, or a verified 2xx body that is not JSON. */
export class MalformedResponseError extends WxPayError {
  readonly code = 'malformed-response' as const;
  readonly part: MalformedPart;
  /** HTTP status, when the status line could be read (0 otherwise). */
  readonly status: number;
  readonly requestId: string | undefined;
  /** The JSON-encoded string field of the answer that is not JSON (`data[0].requested_item_info`); absent for the whole body. */
  readonly field?: string;

  constructor(part: MalformedPart, detail: string, status: number, requestId: string | undefined, cause?: unknown, field?: string) {
    super(`WeChat Pay's answer is malformed (${part}): ${detail}${requestId ? ` (Request-ID ${requestId})` : ''}`, cause === undefined ? undefined : { cause });
    this.part = part;
    this.status = status;
    this.requestId = requestId;
    if (field !== undefined) this.field = field;
  }
}
