/** The public shapes of the mock server library. */
import type { Model } from '../generator/model';
import type { FaultInput, FaultName } from './faults';
import type { MockKeys, MockKeysInput } from './keys';
import type { MockLimits } from './limits';
import type { NotifyOptions } from './notify';
import type { DeliveryResult } from './notify-send';

/** Chooses a fault for an accepted request (after decryption); undefined for none. */
export type FaultSelector = FaultInput | ((request: ReceivedRequest) => FaultInput | undefined);

export interface MockServerOptions {
  /** Root OpenAPI document (default `specs/wechatpay.yaml`), read through the generator's loader. Ignored when `model` is given. */
  readonly spec?: string;
  /** Folder `spec` is relative to (default the working directory). */
  readonly cwd?: string;
  /** An already built model. */
  readonly model?: Model;
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Keys folder, or key material in memory; default a new temporary folder. */
  readonly keys?: MockKeysInput;
  /** A fault for every accepted request, or a function choosing one per request. */
  readonly faults?: FaultSelector;
  /** Receives one line per request: method, path, status, verdict. Never a key or a decrypted value. */
  readonly log?: (line: string) => void;
  /** Clock in milliseconds (default Date.now), for request timestamp checks and response timestamps. */
  readonly clock?: () => number;
  /**
   * Certificates mode (default false: the public-key mode, where /v3/certificates is 404): answers
   * are signed by the newest platform certificate, /v3/certificates serves them sealed with the APIv3 key.
   */
  readonly platformCertificates?: boolean;
  /**
   * Bounds on what clients may send and what the server remembers (defaults in
   * DEFAULT_LIMITS: 1 MiB bodies, JSON nesting 64, the last 100 requests within 32 MiB,
   * 1 KiB of a rejected request's body).
   */
  readonly limits?: Partial<MockLimits>;
}

/** What the server answered an accepted request (before any fault changed it). */
export interface SentResponse {
  readonly status: number;
  /** The body before `x-encrypted` fields were encrypted: what the client should hand back. */
  readonly data?: unknown;
  /** The body as sent, sensitive fields as ciphertext (empty for 204). */
  readonly body: string;
}

/** One request as the server understood it. Sensitive fields are plaintext here once `decrypted` is true. */
export interface ReceivedRequest {
  /** 1, 2, 3, … per server. */
  readonly seq: number;
  /** The `Request-ID` the server answered with. */
  readonly requestId: string;
  readonly method: string;
  /** Path and query exactly as received. */
  readonly url: string;
  /** The operation (`POST v3/…`), once routed. */
  readonly operation?: string;
  /** The path template, once routed. */
  readonly path?: string;
  /** Path parameters (decoded, typed as the schema says). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Query parameters (decoded, typed as the schema says; unknown ones as strings). */
  readonly query: Readonly<Record<string, unknown>>;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body. */
  readonly json?: unknown;
  /** The body exactly as received (UTF-8); of a rejected request only its first `limits.rejectedBodyBytes` bytes. */
  readonly body: string;
  /** Size in bytes of the body as received (before any cut). */
  readonly bodyBytes?: number;
  /** True when `body` holds only the start of a rejected request's body (and `json` is left out). */
  readonly bodyTruncated?: boolean;
  /** Whether every `x-encrypted` field above has been replaced by its plaintext. */
  readonly decrypted: boolean;
  /** The status the server decided on (a fault may have changed what was sent; see `fault`). */
  readonly status: number;
  /** `ok`, or WeChat Pay's error code (`SIGN_ERROR`, `PARAM_ERROR`, …). */
  readonly verdict: string;
  /** Why, for a rejection; names fields, never values. */
  readonly reason?: string;
  /** The fault applied to the answer, if any. */
  readonly fault?: FaultName;
  /** The answer to an accepted request. */
  readonly response?: SentResponse;
}

/** Options for the generated client's `createClient` that talk to this server. */
export interface MockClientOptions {
  readonly mchid: string;
  readonly serial: string;
  readonly privateKey: string;
  readonly certs: Readonly<Record<string, string>>;
  /** The merchant's APIv3 key (the keys folder's apiv3.key): notifications are encrypted with it. */
  readonly apiV3Key: string;
  readonly baseURL: string;
  /** Every spec server URL of the model → this server with that server's path prefix. */
  readonly servers: Readonly<Record<string, string>>;
}

export interface MockServer {
  /** `http://127.0.0.1:<port>` — the client's baseURL. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly keys: MockKeys;
  /** The last requests (at most `limits.maxReceived`, within `limits.maxReceivedBytes`), in arrival order (a live array). */
  readonly received: readonly ReceivedRequest[];
  /** Every byte clients sent (request lines, headers, bodies), as on the wire; capped at 8 MiB. */
  wire(): Buffer;
  /** createClient options for this server: mchid, serial, privateKey, certs, baseURL. */
  clientOptions(): MockClientOptions;
  /** Replaces the per-server fault (undefined: none). */
  setFaults(faults: FaultSelector | undefined): void;
  /**
   * Sends a notification to `url` exactly as WeChat Pay does: signed with the simulated WeChat Pay
   * key, encrypted with the keys' APIv3 key; payload `data`, else built from the spec's webhook.
   * Resolves with every attempt and answer (`retry` follows the documented schedule × `retryScale`).
   */
  notify(url: string, eventType: string, data?: unknown, options?: NotifyOptions): Promise<DeliveryResult>;
  /** Stops listening, drops every connection and pending slow answer. Idempotent. */
  close(): Promise<void>;
  /** Certificates mode: the platform certificates (oldest first; the last one signs answers). Empty in the public-key mode. */
  certificates(): readonly { readonly serial: string; readonly pem: string }[];
  /** Certificates mode: a new certificate with a new key, effective now; answers are signed by it from then on. */
  rotateCertificate(): { readonly serial: string; readonly pem: string };
}
