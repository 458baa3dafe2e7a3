import type { KeyObject } from 'node:crypto';

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
  /** Default `https://api.mch.weixin.qq.com`. */
  readonly baseURL?: string;
  /** Milliseconds before a call is abandoned with a TimeoutError. Default 30000. */
  readonly timeout?: number;
  /** Validate arguments against the spec before sending (default true). */
  readonly validate?: boolean;
  /** Replaces the global fetch (for tests or proxies). */
  readonly fetch?: typeof fetch;
  /** Extra `User-Agent` product token. */
  readonly userAgent?: string;
}

/** Options every generated method accepts beside its parameters. */
export interface CallOptions {
  /** Aborts the call. */
  readonly signal?: AbortSignal;
  /** Per-call timeout in milliseconds, overriding the client's. */
  readonly timeout?: number;
  /** Decrypts `x-encrypted` response fields with this key instead of the merchant key (service-provider mode). */
  readonly decryptKey?: KeyInput;
}

/** What every call resolves to. */
export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: T;
}

/** A header set in which the client fills in `Wechatpay-Serial` when the caller leaves it out. */
export type SerialOptional<H> = Omit<H, 'Wechatpay-Serial'> & { readonly 'Wechatpay-Serial'?: string };
