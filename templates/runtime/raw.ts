/**
 * `wxpay.request(…)`: a signed call to an endpoint that is not (yet) in the spec. Signed and
 * verified like every call, the sensitive fields the caller names encrypted (and decrypted in
 * the answer), the same typed errors, retries if asked for. Untyped by design: `data` is
 * `unknown`, nothing is validated against a schema.
 */
import type { HttpMethod } from './methods.js';
import { ValidationError } from './errors.js';
import type { OperationDescriptor } from './operation.js';
import { parsePointer } from './pointer.js';
import type { FieldLocation } from './pointer.js';
import { execute, prepareOperation } from './request.js';
import type { ClientContext } from './request.js';
import { resolveTarget } from './targets.js';
import type { ApiResponse, CallOptions } from './types.js';

/** The argument of `wxpay.request`. */
export interface RawRequest extends CallOptions {
  /** `GET`, `POST`, `PUT`, `PATCH` or `DELETE` (any case). */
  readonly method: string;
  /** Path on the client's baseURL (`/v3/pay/transactions/jsapi`); or give `url`. */
  readonly path?: string;
  /** Absolute URL on the client's baseURL or a WeChat Pay host (never another host); or give `path`. */
  readonly url?: string;
  /** Query parameters, encoded onto the URL (not with a `url` that has a query of its own). */
  readonly query?: Readonly<Record<string, unknown>>;
  /** The JSON body. */
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
  /**
   * Sensitive request fields to encrypt (RSA-OAEP with the key `Wechatpay-Serial` names): JSON
   * pointers into `json` (`/contact_info/contact_name`, `*` for every array element), or
   * `{ in: 'body' | 'query' | 'header', pointer }`.
   */
  readonly encrypt?: readonly (string | FieldLocation)[];
  /** Sensitive response fields to decrypt with the merchant key (JSON pointers into the answer). */
  readonly decrypt?: readonly string[];
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function fail(path: string, message: string): never {
  throw new ValidationError([{ path, message }]);
}

function locations(list: unknown, what: string, response: boolean): FieldLocation[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) fail(what, 'must be an array of JSON pointers');
  return list.map((entry: unknown, i): FieldLocation => {
    const loc: unknown = typeof entry === 'string' ? { in: 'body', pointer: entry } : entry;
    const l = loc as Partial<FieldLocation> | null;
    const ok =
      typeof l === 'object' && l !== null && typeof l.pointer === 'string' && parsePointer(l.pointer) !== undefined &&
      (l.in === 'body' || (!response && (l.in === 'query' || l.in === 'header') && l.pointer.length > 1));
    if (!ok) fail(`${what}[${i}]`, response ? 'must be a JSON pointer into the answer ("/a/b")' : 'must be a JSON pointer into json ("/a/b") or { in: "body" | "query" | "header", pointer }');
    return { in: l.in, pointer: l.pointer } as FieldLocation;
  });
}

/** Runs one raw call. */
export function rawRequest(ctx: ClientContext, raw: RawRequest): Promise<ApiResponse<unknown>> {
  return Promise.resolve().then(() => {
    if (!raw || typeof raw !== 'object') fail('(arguments)', 'must be an object');
    const method = typeof raw.method === 'string' ? raw.method.toUpperCase() : '';
    if (!METHODS.has(method)) fail('method', 'must be GET, POST, PUT, PATCH or DELETE');
    if ((raw.path === undefined) === (raw.url === undefined)) fail('path', 'give exactly one of path and url');
    let target: { origin: string; path: string };
    if (raw.url !== undefined) {
      if (typeof raw.url !== 'string') fail('url', 'must be a string');
      target = resolveTarget(ctx, raw.url);
    } else {
      if (typeof raw.path !== 'string' || !raw.path.startsWith('/') || raw.path.startsWith('//')) fail('path', 'must start with a single /');
      // Normalized by the URL parser, as the transport will: what is signed is what is sent.
      const u = new URL(raw.path, 'http://x');
      target = { origin: ctx.origin, path: ctx.basePath + u.pathname + u.search };
    }
    if (target.path.includes('?') && raw.query !== undefined) fail('query', 'cannot be given with a URL that has a query already');
    if (raw.json !== undefined && method === 'GET') fail('json', 'a GET has no body');
    const op: OperationDescriptor = {
      method: method as HttpMethod,
      // The URL parser percent-encodes braces, so the path has no template parameters.
      path: target.path,
      body: raw.json === undefined ? 'none' : 'json',
      request: {},
      response: { kind: 'json' },
      encrypted: { request: locations(raw.encrypt, 'encrypt', false), response: locations(raw.decrypt, 'decrypt', true) },
    };
    const { method: _m, path: _p, url: _u, encrypt: _e, decrypt: _d, ...args } = raw;
    const callCtx: ClientContext = { ...ctx, origin: target.origin, basePath: '', validate: false };
    return execute(callCtx, prepareOperation(op), args);
  });
}
