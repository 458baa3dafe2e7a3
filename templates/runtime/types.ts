import type { Agent } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { SERIAL_HEADER } from './serial.js';
import type { PlatformCertificatesOptions } from './certificates.js';
import type { RetryOptions } from './retry.js';

/** A key as the caller may hold it: PEM text (PKCS#1, PKCS#8, SPKI or an X.509 certificate), its bytes, or a parsed KeyObject. */
export type KeyInput = string | Buffer | KeyObject;

export interface ClientOptions {
  /** Merchant number (商户号). */
  readonly mchid: string;
  /** Serial number of the merchant API certificate. */
  readonly serial: string;
  /** Merchant API private key. */
  readonly privateKey: KeyInput;
  /** WeChat Pay public keys by id: platform certificate serial or `PUB_KEY_ID_…` → key or certificate. */
  readonly certs: Readonly<Record<string, KeyInput>>;
  /**
   * The merchant's APIv3 key (APIv3密钥, 32 characters): decrypts notifications and the
   * AEAD_AES_256_GCM resources of answers such as /v3/certificates. Checked at createClient,
   * held as a KeyObject, never echoed in an error.
   */
  readonly apiV3Key?: string;
  /**
   * Replaces the default host `https://api.mch.weixin.qq.com` (default: that host), also for the
   * operations whose server lives on it with a path prefix (`…/hk` becomes `<baseURL>/hk`).
   */
  readonly baseURL?: string;
  /**
   * Spec server URL → the URL to send to instead (a proxy, a test double, the mock), e.g.
   * `{ 'https://apihk.mch.weixin.qq.com/global': 'http://127.0.0.1:8080/global' }`. Wins over `baseURL`.
   */
  readonly servers?: Readonly<Record<string, string>>;
  /** Milliseconds before a call is abandoned with a TimeoutError. Default 30000 (0 or Infinity: none). */
  readonly timeout?: number;
  /**
   * Most bytes of an answer the client reads, JSON or binary, success or error (default
   * 10 MiB = 10485760). A larger answer is not read: the call fails with ResponseTooLargeError
   * as soon as its Content-Length, or the bytes received, pass the limit.
   */
  readonly maxResponseBytes?: number;
  /**
   * Validate arguments against the spec before sending (default true). Also checks the types and
   * enum values of the fields present in a decrypted notification payload.
   */
  readonly validate?: boolean;
  /**
   * Also refuse a decrypted notification payload that lacks a field its event's schema marks
   * required (default false; needs `validate`). Off by default because the doc pages mark the
   * fields of every scenario (direct merchant, partner, profit sharing, …) required in one table,
   * so a genuine notification lacks some of them, and the official SDKs check no payload field:
   * a refused notification is answered FAIL and never acknowledged. Turn it on when your spec's
   * required marks are true for your scenario (fix them in an overlay, specs/overrides/webhooks/).
   */
  readonly strictNotifications?: boolean;
  /**
   * Sends requests with this fetch instead of node:http(s) (for tests, or a fetch-based proxy).
   * Without it the client uses node:http / node:https with a keep-alive agent of its own.
   */
  readonly fetch?: typeof fetch;
  /** The node:http(s) agent to send with (connection pooling, proxies); default a keep-alive agent per client. */
  readonly agent?: Agent;
  /**
   * An undici `Dispatcher` (e.g. `new Agent({ keepAliveTimeout: 30_000, connections: 16 })`)
   * passed to every fetch call as its `dispatcher` option; giving one makes the client send
   * with fetch (the global one unless `fetch` is given too) instead of node:http(s).
   */
  readonly dispatcher?: unknown;
  /** Extra `User-Agent` product token. */
  readonly userAgent?: string;
  /**
   * Retries (default off): `true` for the defaults, or options. Network errors before anything
   * was sent are retried for any method; 429, 5xx and later network errors only on GET (or
   * calls marked `idempotent`). Every attempt is signed afresh. See retry.ts.
   */
  readonly retry?: boolean | RetryOptions;
  /**
   * Platform certificates (not the public-key mode): keep the ones `GET /v3/certificates` gives
   * beside `certs`, refreshed in the background (default every 12 h) and on an unknown
   * `Wechatpay-Serial` (at most once per interval). Needs `apiV3Key`. See certificates.ts.
   */
  readonly platformCertificates?: boolean | PlatformCertificatesOptions;
}

/**
 * Options every generated method accepts beside its parameters. The call argument is one
 * object: path parameters by name, `json` / `query` / `headers` (or `multipart` for an
 * upload: `{ file, filename?, meta }`), and these options.
 */
export interface CallOptions {
  /** Aborts the call. */
  readonly signal?: AbortSignal;
  /** Per-call timeout in milliseconds, overriding the client's (0 or Infinity: none). */
  readonly timeout?: number;
  /** Most bytes of this call's answer, overriding the client's `maxResponseBytes`. */
  readonly maxResponseBytes?: number;
  /** Decrypts `x-encrypted` response fields with this key instead of the merchant key (service-provider mode). */
  readonly decryptKey?: KeyInput;
  /** This call's retries, over the client's `retry` option: `false` for none, `{ idempotent: true }` to let a POST be retried. */
  readonly retry?: boolean | RetryOptions;
  /**
   * Sends this call to another server than the operation's default: one of its spec servers
   * (`https://apihk.mch.weixin.qq.com`), mapped through `servers` / `baseURL` like any, or any URL.
   */
  readonly server?: string;
}

/** What every call resolves to. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: T;
}

/** A header set in which the client fills in `Wechatpay-Serial` when the caller leaves it out. */
export type SerialOptional<H> = Omit<H, typeof SERIAL_HEADER> & { readonly [K in typeof SERIAL_HEADER]?: string };

/** The `multipart` argument of an upload: WeChat Pay's `meta` JSON part and the `file` part. */
export interface MultipartArgs<M = Record<string, unknown>> {
  /** The file's bytes. */
  readonly file: Buffer | Uint8Array;
  /** File name of the `file` part (default: `meta.filename`, else `file`). */
  readonly filename?: string;
  /** Content type of the `file` part (default: guessed from the file name's extension). */
  readonly contentType?: string;
  /** The `meta` part: sent as JSON, and signed as the request body. */
  readonly meta: M;
}

/** The one argument of a call as the runtime sees it (the generated types are stricter). */
export interface CallArgs extends CallOptions {
  readonly json?: unknown;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly multipart?: MultipartArgs;
  /** Path parameters by name. */
  readonly [pathParam: string]: unknown;
}

/** One endpoint of an untyped client: its methods by lower-case name. */
export type Endpoint = { readonly [method: string]: (args?: CallArgs) => Promise<ApiResponse<unknown>> };
