/**
 * `wxpay.download(url, …)`: a bill or file at a `download_url` — fetched with a signed GET
 * (only from the client's baseURL or a WeChat Pay host, see targets.ts), gunzipped when it is
 * gzip (`tartype=GZIP`), and checked against the `hash_type` / `hash_value` of the signed
 * answer that gave the URL. WeChat Pay does not sign the file itself, so that hash is what
 * vouches for it. As wechatpay-java's `DigestBillEntity` and the docs (“原始账单（gzip需要解压缩）
 * 的摘要值”) say, the hash covers the original file: the bytes after gunzip.
 *
 * In memory (up to `maxBytes`), or streamed to a file / writable stream with bounded memory:
 * a file is written beside its name and renamed into place only when the hash matches.
 */
import { createHash, getHashes } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { createWriteStream, promises as fsp } from 'node:fs';
import { Transform, Writable } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { nonce, signMessage } from './crypto.js';
import { ConfigError, DownloadError, NetworkError, TimeoutError, ValidationError } from './errors.js';
import { apiError } from './request.js';
import type { ClientContext } from './request.js';
import { nextDelay, resolveRetry } from './retry.js';
import type { AttemptFailure, RetryOptions } from './retry.js';
import { nodeStreamTransport } from './stream.js';
import type { StreamResponse, StreamTransport } from './stream.js';

let fallback: StreamTransport | undefined;
const defaultStream = (): StreamTransport => (fallback ??= nodeStreamTransport());
import { resolveTarget } from './targets.js';
import { TransportError } from './transport.js';
import { authorization, requestMessage } from './wire.js';

export interface DownloadOptions {
  /** `hash_type` of the download-URL answer: `SHA1` (bills), `SHA256` or `SM3`. Give it with `hashValue`. */
  readonly hashType?: string;
  /** `hash_value` of the download-URL answer (hex, any case). */
  readonly hashValue?: string;
  /** Gunzip the body. Default: when the URL's query says `tartype=GZIP`. */
  readonly gunzip?: boolean;
  /** Write the file here (a path, or a writable stream) instead of returning it in memory. */
  readonly to?: string | NodeJS.WritableStream;
  /** In memory only: the largest file accepted, in bytes (default 32 MiB); larger ones need `to`. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /** Milliseconds to wait for the answer to start (default the client's timeout); the body then streams as long as it takes. */
  readonly timeout?: number;
  /** Retries of the request (not of a body already being written), over the client's option. */
  readonly retry?: boolean | RetryOptions;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A finished download. */
export interface DownloadResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Bytes of the file (after gunzip). */
  readonly bytes: number;
  /** Its digest (lower-case hex) with `hashType`, when one was given. */
  readonly hash?: string;
}

/** A download held in memory. */
export interface DownloadedFile extends DownloadResult {
  readonly data: Buffer;
}

/** What a download needs from its client. */
export type DownloadContext = ClientContext;

const DEFAULT_MAX = 32 * 1024 * 1024;
const ERROR_BODY_MAX = 64 * 1024;
const MAX_TIMER = 2_147_483_647;
const HASHES: Readonly<Record<string, string>> = { SHA1: 'sha1', SHA256: 'sha256', SM3: 'sm3' };

function hashFor(type: string | undefined, value: string | undefined): { algorithm: string; expected: string } | undefined {
  if (type === undefined && value === undefined) return undefined;
  if (typeof type !== 'string' || typeof value !== 'string') throw new ValidationError([{ path: type === undefined ? 'hashType' : 'hashValue', message: 'is required with the other (both come from the download-URL answer)' }]);
  const algorithm = HASHES[type.toUpperCase()];
  if (!algorithm) throw new ValidationError([{ path: 'hashType', message: 'must be SHA1, SHA256 or SM3' }]);
  if (!getHashes().includes(algorithm)) throw new ConfigError(`hashType ${type.toUpperCase()} is not supported by this Node.js build`);
  if (!/^[0-9a-fA-F]+$/.test(value)) throw new ValidationError([{ path: 'hashValue', message: 'must be hexadecimal' }]);
  return { algorithm, expected: value.toLowerCase() };
}

/** Counts (and optionally hashes) the bytes that pass. */
function meter(hash: Hash | undefined, max: number | undefined): { stream: Transform; bytes: () => number } {
  let n = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      n += chunk.length;
      if (max !== undefined && n > max) {
        done(new DownloadError('too-large', `the file is larger than maxBytes (${max}); download it with \`to\` (a file or stream) instead`));
        return;
      }
      hash?.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, bytes: () => n };
}

function collector(): { sink: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { sink, data: () => Buffer.concat(chunks) };
}

async function readCapped(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    const chunk = c as Buffer;
    if (n < max) chunks.push(chunk.subarray(0, max - n));
    n += chunk.length;
    if (n >= max) break;
  }
  body.destroy();
  return Buffer.concat(chunks);
}

/** One signed GET, retried (before any of the body is used) as the policy allows. */
async function open(ctx: DownloadContext, origin: string, path: string, options: DownloadOptions): Promise<StreamResponse> {
  const policy = resolveRetry(ctx.retry, options.retry);
  const startedAt = policy ? policy.now() : 0;
  for (let attempt = 1; ; attempt++) {
    let failure: AttemptFailure = { kind: 'final' };
    let error: unknown;
    const res = await attemptOnce(ctx, origin, path, options).catch((e: unknown) => {
      error = e;
      if (e instanceof NetworkError) failure = { kind: 'network', sent: (e as { sent?: boolean }).sent !== false };
      return undefined;
    });
    if (res && res.status >= 200 && res.status <= 299) return res;
    if (res) {
      error = apiError(res.status, res.statusText, res.headers, await readCapped(res.body, ERROR_BODY_MAX).catch(() => Buffer.alloc(0)));
      failure = { kind: 'status', status: res.status, retryAfter: res.headers['retry-after'] };
    }
    const wait = policy ? nextDelay(policy, attempt, 'GET', failure, startedAt) : undefined;
    if (policy === undefined || wait === undefined) throw error;
    await policy.sleep(wait, options.signal);
  }
}

async function attemptOnce(ctx: DownloadContext, origin: string, path: string, options: DownloadOptions): Promise<StreamResponse> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonceStr = nonce();
  let signature: string;
  try {
    signature = signMessage(requestMessage('GET', path, timestamp, nonceStr, ''), ctx.keys.privateKey);
  } catch {
    throw new ConfigError('the merchant private key cannot sign');
  }
  const headers: Record<string, string> = { Accept: '*/*', 'User-Agent': ctx.userAgent, 'Wechatpay-Serial': ctx.keys.defaultSerial };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower !== 'authorization' && typeof value === 'string') headers[name] = value;
  }
  headers['Authorization'] = authorization(ctx.mchid, nonceStr, signature, timestamp, ctx.serial);
  const timeout = options.timeout ?? ctx.timeout;
  const signal = options.signal;
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = timeout > 0 && timeout <= MAX_TIMER ? setTimeout(() => { timedOut = true; ctrl.abort(); }, timeout) : undefined;
  timer?.unref?.();
  const onAbort = (): void => ctrl.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await (ctx.stream ?? defaultStream())({ method: 'GET', url: origin + path, headers, signal: ctrl.signal });
  } catch (e) {
    if (timedOut) throw new TimeoutError(timeout);
    if (signal?.aborted) throw signal.reason;
    const err = new NetworkError(`Downloading (GET ${path.split('?')[0] ?? ''}) failed`, e instanceof TransportError ? e.cause : e);
    Object.defineProperty(err, 'sent', { value: e instanceof TransportError ? e.sent : true, enumerable: false });
    throw err;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Downloads `url`; see the module comment. */
export async function download(ctx: DownloadContext, url: string, options: DownloadOptions = {}): Promise<DownloadResult | DownloadedFile> {
  if (typeof url !== 'string') throw new ValidationError([{ path: 'url', message: 'must be a string (the download_url of the answer)' }]);
  const check = hashFor(options.hashType, options.hashValue);
  const max = options.maxBytes ?? DEFAULT_MAX;
  if (typeof max !== 'number' || !(max > 0)) throw new ValidationError([{ path: 'maxBytes', message: 'must be a positive number' }]);
  const to = options.to;
  if (to !== undefined && typeof to !== 'string' && (typeof to !== 'object' || to === null || typeof (to as NodeJS.WritableStream).write !== 'function')) {
    throw new ValidationError([{ path: 'to', message: 'must be a file path or a writable stream' }]);
  }
  const target = resolveTarget(ctx, url);
  const gunzip = options.gunzip ?? /^gzip$/i.test(new URL(target.path, 'http://x').searchParams.get('tartype') ?? '');
  if (options.signal?.aborted) throw options.signal.reason;

  const res = await open(ctx, target.origin, target.path, options);
  const hash = check ? createHash(check.algorithm) : undefined;
  const m = meter(hash, to === undefined ? max : undefined);
  const stages: (NodeJS.ReadableStream | NodeJS.ReadWriteStream)[] = [res.body];
  if (gunzip) stages.push(createGunzip());
  stages.push(m.stream);
  const memory = to === undefined ? collector() : undefined;
  const part = typeof to === 'string' ? `${to}.${nonce().slice(0, 12)}.part` : undefined;
  const sink: NodeJS.WritableStream = memory ? memory.sink : part ? createWriteStream(part, { mode: 0o600 }) : (to as NodeJS.WritableStream);
  try {
    const run = pipeline as unknown as (streams: readonly unknown[], opts?: { signal: AbortSignal }) => Promise<void>;
    await (options.signal ? run([...stages, sink], { signal: options.signal }) : run([...stages, sink]));
  } catch (e) {
    res.body.destroy();
    if (part) await fsp.rm(part, { force: true });
    if (options.signal?.aborted) throw options.signal.reason;
    if (e instanceof DownloadError) throw e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new DownloadError('gzip', 'the body is not valid gzip (was tartype=GZIP right?)');
    throw new NetworkError('Reading or writing the download failed', e);
  }
  const digest = hash?.digest('hex');
  if (check && digest !== check.expected) {
    if (part) await fsp.rm(part, { force: true });
    throw new DownloadError('hash-mismatch', `the file's ${options.hashType?.toUpperCase() ?? ''} is ${digest ?? ''}, not the hash_value ${check.expected} of the download-URL answer: discard it${typeof to === 'object' ? ' (it was written to the stream given)' : ''}`, check.expected, digest);
  }
  if (part && typeof to === 'string') await fsp.rename(part, to);
  const result: DownloadResult = { status: res.status, headers: res.headers, bytes: m.bytes(), ...(digest !== undefined ? { hash: digest } : {}) };
  return memory ? { ...result, data: memory.data() } : result;
}
