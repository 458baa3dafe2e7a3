/**
 * `buildClient`: parses the options once and builds the client's plain object tree from
 * the generated operations table. Each endpoint object (its methods by lower-case name) is
 * reachable three ways: along its property chain (`client.v3.eduPapay.user._openid_.contracts`),
 * by its key (`client['v3/edu-papay/user/{openid}/contracts']`) and by `client.chain(key)`.
 */
import { ConfigError } from './errors.js';
import { PlatformStore } from './certificates.js';
import { EXTRA_NAMES, merchantApi } from './extras.js';
import type { WebhookTable } from './notification-types.js';
import { isHttpMethod } from './methods.js';
import { checkRetryOption } from './retry.js';
import { buildKeyring } from './keyring.js';
import { chainOf } from './naming.js';
import { compileServers } from './servers.js';
import type { OperationTable } from './operation.js';
import { execute, prepareOperation } from './request.js';
import type { ClientContext } from './request.js';
import { fetchStreamTransport, nodeStreamTransport } from './stream.js';
import type { StreamTransport } from './stream.js';
import { byteLimitProblem, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, timeoutProblem } from './limits.js';
import { fetchTransport, nodeTransport } from './transport.js';
import type { Transport } from './transport.js';
import type { ClientOptions } from './types.js';

const VERSION = '0.1.0';

function headerSafe(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw new ConfigError(`${name} must be a non-empty string`);
  if (/["\\\r\n]/.test(value)) throw new ConfigError(`${name} must not contain quotes, backslashes or line breaks`);
  return value;
}

function createContext(options: ClientOptions): ClientContext {
  if (!options || typeof options !== 'object') throw new ConfigError('createClient needs an options object');
  const mchid = headerSafe('mchid', options.mchid);
  const serial = headerSafe('serial', options.serial);
  const keys = buildKeyring(options.privateKey, options.certs, options.apiV3Key);
  const servers = compileServers({ baseURL: options.baseURL, servers: options.servers });
  const base = servers.resolve(undefined);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const timeoutWhy = timeoutProblem(timeout);
  if (timeoutWhy) throw new ConfigError(`timeout ${timeoutWhy}`);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const limitWhy = byteLimitProblem(maxResponseBytes);
  if (limitWhy) throw new ConfigError(`maxResponseBytes ${limitWhy}`);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new ConfigError('fetch must be a function');
  const ua = options.userAgent ? ` ${headerSafe('userAgent', options.userAgent)}` : '';
  checkRetryOption(options.retry);
  return {
    mchid,
    serial,
    keys,
    origin: base.origin,
    basePath: base.basePath,
    servers,
    timeout,
    maxResponseBytes,
    validate: options.validate !== false,
    strictNotifications: options.strictNotifications === true,
    transport: transportFor(options),
    stream: streamTransportFor(options),
    load: { inflight: 0 },
    retry: options.retry,
    userAgent: `wxpay-gen/${VERSION} (node/${process.versions.node}; ${process.platform})${ua}`,
  };
}

/** The caller's fetch (with its undici dispatcher, if any), else node:http(s) with a keep-alive agent (or the caller's agent). */
function transportFor(options: ClientOptions): Transport {
  if (options.fetch) {
    const f = options.fetch;
    return fetchTransport((input, init) => f(input, init), options.dispatcher);
  }
  if (options.dispatcher !== undefined) return fetchTransport((input, init) => globalThis.fetch(input, init), options.dispatcher);
  return nodeTransport(options.agent);
}

/** The same choice for download bodies, streamed instead of collected. */
function streamTransportFor(options: ClientOptions): StreamTransport {
  if (options.fetch) {
    const f = options.fetch;
    return fetchStreamTransport((input, init) => f(input, init), options.dispatcher);
  }
  if (options.dispatcher !== undefined) return fetchStreamTransport((input, init) => globalThis.fetch(input, init), options.dispatcher);
  return nodeStreamTransport(options.agent);
}

type Node = Record<string, unknown>;

function define(target: Node, name: string, value: unknown, enumerable = true): void {
  Object.defineProperty(target, name, { value, enumerable, writable: false, configurable: false });
}

function child(node: Node, seg: string, key: string): Node {
  if (Object.prototype.hasOwnProperty.call(node, seg)) {
    const next = node[seg];
    if (typeof next !== 'object' || next === null) {
      throw new ConfigError(`endpoint ${key}: segment '${seg}' collides with a method of the same name`);
    }
    return next as Node;
  }
  const next: Node = {};
  define(node, seg, next);
  return next;
}

/**
 * Builds the client for an operations table. Keys are parsed here, once; a malformed one is
 * a ConfigError (which never quotes the key).
 */
export function buildClient<T>(table: OperationTable, options: ClientOptions, webhooks?: WebhookTable): T {
  const ctx = createContext(options);
  if (options.platformCertificates !== undefined && options.platformCertificates !== false) {
    if (!ctx.keys.apiV3Key) throw new ConfigError('platformCertificates needs apiV3Key (the certificates are sealed with it)');
    const settings = typeof options.platformCertificates === 'object' ? options.platformCertificates : undefined;
    const store = new PlatformStore(ctx, settings);
    (ctx as { platform?: PlatformStore }).platform = store;
    if (settings?.background !== false) store.start();
  }
  const root: Node = {};
  const endpoints = new Map<string, Node>();
  const nodes: Node[] = [root];
  // Create every endpoint object first, then hang methods on them: a key that is a prefix of
  // another is both a node of the other's chain and an endpoint.
  for (const key of Object.keys(table).sort()) {
    const chain = chainOf(key);
    if (chain.length === 0) throw new ConfigError(`endpoint key '${key}' has no path segments`);
    let node = root;
    for (const seg of chain) {
      if ((seg === 'chain' || EXTRA_NAMES.has(seg)) && node === root) throw new ConfigError(`endpoint ${key}: '${seg}' is reserved at the root`);
      const had = Object.prototype.hasOwnProperty.call(node, seg);
      node = child(node, seg, key);
      if (!had) nodes.push(node);
    }
    endpoints.set(key, node);
  }
  for (const [key, endpoint] of endpoints) {
    const methods = table[key] ?? {};
    for (const [method, descriptor] of Object.entries(methods)) {
      if (!descriptor) continue;
      if (!isHttpMethod(method)) throw new ConfigError(`endpoint ${key}: '${method}' is not a lower-case HTTP method`);
      if (Object.prototype.hasOwnProperty.call(endpoint, method)) {
        throw new ConfigError(`endpoint ${key}: method '${method}' collides with a path segment of the same name`);
      }
      const prepared = prepareOperation(descriptor);
      define(endpoint, method, (args?: unknown) => execute(ctx, prepared, args));
    }
    if (!Object.prototype.hasOwnProperty.call(root, key)) define(root, key, endpoint);
    else if (root[key] !== endpoint) throw new ConfigError(`endpoint key '${key}' collides with a root property`);
  }
  define(
    root,
    'chain',
    (key: string): Node => {
      const k = typeof key === 'string' ? key.replace(/^\/+/, '') : key;
      const endpoint = typeof k === 'string' ? endpoints.get(k) : undefined;
      if (!endpoint) throw new ConfigError(`unknown endpoint '${String(key)}'`);
      return endpoint;
    },
    false,
  );
  for (const [name, value] of Object.entries(merchantApi(ctx, webhooks))) define(root, name, value, false);
  for (const n of nodes) Object.freeze(n);
  return root as T;
}
