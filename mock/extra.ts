/**
 * Routes the mock serves beside the spec's operations, as WeChat Pay does: the order calls
 * that give a `prepay_id` (for the payment-parameter helpers), and (in their own files) bills
 * and platform certificates. Each is signed-request checked like every other route.
 */
import { checkAuthorization } from './auth';
import type { Rejection } from './errors';
import type { HandlerContext, IncomingRequest, Outcome, Reply } from './handle';
import { makeNonce } from './crypto';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A request as an extra route sees it. */
export interface ExtraRequest extends IncomingRequest {
  /** Path without the query, as on the wire. */
  readonly path: string;
  readonly search: URLSearchParams;
}

/** Answers a request it serves (after the signature check), or undefined to pass it on. */
export type ExtraRoute = (ctx: HandlerContext, req: ExtraRequest) => { readonly operation: string; readonly reply: Reply } | Rejection | undefined;

function isRejection(x: { operation: string; reply: Reply } | Rejection): x is Rejection {
  return 'body' in x && 'reason' in x;
}

export function jsonReply(status: number, data: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return { status, body: Buffer.from(JSON.stringify(data), 'utf8'), contentType: JSON_TYPE, ...(headers ? { headers } : {}) };
}

/** The order calls whose answer is `{ prepay_id }` (JSAPI / mini-program and APP, direct and partner). */
const PREPAY = /^\/v3\/pay(?:\/partner)?\/transactions\/(jsapi|app)$/;

export const orderRoute: ExtraRoute = (ctx, req) => {
  const m = PREPAY.exec(req.path);
  if (!m || req.method !== 'POST') return undefined;
  // a spec that documents the order call is served by it: validated, its x-encrypted fields
  // (payer.identity) decrypted, answered from the spec (this shortcut would skip all of that)
  if (ctx.router.match(req.method, req.path).kind === 'found') return undefined;
  return { operation: `POST ${req.path.slice(1)}`, reply: jsonReply(200, { prepay_id: `wx${Date.now()}${makeNonce().slice(0, 12)}` }) };
};

/** Tries each extra route; undefined when none serves the request. */
export function handleExtra(ctx: HandlerContext, routes: readonly ExtraRoute[], req: IncomingRequest, seq: number, requestId: string): Outcome | undefined {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const search = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
  const extra: ExtraRequest = { ...req, path, search };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const base = {
    seq, requestId, method: req.method, url: req.url, params: {}, query: Object.fromEntries(search) as Record<string, unknown>,
    headers, body: req.body.toString('utf8'), decrypted: false,
  };
  for (const route of routes) {
    // Routing first (cheap, no crypto); the signature check only for a route that serves the path.
    const probe = route(ctx, extra);
    if (probe === undefined) continue;
    const rejected = checkAuthorization({
      method: req.method, url: req.url, body: req.body, authorization: headers['authorization'],
      mchid: ctx.keys.mchid, serial: ctx.keys.serial, merchantPublicKey: ctx.keyObjects.merchantPublic, now: Math.floor(ctx.clock() / 1000),
    });
    const r: Rejection | undefined = rejected ?? (isRejection(probe) ? probe : undefined);
    if (r) {
      return {
        record: { ...base, status: r.status, verdict: r.body.code, reason: r.reason },
        reply: jsonReply(r.status, r.body),
        accepted: false,
      };
    }
    const ok = probe as { operation: string; reply: Reply };
    let json: unknown;
    try {
      json = req.body.length > 0 ? JSON.parse(req.body.toString('utf8')) : undefined;
    } catch {
      json = undefined;
    }
    const data = ok.reply.contentType === JSON_TYPE ? (JSON.parse(ok.reply.body.toString('utf8')) as unknown) : undefined;
    return {
      record: { ...base, operation: ok.operation, ...(json !== undefined ? { json } : {}), decrypted: true, status: ok.reply.status, verdict: 'ok', response: { status: ok.reply.status, ...(data !== undefined ? { data } : {}), body: ok.reply.contentType === JSON_TYPE ? ok.reply.body.toString('utf8') : `(${ok.reply.body.length} bytes)` } },
      reply: ok.reply,
      accepted: true,
    };
  }
  return undefined;
}
