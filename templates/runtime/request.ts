/**
 * One call, end to end: validate → encrypt → build the wire path/query/body → sign → send
 * (with timeout and cancellation) → verify → parse → decrypt. Per-operation work (path
 * template, field tries) is prepared once, when the client is built.
 */
import type { KeyObject } from 'node:crypto';
import { boundary, decryptField, encryptField, nonce, parsePrivateKey, signMessage, signMessageAsync } from './crypto.js';
import {
  ApiError,
  ConfigError,
  DecryptionError,
  EncryptionError,
  MalformedResponseError,
  NetworkError,
  ResponseTooLargeError,
  SignatureError,
  TimeoutError,
  ValidationError,
} from './errors.js';
import type { ValidationIssue } from './errors.js';
import { compileFieldPaths, compileLevels, rewriteCopy, rewriteInPlace, slotPaths } from './fields.js';
import type { FieldTrie } from './fields.js';
import type { Keyring } from './keyring.js';
import type { ServerResolver } from './servers.js';
import type { OperationDescriptor } from './operation.js';
import { isSerialHeader, SERIAL_HEADER } from './serial.js';
import type { ApiResponse, CallArgs, MultipartArgs } from './types.js';
import { validateArgs } from './validate.js';
import { checkSignature } from './verify.js';
import { checkCallOptions } from './limits.js';
import { MAX_RESPONSE_DEPTH, parseAnswer, toJson } from './serialize.js';
import {
  authorization,
  buildQuery,
  compilePath,
  contentTypeFor,
  fillPath,
  multipartBody,
  requestMessage,
} from './wire.js';
import type { PathTemplate } from './wire.js';
import { nextDelay, resolveRetry } from './retry.js';
import type { AttemptFailure, RetryOptions } from './retry.js';
import type { PlatformStore } from './certificates.js';
import type { StreamTransport } from './stream.js';
import { TransportError } from './transport.js';
import type { Transport, WireResponse } from './transport.js';

/** Everything a call needs from its client, fixed at `createClient`. */
export interface ClientContext {
  readonly mchid: string;
  readonly serial: string;
  readonly keys: Keyring;
  /** Where operations without servers of their own go: `https://api.mch.weixin.qq.com`, or `baseURL`. */
  readonly origin: string;
  /** Path prefix of that default target without a trailing slash (usually `''`). */
  readonly basePath: string;
  /** Spec server URL (or a call's `server`) → where it is sent (`baseURL` and `servers` applied). */
  readonly servers: ServerResolver;
  readonly timeout: number;
  /** Most bytes of an answer the client reads (a call's `maxResponseBytes` overrides it). */
  readonly maxResponseBytes: number;
  readonly validate: boolean;
  /** The `strictNotifications` option (notification payloads: required fields checked too). */
  readonly strictNotifications: boolean;
  /** Sends the signed request: node:http(s) with keep-alive by default, or the caller's fetch. */
  readonly transport: Transport;
  /** Calls of this client between signing and their answer (decides where to sign). */
  readonly load: { inflight: number };
  readonly userAgent: string;
  /** Downloaded platform certificates and their rotation (the `platformCertificates` option, or after `certificates.download()`). */
  readonly platform?: PlatformStore | undefined;
  /** Streams download bodies (downloads only; default node:http(s)). */
  readonly stream?: StreamTransport | undefined;
  /** The client's `retry` option (off when undefined or false). */
  readonly retry?: boolean | RetryOptions | undefined;
}

/** An operation with its per-call constants computed once. */
export interface PreparedOperation {
  readonly op: OperationDescriptor;
  readonly path: PathTemplate;
  readonly requestFields: FieldTrie | undefined;
  readonly responseFields: FieldTrie | undefined;
  /** JSON-encoded string fields by nesting level (compileLevels), usually none. */
  readonly requestEncoded: readonly FieldTrie[];
  readonly responseEncoded: readonly FieldTrie[];
  readonly accept: string;
}

export function prepareOperation(op: OperationDescriptor): PreparedOperation {
  return {
    op,
    path: compilePath(op.path),
    requestFields: compileFieldPaths(slotPaths(op.encrypted.request, op.body)),
    responseFields: compileFieldPaths(slotPaths(op.encrypted.response, 'response')),
    requestEncoded: op.jsonEncoded ? compileLevels(slotPaths(op.jsonEncoded.request, op.body)) : [],
    responseEncoded: op.jsonEncoded ? compileLevels(slotPaths(op.jsonEncoded.response, 'response')) : [],
    accept: op.response.kind === 'binary' ? '*/*' : 'application/json',
  };
}

/** Largest delay `setTimeout` honours; longer timeouts count as none. */
const MAX_TIMER = 2_147_483_647;
const EMPTY: CallArgs = Object.freeze({});

function scalar(value: unknown, field: string): string {
  return typeof value === 'string' ? value : typeof value === 'object' ? toJson(value, field) : String(value);
}

function missingPathParams(prep: PreparedOperation, args: CallArgs): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const name of prep.path.params) {
    const v = args[name];
    if (v === undefined || v === null || v === '') issues.push({ path: name, message: 'is required' });
    // A dot segment is resolved away by every URL parser on the way, so what is sent would not be what is signed.
    else if (v === '.' || v === '..') issues.push({ path: name, message: 'must not be "." or ".." (a URL resolves that segment away)' });
  }
  return issues;
}

/** Runs one call of `prep` with the caller's `args`. */
export async function execute(ctx: ClientContext, prep: PreparedOperation, rawArgs: unknown): Promise<ApiResponse<unknown>> {
  const op = prep.op;
  if (rawArgs !== undefined && (typeof rawArgs !== 'object' || rawArgs === null || Array.isArray(rawArgs))) {
    throw new ValidationError([{ path: '(arguments)', message: 'must be an object' }]);
  }
  const args = (rawArgs ?? EMPTY) as CallArgs;

  // 1. Validation: before any crypto or network work.
  const issues = checkCallOptions(args);
  issues.push(...(ctx.validate ? validateArgs(op, args, prep.path.params) : missingPathParams(prep, args)));
  if (ctx.validate) {
    // Path parameters end up in the URL: an empty one or a dot segment is never valid, whatever the schema says.
    for (const it of missingPathParams(prep, args)) if (!issues.some((i) => i.path === it.path)) issues.push(it);
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (op.body === 'multipart' && !args.multipart) {
    throw new ValidationError([{ path: 'multipart', message: 'is required (with file and meta)' }]);
  }

  let decryptKey: KeyObject = ctx.keys.privateKey;
  if (args.decryptKey !== undefined) {
    const k = parsePrivateKey(args.decryptKey);
    if (!k) throw new ConfigError('decryptKey is not a usable RSA private key (PEM PKCS#1 or PKCS#8, DER bytes, or a private KeyObject)');
    decryptKey = k;
  }
  if (args.server !== undefined && typeof args.server !== 'string') throw new ValidationError([{ path: 'server', message: 'must be a URL string' }]);
  const signal = args.signal;
  if (signal?.aborted) throw signal.reason;

  // 2. Wechatpay-Serial: the caller's, else the client's default.
  const callerHeaders = args.headers;
  let serialHeader: string | undefined;
  if (callerHeaders) {
    for (const name of Object.keys(callerHeaders)) {
      if (isSerialHeader(name) && callerHeaders[name] != null) {
        serialHeader = scalar(callerHeaders[name], `headers.${name}`);
      }
    }
  }
  const serial = serialHeader ?? ctx.keys.defaultSerial;

  // 3. Encryption, on a copy of the path to each sensitive field.
  let send: CallArgs = args;
  if (prep.requestFields) {
    const key = ctx.keys.certs.get(serial);
    if (!key) {
      throw new EncryptionError(`Wechatpay-Serial ${serial} is not in certs: cannot encrypt the sensitive fields (nothing was sent)`);
    }
    send = rewriteCopy(args, prep.requestFields, (value, path) => {
      if (typeof value !== 'string') {
        const p = path();
        throw new EncryptionError(`${p} must be a string to be encrypted (nothing was sent)`, p);
      }
      const c = encryptField(value, key);
      if (c === null) {
        const p = path();
        throw new EncryptionError(`${p} could not be encrypted with key ${serial} (too long for RSA-OAEP?); nothing was sent`, p);
      }
      return c;
    }) as CallArgs;
  }

  // JSON-encoded string fields: their (encrypted) value as JSON text, innermost first.
  for (let i = prep.requestEncoded.length - 1; i >= 0; i--) {
    send = rewriteCopy(send, prep.requestEncoded[i] as FieldTrie, (value, path) => toJson(value, path())) as CallArgs;
  }

  // 4. The wire: path, query, body — exactly what is signed.
  // The operation's first server (or the call's `server`), its path prefix part of what is signed.
  const target = args.server !== undefined || op.servers !== undefined ? ctx.servers.resolve(args.server ?? op.servers?.[0]) : ctx;
  const url = target.basePath + fillPath(prep.path, send) + buildQuery(send.query);
  let signedBody = '';
  let body: string | Buffer | undefined;
  let contentType: string | undefined;
  if (op.body === 'json') {
    if (send.json !== undefined) {
      signedBody = toJson(send.json, 'json');
      body = signedBody;
      contentType = 'application/json';
    }
  } else if (op.body === 'multipart') {
    const mp = send.multipart as MultipartArgs;
    signedBody = toJson(mp.meta, 'multipart.meta');
    const filename = mp.filename ?? (typeof mp.meta['filename'] === 'string' ? mp.meta['filename'] : 'file');
    const b = boundary();
    body = multipartBody(b, signedBody, mp.file, filename, mp.contentType ?? contentTypeFor(filename));
    contentType = `multipart/form-data; boundary=${b}`;
  }

  // 5. Headers and signature.
  const headers: Record<string, string> = {};
  let hasAccept = false;
  let hasAgent = false;
  const sendHeaders = send.headers;
  if (sendHeaders) {
    for (const name of Object.keys(sendHeaders)) {
      const v = sendHeaders[name];
      if (v === undefined || v === null) continue;
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'content-type') continue;
      if (lower === 'accept') hasAccept = true;
      else if (lower === 'user-agent') hasAgent = true;
      headers[name] = scalar(v, `headers.${name}`);
    }
  }
  if (serialHeader === undefined) headers[SERIAL_HEADER] = serial;
  if (!hasAccept) headers['Accept'] = prep.accept;
  if (!hasAgent) headers['User-Agent'] = ctx.userAgent;
  if (contentType) headers['Content-Type'] = contentType;
  // 6. Sign and send; a retry (opt-in) signs again with a fresh timestamp and nonce.
  const policy = resolveRetry(ctx.retry, args.retry);
  const startedAt = policy ? policy.now() : 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await signAndSend(ctx, prep, args, target.origin, url, signedBody, headers, body, decryptKey);
    } catch (e) {
      const wait = policy ? nextDelay(policy, attempt, op.method, failureOf(e), startedAt) : undefined;
      if (policy === undefined || wait === undefined) throw e;
      await policy.sleep(wait, signal);
    }
  }
}

/** One attempt: a fresh signature (timestamp, nonce) over the same request, then send it. */
async function signAndSend(
  ctx: ClientContext,
  prep: PreparedOperation,
  args: CallArgs,
  origin: string,
  url: string,
  signedBody: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  decryptKey: KeyObject,
): Promise<ApiResponse<unknown>> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonceStr = nonce();
  const message = requestMessage(prep.op.method, url, timestamp, nonceStr, signedBody);
  // Alone, sign on this thread (no hand-off latency); with other calls in flight, sign on the
  // thread pool so the RSA work overlaps their network and parsing work on the other core.
  ctx.load.inflight++;
  try {
    const signature = ctx.load.inflight > 1 ? await signMessageAsync(message, ctx.keys.privateKey) : signMessage(message, ctx.keys.privateKey);
    if (signature === null) throw new ConfigError('the merchant private key cannot sign');
    headers['Authorization'] = authorization(ctx.mchid, nonceStr, signature, timestamp, ctx.serial);
    return await transmit(ctx, prep, args, origin, url, headers, body, decryptKey);
  } finally {
    ctx.load.inflight--;
  }
}

/** How an attempt failed, recorded where the failure is known (the status, whether anything was sent). */
const failures = new WeakMap<object, AttemptFailure>();

function failureOf(e: unknown): AttemptFailure {
  return (typeof e === 'object' && e !== null && failures.get(e)) || { kind: 'final' };
}

/** Sends the signed request with timeout and cancellation, then turns the answer into the result. */
async function transmit(
  ctx: ClientContext,
  prep: PreparedOperation,
  args: CallArgs,
  origin: string,
  url: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
  decryptKey: KeyObject,
): Promise<ApiResponse<unknown>> {
  const op = prep.op;
  const signal = args.signal;
  if (signal?.aborted) throw signal.reason;

  // 6. Send, with timeout and cancellation (both kept by the transport; its timer never outlives the call).
  const timeout = args.timeout ?? ctx.timeout;
  const timed = timeout > 0 && timeout <= MAX_TIMER;
  const maxBodyBytes = args.maxResponseBytes ?? ctx.maxResponseBytes;
  let res: WireResponse;
  try {
    res = await ctx.transport({ method: op.method, url: origin + url, headers, ...(body !== undefined ? { body } : {}), ...(signal ? { signal } : {}), ...(timed ? { timeout } : {}), maxBodyBytes });
  } catch (e) {
    if (e instanceof TransportError && e.stage === 'timeout') throw new TimeoutError(timeout);
    if (signal?.aborted) throw signal.reason;
    if (e instanceof TransportError && e.stage === 'too-large') throw new ResponseTooLargeError(maxBodyBytes, e.status, e.requestId);
    if (e instanceof TransportError && e.stage === 'http') throw new MalformedResponseError('http', `${op.method} ${op.path}: the answer is not well-formed HTTP`, e.status, e.requestId, e.cause);
    const stage = e instanceof TransportError ? e.stage : 'send';
    const err = new NetworkError(`${stage === 'send' ? 'Sending the request' : 'Reading the response'} (${op.method} ${op.path}) failed`, e instanceof TransportError ? e.cause : e);
    failures.set(err, { kind: 'network', sent: e instanceof TransportError ? e.sent : true });
    throw err;
  }
  try {
    return answer(ctx, prep, res, decryptKey);
  } catch (e) {
    // Signed by a certificate not known yet (a rotation): refresh (at most once per interval), then verify again.
    const serial = res.headers['wechatpay-serial'];
    if (e instanceof SignatureError && e.reason === 'unknown-serial' && ctx.platform && serial && (await ctx.platform.learn(serial))) {
      return answer(ctx, prep, res, decryptKey);
    }
    if (e instanceof ApiError) failures.set(e, { kind: 'status', status: res.status, retryAfter: res.headers['retry-after'] });
    throw e;
  }
}

/** Turns a received response into the call's result (or its typed error). */
function answer(ctx: ClientContext, prep: PreparedOperation, res: WireResponse, decryptKey: KeyObject): ApiResponse<unknown> {
  const status = res.status;
  const headers = res.headers;
  const raw = res.body;
  if (status < 200 || status > 299) throw apiError(status, res.statusText, headers, raw);
  const kind = prep.op.response.kind;
  // WeChat Pay does not sign file downloads (bills, media): their integrity is checked by the
  // caller against the hash the (signed) download-URL response gave. So: no verification here.
  if (kind === 'binary') return { status, headers, data: raw };
  verifyResponse(ctx, status, headers, raw);
  if (kind === 'empty' || raw.length === 0) return { status, headers, data: undefined };
  let parsed: ReturnType<typeof parseAnswer>;
  try {
    parsed = parseAnswer(raw.toString('utf8'));
  } catch {
    throw new MalformedResponseError('json', 'the verified 2xx body is not valid JSON', status, headers['request-id']);
  }
  if (!('value' in parsed)) throw new MalformedResponseError('json', `the verified 2xx body nests deeper than ${MAX_RESPONSE_DEPTH} levels`, status, headers['request-id']);
  const data = parsed.value;
  for (const level of prep.responseEncoded) {
    rewriteInPlace(data, level, (value, path) => {
      const inner = typeof value === 'string' ? parseEncoded(value) : undefined;
      if (inner === undefined) throw new MalformedResponseError('json', `the field ${path()} of the verified 2xx body should hold a JSON-encoded string, but ${typeof value === 'string' ? 'its text is not valid JSON' : `it is a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}`}`, status, headers['request-id'], undefined, path());
      return inner.value;
    });
  }
  if (prep.responseFields) {
    rewriteInPlace(data, prep.responseFields, (value, path) => {
      if (typeof value !== 'string') throw new DecryptionError(path(), 'the value is not a string');
      const plain = decryptField(value, decryptKey);
      if (plain === null) throw new DecryptionError(path(), 'it is not RSA-OAEP ciphertext for the merchant key (or the call\'s decryptKey)');
      return plain;
    });
  }
  return { status, headers, data };
}

/** The value of a JSON-encoded string field; `undefined` when its text is not JSON (or nests too deep). */
function parseEncoded(text: string): { value: unknown } | undefined {
  try {
    const parsed = parseAnswer(text);
    return 'value' in parsed ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Checks a 2xx response's signature over its raw bytes (verify.ts, shared with notifications); throws SignatureError. */
function verifyResponse(ctx: ClientContext, status: number, headers: Readonly<Record<string, string>>, raw: Buffer): void {
  const failure = checkSignature(ctx.keys.certs, (name) => headers[name], raw);
  if (failure) throw new SignatureError(failure.reason, failure.detail, status, headers['request-id']);
}

/** The ApiError of a non-2xx answer (WeChat Pay's `code` / `message` / `detail`, else the body's text). */
export function apiError(status: number, statusText: string, headers: Readonly<Record<string, string>>, raw: Buffer): ApiError {
  let errorCode = 'UNKNOWN';
  let message: string | undefined;
  let detail: unknown;
  const text = raw.toString('utf8');
  try {
    // too deep to parse cheaply: not WeChat Pay's error JSON, so it is reported as text
    const parsed = parseAnswer(text);
    const j = 'value' in parsed ? parsed.value : undefined;
    if (j && typeof j === 'object' && !Array.isArray(j)) {
      const o = j as Record<string, unknown>;
      const { code, message: msg, detail: more } = o;
      if (typeof code === 'string' && code) errorCode = code;
      if (typeof msg === 'string' && msg) message = msg;
      detail = more;
    }
  } catch {
    // not JSON: fall through to the text
  }
  if (message === undefined) {
    const t = text.trim().replace(/\s+/g, ' ');
    message = t ? (t.length > 200 ? `${t.slice(0, 200)}…` : t) : statusText || 'no response body';
  }
  return new ApiError({ status, errorCode, message, detail, requestId: headers['request-id'] });
}
