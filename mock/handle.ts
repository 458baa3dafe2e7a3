/**
 * One request, from bytes to the answer WeChat Pay would give: route, check the signature,
 * validate, require the right Wechatpay-Serial, decrypt, answer from the spec. No I/O.
 */
import type { KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ModelOperation } from '../generator/model';
import { SERIAL_HEADER } from '../templates/runtime/serial';
import { checkAuthorization } from './auth';
import { methodNotAllowed, notFound, paramError, type FieldIssue, type Rejection } from './errors';
import { exampleResponse } from './example';
import { describeFile, parseMultipart } from './multipart';
import { decodeRequest, decryptRequest, encodeResponse, encryptResponse, type RequestSlots } from './fields';
import type { KeyObjects, MockKeys } from './keys';
import type { Router } from './routing';
import type { ReceivedRequest, SentResponse } from './types';
import { checkValue, readParameter } from './validate';
import { nestsDeeper } from './limits';

export interface HandlerContext {
  readonly router: Router;
  readonly keys: MockKeys;
  readonly keyObjects: KeyObjects;
  /** Milliseconds. */
  readonly clock: () => number;
  /** Platform certificates (certificates mode): their serials are accepted as Wechatpay-Serial, their keys decrypt. */
  platform?: { keyFor(serial: string | undefined): KeyObject | undefined };
  /** Deepest JSON nesting a body may have (see MockLimits). */
  readonly maxDepth: number;
}

export interface IncomingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A reply before signing. */
export interface Reply {
  readonly status: number;
  readonly body: Buffer;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent without the Wechatpay-* signature headers (file downloads, as WeChat Pay sends them). */
  readonly unsigned?: boolean;
}

export interface Outcome {
  /** The request as understood, without `status`/`verdict` consequences of faults. */
  readonly record: ReceivedRequest;
  readonly reply: Reply;
  readonly accepted: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function handleRequest(ctx: HandlerContext, req: IncomingRequest, seq: number, requestId: string): Outcome {
  const q = req.url.indexOf('?');
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const search = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const base = {
    seq,
    requestId,
    method: req.method,
    url: req.url,
    params: {} as Record<string, unknown>,
    query: Object.fromEntries(search) as Record<string, unknown>,
    headers,
    body: req.body.toString('utf8'),
    decrypted: false,
  };
  const reject = (r: Rejection, extra: Partial<ReceivedRequest> = {}, replyHeaders?: Record<string, string>): Outcome => ({
    record: { ...base, ...extra, status: r.status, verdict: r.body.code, reason: r.reason },
    reply: { status: r.status, body: Buffer.from(JSON.stringify(r.body), 'utf8'), contentType: JSON_TYPE, ...(replyHeaders ? { headers: replyHeaders } : {}) },
    accepted: false,
  });

  const route = ctx.router.match(req.method, rawPath);
  if (route.kind === 'none') return reject(notFound());
  if (route.kind === 'wrong-method') return reject(methodNotAllowed(route.allow), {}, { Allow: route.allow.join(', ') });
  const op = route.op;
  const routed = { operation: op.id, path: op.path };
  if (route.kind === 'bad-param') return reject(paramError({ field: route.param, issue: 'is not valid percent-encoding', location: 'path' }), routed);

  // An upload is signed over its `meta` part, every other request over its body.
  const upload = op.body === 'multipart' ? parseMultipart(req.body, headers['content-type']) : undefined;
  const meta = Array.isArray(upload) ? upload.find((p) => p.name === 'meta') : undefined;
  const signed = checkAuthorization({
    method: req.method,
    url: req.url,
    body: meta ? meta.body : req.body,
    authorization: headers['authorization'],
    mchid: ctx.keys.mchid,
    serial: ctx.keys.serial,
    merchantPublicKey: ctx.keyObjects.merchantPublic,
    now: Math.floor(ctx.clock() / 1000),
  });
  if (signed) return reject(signed, routed);

  const issues: FieldIssue[] = [];
  const slots: RequestSlots = { query: { ...base.query }, headers: { ...headers }, params: {} };
  for (const p of op.parameters) {
    if (p.in === 'path') {
      const raw = route.params[p.name];
      const v = readParameter(p, raw === undefined ? [] : [raw], issues);
      if (v !== undefined) slots.params[p.name] = v;
    } else if (p.in === 'query') {
      const v = readParameter(p, search.getAll(p.name), issues);
      if (v !== undefined) slots.query[p.name] = v;
    } else {
      const raw = headers[p.name.toLowerCase()];
      const v = readParameter(p, raw === undefined ? [] : [raw], issues);
      if (v !== undefined) slots.headers[p.name.toLowerCase()] = v;
    }
  }
  const parsed = op.body === 'multipart' ? readUpload(upload ?? [], ctx.maxDepth) : readBody(op, req.body, headers['content-type'], ctx.maxDepth);
  if ('rejection' in parsed) return reject(parsed.rejection, { ...routed, params: slots.params, query: slots.query });
  if ('issue' in parsed) issues.push(parsed.issue);
  else if (parsed.json !== undefined) {
    slots.json = parsed.json;
    const schema = op.body === 'multipart' ? op.bodySchema?.properties?.['meta'] : op.bodySchema;
    const value = op.body === 'multipart' ? (parsed.json as { meta: unknown }).meta : parsed.json;
    if (schema) checkValue(schema, value, op.body === 'multipart' ? 'meta' : '', 'body', issues);
  }
  const understood = (decrypted: boolean): Partial<ReceivedRequest> => ({
    ...routed,
    params: slots.params,
    query: slots.query,
    headers: slots.headers as Record<string, string>,
    ...(slots.json !== undefined ? { json: slots.json } : {}),
    decrypted,
  });
  const first = issues[0];
  if (first) return reject(paramError(first), understood(false));

  // Decrypt a copy, so a rejected request's record keeps what was sent.
  const plain: RequestSlots = structuredClone(slots);
  decodeRequest(plain, op.jsonEncoded.request);
  const serial = headers[SERIAL_HEADER.toLowerCase()];
  const certKey = ctx.platform?.keyFor(serial);
  const { issues: cryptoIssues, present } = decryptRequest(plain, op.encrypted.request, certKey ?? ctx.keyObjects.wechatpayPrivate);
  if ((present > 0 || serial !== undefined) && serial !== ctx.keys.publicKeyId && certKey === undefined) {
    const issue = serial === undefined ? 'is required when a request carries encrypted fields' : 'must name the WeChat Pay public key of this server (its PUB_KEY_ID_…)';
    return reject(paramError({ field: SERIAL_HEADER, ...(serial !== undefined ? { value: serial } : {}), issue, location: 'header' }), understood(false));
  }
  const cryptoIssue = cryptoIssues[0];
  if (cryptoIssue) return reject(paramError(cryptoIssue), understood(false));
  slots.params = plain.params;
  slots.query = plain.query;
  slots.headers = plain.headers;
  if (plain.json !== undefined) slots.json = plain.json;

  const { reply, response } = answer(ctx, op);
  return { record: { ...base, ...understood(true), status: reply.status, verdict: 'ok', response }, reply, accepted: true };
}

type BodyResult = { json?: unknown } | { issue: FieldIssue } | { rejection: Rejection };

/**
 * An upload as `{ meta, file }`: `meta` parsed from its JSON part (and validated against the
 * schema's `meta`), `file` described by name, type, size and sha256 (never its bytes).
 */
function readUpload(parts: ReturnType<typeof parseMultipart>, maxDepth: number): BodyResult {
  if (typeof parts === 'string') return { issue: { field: '/', issue: parts, location: 'body' } };
  const meta = parts.find((p) => p.name === 'meta');
  const file = parts.find((p) => p.name === 'file');
  if (!meta) return { issue: { field: 'meta', issue: 'the multipart body has no meta part', location: 'body' } };
  if (!file) return { issue: { field: 'file', issue: 'the multipart body has no file part', location: 'body' } };
  let metaValue: unknown;
  const metaText = meta.body.toString('utf8');
  if (nestsDeeper(metaText, maxDepth)) return { issue: tooDeep('meta', maxDepth) };
  try {
    metaValue = JSON.parse(metaText);
  } catch {
    return { issue: { field: 'meta', issue: 'is not valid JSON', location: 'body' } };
  }
  return { json: { meta: metaValue, file: describeFile(file) } };
}

function tooDeep(field: string, maxDepth: number): FieldIssue {
  return { field, issue: `nests objects/arrays deeper than the mock's limit of ${maxDepth} levels`, location: 'body' };
}

function readBody(op: ModelOperation, body: Buffer, contentType: string | undefined, maxDepth: number): BodyResult {
  if (op.body === 'none') return {};
  if (body.length === 0) return op.bodyRequired ? { issue: { field: '/', issue: 'the JSON request body is required', location: 'body' } } : {};
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) return { issue: { field: 'Content-Type', issue: 'must be application/json', location: 'header' } };
  const text = body.toString('utf8');
  if (nestsDeeper(text, maxDepth)) return { issue: tooDeep('/', maxDepth) };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { issue: { field: '/', issue: 'is not valid JSON', location: 'body' } };
  }
}

/** The success answer: example data, its sensitive fields encrypted to the merchant key, its JSON-encoded fields encoded. */
function answer(ctx: HandlerContext, op: ModelOperation): { reply: Reply; response: SentResponse } {
  const status = op.success.status;
  if (op.success.kind === 'empty') return { reply: { status, body: Buffer.alloc(0) }, response: { status, body: '' } };
  if (op.success.kind === 'binary') {
    const bytes = Buffer.from(`mock ${op.id}\n`, 'utf8');
    return { reply: { status, body: bytes, contentType: op.success.contentType ?? 'application/octet-stream' }, response: { status, body: bytes.toString('utf8') } };
  }
  const data = exampleResponse(op.success);
  const wire: unknown = structuredClone(data);
  encryptResponse(wire, op.encrypted.response, ctx.keyObjects.merchantPublic);
  encodeResponse(wire, op.jsonEncoded.response);
  const text = JSON.stringify(wire);
  return { reply: { status, body: Buffer.from(text, 'utf8'), contentType: JSON_TYPE }, response: { status, data, body: text } };
}
