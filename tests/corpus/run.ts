/**
 * Calls every operation of a model through a generated client against the mock, and
 * classifies each outcome. A call is `ok` only when it answered 2xx, the client verified and
 * decrypted it (its data equals the plaintext answer the mock made), every sensitive value
 * arrived at the mock as the plaintext sent, and none of them is anywhere in the bytes on the wire.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Model, ModelOperation, ModelSchema } from '../../generator/model';
import { startMockServer, type MockKeys, type MockServer, type ReceivedRequest } from '../../mock';
import { buildCall, type Pass, type SentSecret } from './values';

export interface CallOutcome {
  readonly op: string;
  readonly pass: Pass;
  /** `ok`, or the class of the failure (`validation`, `api:PARAM_ERROR`, `leak`, …). */
  readonly cls: string;
  readonly detail?: string;
  /** Sensitive request values sent (and checked at the server and on the wire). */
  readonly secrets: number;
  /** `x-encrypted` answer values the client handed back decrypted. */
  readonly decrypted: number;
  readonly upload: boolean;
  readonly download: boolean;
}

/** What the generated client module exports, untyped. */
export interface ClientModule {
  createClient(options: Record<string, unknown>): { chain(key: string): Record<string, (args: unknown) => Promise<{ status: number; headers: Record<string, string>; data: unknown }>> };
}

/** Every form a plaintext could take in bytes: UTF-8, JSON \u escapes, percent-encoding (both space styles). */
export function leakForms(plain: string): Buffer[] {
  const escaped = [...plain].map((ch) => (ch.charCodeAt(0) > 0x7e ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch)).join('');
  const pct = encodeURIComponent(plain);
  return [...new Set([plain, escaped, escaped.toUpperCase(), pct, pct.replace(/%20/g, '+'), pct.toLowerCase()])].map((s) => Buffer.from(s, 'utf8'));
}

/** Where the mock recorded a sensitive value sent at `at` (argument-object path). */
function receivedAt(rec: ReceivedRequest, at: readonly (string | number)[]): unknown {
  const [slot, ...rest] = at;
  let root: unknown;
  let path: readonly (string | number)[] = rest;
  if (slot === 'json') root = rec.json;
  else if (slot === 'multipart') {
    root = (rec.json as { meta?: unknown } | undefined)?.meta;
    path = rest.slice(1);
  } else if (slot === 'query') root = rec.query;
  else if (slot === 'headers') {
    root = rec.headers;
    path = rest.map((s) => (typeof s === 'string' ? s.toLowerCase() : s));
  } else {
    root = rec.params;
    path = at;
  }
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Counts the `x-encrypted` values of an answer, checking each: ciphertext on the wire, plaintext in the client's data. */
function checkDecrypted(schema: ModelSchema | undefined, plain: unknown, wire: unknown, got: unknown): { count: number; wrong?: string } {
  let count = 0;
  let wrong: string | undefined;
  const walk = (s: ModelSchema, p: unknown, w: unknown, g: unknown, where: string): void => {
    if (wrong !== undefined || p === undefined || p === null) return;
    if (s.encrypted) {
      if (typeof p !== 'string' || p === '') return;
      count++;
      if (w === p) wrong = `${where} went out as plaintext`;
      else if (g !== p) wrong = `${where} was not decrypted`;
      return;
    }
    if (s.type === 'array' && s.items && Array.isArray(p)) {
      p.forEach((el, i) => walk(s.items as ModelSchema, el, Array.isArray(w) ? w[i] : undefined, Array.isArray(g) ? g[i] : undefined, `${where}/${i}`));
    } else if (s.type === 'object' && typeof p === 'object') {
      for (const [k, sub] of Object.entries(s.properties ?? {})) {
        const pick = (v: unknown): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);
        walk(sub, pick(p), pick(w), pick(g), `${where}/${k}`);
      }
    }
  };
  if (schema) walk(schema, plain, wire, got, '');
  return wrong !== undefined ? { count, wrong } : { count };
}

function errorClass(e: unknown): { cls: string; detail: string } {
  const err = e as { code?: unknown; errorCode?: unknown; message?: unknown; name?: unknown };
  const code = typeof err.code === 'string' ? err.code : typeof err.name === 'string' ? err.name : 'thrown';
  const detail = typeof err.message === 'string' ? err.message.slice(0, 300) : String(e).slice(0, 300);
  return { cls: code === 'api' && typeof err.errorCode === 'string' ? `api:${err.errorCode}` : code, detail };
}

async function callOne(server: MockServer, client: ReturnType<ClientModule['createClient']>, op: ModelOperation, pass: Pass, tag: string): Promise<CallOutcome & { sent: readonly SentSecret[] }> {
  const built = buildCall(op, pass, tag);
  const base = { op: op.id, pass, secrets: built.secrets.length, decrypted: 0, upload: op.body === 'multipart', download: op.success.kind === 'binary', sent: built.secrets };
  let res: Awaited<ReturnType<ReturnType<ReturnType<ClientModule['createClient']>['chain']>[string]>>;
  try {
    const endpoint = client.chain(op.key);
    const method = endpoint[op.method.toLowerCase()];
    if (typeof method !== 'function') return { ...base, cls: 'no-method', detail: `${op.key} has no ${op.method.toLowerCase()}()` };
    res = await method(built.args);
  } catch (e) {
    return { ...base, ...errorClass(e) };
  }
  const rid = res.headers['request-id'];
  const rec = server.received.find((r) => r.requestId === rid);
  if (!rec) return { ...base, cls: 'no-record', detail: `no request ${String(rid)} at the mock` };
  if (rec.operation !== op.id) return { ...base, cls: 'misrouted', detail: `the mock routed it to ${String(rec.operation)}` };
  if (rec.verdict !== 'ok' || !rec.decrypted) return { ...base, cls: `mock:${rec.verdict}`, detail: rec.reason ?? '' };
  for (const s of built.secrets) {
    if (receivedAt(rec, s.at) !== s.plaintext) return { ...base, cls: 'secret-not-received', detail: `${s.at.join('/')} did not arrive as the plaintext sent` };
  }
  const sent = rec.response;
  if (!sent || res.status !== sent.status) return { ...base, cls: 'status', detail: `client saw ${res.status}, mock sent ${String(sent?.status)}` };
  if (op.success.kind === 'binary') {
    const bytes = res.data;
    if (!Buffer.isBuffer(bytes) && !(bytes instanceof Uint8Array)) return { ...base, cls: 'download', detail: 'the data of a download is not bytes' };
    if (!Buffer.from(bytes).equals(Buffer.from(sent.body, 'utf8'))) return { ...base, cls: 'download', detail: 'the downloaded bytes differ from what the mock sent' };
    return { ...base, cls: 'ok' };
  }
  if (op.success.kind === 'empty') return { ...base, cls: res.data === undefined ? 'ok' : 'answer-mismatch' };
  const { count, wrong } = checkDecrypted(op.success.schema, sent.data, JSON.parse(sent.body) as unknown, res.data);
  if (wrong !== undefined) return { ...base, cls: 'decryption', detail: wrong };
  if (!isDeepStrictEqual(res.data, sent.data)) return { ...base, cls: 'answer-mismatch', detail: 'the client\'s data differs from the plaintext answer' };
  return { ...base, cls: 'ok', decrypted: count };
}

export interface PassOptions {
  readonly keys: MockKeys;
  /** Operations per mock server (each server's wire capture holds ≤ 8 MiB). Default 150. */
  readonly chunk?: number;
  /** Calls in flight. Default 6. */
  readonly concurrency?: number;
  /** Run the mock in certificates mode (answers signed by a platform certificate) instead of public-key mode. */
  readonly platformCertificates?: boolean;
}

/** One pass over every operation; outcomes in the model's order. */
export async function sweepPass(model: Model, mod: ClientModule, pass: Pass, options: PassOptions): Promise<CallOutcome[]> {
  const chunk = options.chunk ?? 150;
  const concurrency = options.concurrency ?? 6;
  const out: CallOutcome[] = [];
  for (let start = 0; start < model.operations.length; start += chunk) {
    const ops = model.operations.slice(start, start + chunk);
    const server = await startMockServer({ model, keys: options.keys, ...(options.platformCertificates ? { platformCertificates: true } : {}) });
    try {
      const client = mod.createClient({ ...server.clientOptions(), timeout: 30_000 });
      const results: (CallOutcome & { sent: readonly SentSecret[] })[] = new Array(ops.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < ops.length; i = next++) {
          const op = ops[i] as ModelOperation;
          results[i] = await callOne(server, client, op, pass, `${pass === 'examples' ? 'e' : 'm'}${start + i}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, ops.length) }, worker));
      const wire = server.wire();
      // the mock keeps at most 8 MiB of wire bytes: a full capture could hide a leak
      if (wire.length >= 8 * 1024 * 1024 - 64 * 1024) throw new Error(`the wire capture of ${ops.length} operations is full; use a smaller chunk`);
      for (const r of results) {
        const leaked = r.sent.find((s) => leakForms(s.plaintext).some((f) => wire.includes(f)));
        const { sent: _sent, ...outcome } = r;
        out.push(leaked ? { ...outcome, cls: 'leak', detail: `${leaked.at.join('/')} is on the wire in plaintext` } : outcome);
      }
    } finally {
      await server.close();
    }
  }
  return out;
}
