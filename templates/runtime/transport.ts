/**
 * How a signed request reaches the server. The default transport is node:http / node:https
 * with a keep-alive agent per client: on a loopback benchmark it costs about half the CPU of
 * the global fetch (undici) per call, and connections are reused across calls. A caller's
 * `fetch` (tests, proxies) is adapted to the same shape.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { readBoundedStream } from './limits.js';

/** One request, exactly as it goes on the wire. */
export interface WireRequest {
  readonly method: string;
  /** Absolute URL; its path and query are exactly what was signed. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly signal?: AbortSignal;
  /**
   * Milliseconds until the request is abandoned (the answer's body included): it then rejects
   * with a TransportError of stage `timeout`. Undefined: no limit.
   */
  readonly timeout?: number;
  /**
   * Most body bytes to read (default: no limit). A larger answer (by its Content-Length, or
   * once that many bytes arrived) is not read further: the connection is closed and the
   * promise rejects with a TransportError of stage `too-large`.
   */
  readonly maxBodyBytes?: number;
}

/** The answer: status, headers with lower-case names, and the raw body bytes. */
export interface WireResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Sends one request. Rejects on network failure, or with the signal's reason when aborted. */
export type Transport = (request: WireRequest) => Promise<WireResponse>;

/**
 * Which step failed, so the caller can word its error: `send` (connect, write), `read` (the
 * body stopped arriving), `http` (the answer is not well-formed HTTP: bad status line,
 * headers or framing), `too-large` (more than `maxBodyBytes`), `timeout` (the request's `timeout` passed).
 */
export type TransportStage = 'send' | 'read' | 'http' | 'too-large' | 'timeout';

const MESSAGES: Readonly<Record<TransportStage, string>> = {
  send: 'sending the request failed',
  read: 'reading the response failed',
  http: 'the response is not well-formed HTTP',
  'too-large': 'the response is larger than the limit',
  timeout: 'the request timed out',
};

export class TransportError extends Error {
  readonly stage: TransportStage;
  override readonly cause: unknown;
  /** Whether any byte of the request may have been sent (false: the connection was never made). */
  readonly sent: boolean;
  /** HTTP status, once the status line was read (0 before). */
  readonly status: number;
  /** The answer's Request-ID header, once headers were read. */
  readonly requestId: string | undefined;
  constructor(stage: TransportStage, cause: unknown, sent = true, status = 0, requestId?: string) {
    super(MESSAGES[stage]);
    this.name = 'TransportError';
    this.stage = stage;
    this.cause = cause;
    this.sent = stage !== 'send' || sent;
    this.status = status;
    this.requestId = requestId;
  }
}

/** Error codes of a connection that was never made: nothing of the request was sent. */
const NOT_CONNECTED: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** For a fetch failure, where only the cause's code tells: was the connection never made? */
export function neverConnected(e: unknown): boolean {
  for (let c: unknown = e, i = 0; c && typeof c === 'object' && i < 4; c = (c as { cause?: unknown }).cause, i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_CONNECTED.has(code)) return true;
  }
  return false;
}

/** Node's HTTP parser errors (`HPE_INVALID_HEADER_TOKEN`, `HPE_HEADER_OVERFLOW`, …) and undici's wrappers of them. */
export function isMalformedHttp(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur !== null && typeof cur === 'object' && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('HPE_') || code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'UND_ERR_INVALID_ARG')) return true;
  }
  return false;
}

/** Adds a response header, joining repeats; own properties only, so `__proto__` or `constructor` headers are plain data. */
export function addHeader(out: Record<string, string>, name: string, value: string): void {
  const prev = Object.prototype.hasOwnProperty.call(out, name) ? out[name] : undefined;
  const joined = prev === undefined ? value : `${prev}, ${value}`;
  // A plain assignment makes an own data property for every name but `__proto__` (its setter).
  if (name === '__proto__') Object.defineProperty(out, name, { value: joined, enumerable: true, writable: true, configurable: true });
  else out[name] = joined;
}

function declaredLength(value: string | string[] | undefined | null): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

const EMPTY = Buffer.alloc(0);

/** Where an origin (`http(s)://host[:port]`) points, as node:http's request options. */
interface OriginOptions {
  readonly secure: boolean;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: number | undefined;
  readonly auth: string | undefined;
}

/** Origins parsed so far (a client sends to a few; bounded anyway). */
const origins = new Map<string, OriginOptions>();
const MAX_ORIGINS = 64;

function fromUrl(url: URL): OriginOptions {
  const u = urlToHttpOptions(url);
  return {
    secure: u.protocol === 'https:',
    protocol: u.protocol ?? 'http:',
    hostname: u.hostname ?? '',
    port: u.port === undefined || u.port === '' ? undefined : Number(u.port),
    auth: u.auth ?? undefined,
  };
}

function originOptions(origin: string): OriginOptions {
  let o = origins.get(origin);
  if (o) return o;
  o = fromUrl(new URL(origin));
  if (origins.size >= MAX_ORIGINS) origins.clear();
  origins.set(origin, o);
  return o;
}

/** Path + query characters a WHATWG URL parse leaves exactly as they are (no `'`: it is encoded in a query). */
const VERBATIM = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
/** Dot segments (`/.`, `/..`, `%2e` forms), which a URL parse resolves. */
const DOT_SEGMENT = /\/\.|%2e/i;

/**
 * Splits an absolute URL into its origin's request options and the path + query to send: the
 * path and query as given when a URL parse would leave them unchanged (the usual case: the
 * runtime percent-encodes what it signs), else as the WHATWG URL parser makes them — so what is
 * sent is always what `new URL(url)` gives, as before, without parsing every URL.
 */
function requestTarget(url: string): { readonly origin: OriginOptions; readonly path: string } {
  const scheme = url.indexOf('://');
  if (scheme < 0) throw new TypeError('the request URL is not absolute');
  const slash = url.indexOf('/', scheme + 3);
  const query = url.indexOf('?', scheme + 3);
  const end = slash < 0 ? (query < 0 ? url.length : query) : query >= 0 && query < slash ? query : slash;
  const origin = url.slice(0, end);
  const rest = url.slice(end);
  if (rest.startsWith('/') && !rest.endsWith('?') && VERBATIM.test(rest) && !DOT_SEGMENT.test(rest) && !/[\\#]/.test(origin)) return { origin: originOptions(origin), path: rest };
  const u = new URL(url);
  return { origin: fromUrl(u), path: u.pathname + u.search };
}

/** node:http(s) with keep-alive agents; `agent` replaces both (e.g. a proxy agent). */
export function nodeTransport(agent?: HttpAgent): Transport {
  const http = agent ?? new HttpAgent({ keepAlive: true });
  const https = agent ?? new HttpsAgent({ keepAlive: true });
  return (req) =>
    new Promise<WireResponse>((resolve, reject) => {
      let target: ReturnType<typeof requestTarget>;
      try {
        target = requestTarget(req.url);
      } catch (e) {
        reject(new TransportError('send', e, false));
        return;
      }
      const { origin, path } = target;
      const secure = origin.secure;
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const signal = req.signal;
      const done = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        if (signal) signal.removeEventListener('abort', onAbort);
      };
      const fail = (e: unknown): void => {
        if (settled) return;
        settled = true;
        done();
        reject(e);
      };
      let outgoing: ReturnType<typeof httpRequest>;
      try {
        outgoing = (secure ? httpsRequest : httpRequest)({
          protocol: origin.protocol,
          hostname: origin.hostname,
          port: origin.port,
          ...(origin.auth !== undefined ? { auth: origin.auth } : {}),
          path,
          method: req.method,
          headers,
          agent: secure ? https : http,
        });
      } catch (e) {
        // e.g. a path with characters HTTP cannot carry: nothing was sent
        fail(new TransportError('send', e, false));
        return;
      }
      function onAbort(): void {
        outgoing.destroy();
        fail(signal?.reason);
      }
      if (signal) {
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
      }
      const limitMs = req.timeout;
      if (limitMs !== undefined) {
        timer = setTimeout(() => {
          fail(new TransportError('timeout', new Error(`no complete answer within ${limitMs} ms`)));
          outgoing.destroy();
        }, limitMs);
        timer.unref?.();
      }
      // Until the socket is connected (and, for https, the TLS handshake done) no byte of the request has left.
      let connected = false;
      outgoing.on('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once(secure ? 'secureConnect' : 'connect', () => { connected = true; });
      });
      outgoing.on('error', (e) => {
        done();
        fail(signal?.aborted ? signal.reason : new TransportError(isMalformedHttp(e) ? 'http' : 'send', e, connected));
      });
      outgoing.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        // Our own header object from the raw pairs (node's lazy res.headers would be a second one).
        const out: Record<string, string> = {};
        const raw = res.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) addHeader(out, (raw[i] as string).toLowerCase(), raw[i + 1] as string);
        const requestId = out['request-id'];
        const limit = req.maxBodyBytes;
        const tooLarge = (): void => {
          done();
          fail(new TransportError('too-large', new Error(`more than ${limit} bytes`), true, status, requestId));
          res.destroy();
          outgoing.destroy();
        };
        const declared = declaredLength(out['content-length']);
        if (limit !== undefined && declared !== undefined && declared > limit) return tooLarge();
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (settled) return;
          size += c.length;
          if (limit !== undefined && size > limit) return tooLarge();
          chunks.push(c);
        });
        res.on('error', (e) => {
          done();
          fail(signal?.aborted ? signal.reason : new TransportError(isMalformedHttp(e) ? 'http' : 'read', e, true, status, requestId));
        });
        res.on('aborted', () => {
          done();
          fail(signal?.aborted ? signal.reason : new TransportError('read', new Error('the connection closed before the whole body arrived'), true, status, requestId));
        });
        res.on('end', () => {
          done();
          if (settled) return;
          if (!res.complete) {
            fail(new TransportError('read', new Error('the connection closed before the whole body arrived'), true, status, requestId));
            return;
          }
          settled = true;
          resolve({
            status,
            statusText: res.statusMessage ?? '',
            headers: out,
            body: chunks.length === 0 ? EMPTY : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
          });
        });
      });
      outgoing.end(req.body);
    });
}

/** Adapts a fetch function (global or the caller's) to a Transport. `dispatcher` is undici's. */
export function fetchTransport(fetchImpl: typeof fetch, dispatcher?: unknown): Transport {
  return async (req) => {
    if (req.timeout === undefined) return fetchOnce(fetchImpl, dispatcher, req, req.signal, () => false);
    // The timeout aborts the fetch (the body read included) through a signal of its own, which the caller's signal also aborts.
    const ctrl = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, req.timeout);
    timer.unref?.();
    const outer = req.signal;
    const onAbort = (): void => ctrl.abort(outer?.reason);
    if (outer) {
      if (outer.aborted) onAbort();
      else outer.addEventListener('abort', onAbort, { once: true });
    }
    try {
      return await fetchOnce(fetchImpl, dispatcher, req, ctrl.signal, () => timedOut);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  };
}

async function fetchOnce(fetchImpl: typeof fetch, dispatcher: unknown, req: WireRequest, signal: AbortSignal | undefined, timedOut: () => boolean): Promise<WireResponse> {
  const aborted = (e: unknown): unknown =>
    timedOut() ? new TransportError('timeout', new Error(`no complete answer within ${req.timeout ?? 0} ms`)) : req.signal?.aborted ? req.signal.reason : e;
  const init: Record<string, unknown> = { method: req.method, headers: req.headers, redirect: 'manual' };
  if (req.body !== undefined) init['body'] = req.body;
  if (signal) init['signal'] = signal;
  if (dispatcher !== undefined) init['dispatcher'] = dispatcher;
  let res: Response;
  try {
    res = await fetchImpl(req.url, init as RequestInit);
  } catch (e) {
    throw signal?.aborted ? aborted(e) : new TransportError(isMalformedHttp(e) ? 'http' : 'send', e, !neverConnected(e));
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => addHeader(headers, name, value));
  const requestId = headers['request-id'];
  const limit = req.maxBodyBytes;
  const declared = declaredLength(headers['content-length']);
  if (limit !== undefined && declared !== undefined && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new TransportError('too-large', new Error(`more than ${limit} bytes`), true, res.status, requestId);
  }
  let body: Buffer;
  try {
    body = await readBounded(res, limit);
  } catch (e) {
    if (e instanceof TransportError) throw new TransportError(e.stage, e.cause, true, res.status, requestId);
    throw signal?.aborted ? aborted(e) : new TransportError(isMalformedHttp(e) ? 'http' : 'read', e, true, res.status, requestId);
  }
  return { status: res.status, statusText: res.statusText, headers, body };
}

/** A fetch Response's body, reading at most `limit` bytes (then cancelling the stream). */
async function readBounded(res: Response, limit: number | undefined): Promise<Buffer> {
  if (limit === undefined || !res.body) {
    const ab = await res.arrayBuffer();
    return ab.byteLength === 0 ? EMPTY : Buffer.from(ab);
  }
  const body = await readBoundedStream(res.body, limit);
  if (body === undefined) throw new TransportError('too-large', new Error(`more than ${limit} bytes`));
  return body.byteLength === 0 ? EMPTY : body;
}
