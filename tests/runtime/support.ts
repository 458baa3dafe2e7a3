/**
 * Shared test support for the runtime: fixed keys (the official SDKs' published test keys,
 * so no key is generated per test), hand-written operation tables, and a tiny loopback
 * WeChat Pay stand-in on node:http that checks the Authorization header with node:crypto,
 * decrypts fields and signs (or deliberately mis-signs) its answers.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationDescriptor, OperationTable } from '../../templates/runtime/operation';
import {
  GO_PRIVATE_KEY,
  JAVA_MERCHANT_CERT,
  JAVA_MERCHANT_CERT_SERIAL,
  JAVA_MERCHANT_PRIVATE_KEY,
  JAVA_WECHATPAY_PRIVATE_KEY,
  JAVA_WECHATPAY_PUBLIC_KEY,
} from './vectors';

export const MCHID = '1900000001';
/** Merchant API key and certificate (the Java SDK's test merchant). */
export const MERCHANT_KEY_PEM = JAVA_MERCHANT_PRIVATE_KEY;
export const MERCHANT_CERT_PEM = JAVA_MERCHANT_CERT;
export const MERCHANT_SERIAL = JAVA_MERCHANT_CERT_SERIAL;
export const MERCHANT_PRIVATE = crypto.createPrivateKey(MERCHANT_KEY_PEM);
export const MERCHANT_PUBLIC = crypto.createPublicKey(MERCHANT_PRIVATE);

/** WeChat Pay public key (public-key mode) and its private half, which only the server holds. */
export const PUB_KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000';
export const PLATFORM_PUBLIC_PEM = JAVA_WECHATPAY_PUBLIC_KEY;
export const PLATFORM_PRIVATE = crypto.createPrivateKey(JAVA_WECHATPAY_PRIVATE_KEY);

/** A third key pair: the sub-merchant of service-provider mode (the Go SDK's test key). */
export const SUB_PRIVATE = crypto.createPrivateKey(GO_PRIVATE_KEY);
export const SUB_PUBLIC = crypto.createPublicKey(SUB_PRIVATE);

export function oaepEncrypt(plaintext: string, key: crypto.KeyObject): string {
  return crypto
    .publicEncrypt({ key, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(plaintext))
    .toString('base64');
}

export function oaepDecrypt(ciphertext: string, key: crypto.KeyObject): string {
  return crypto
    .privateDecrypt({ key, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(ciphertext, 'base64'))
    .toString('utf8');
}

// ---------------------------------------------------------------- operation tables

const ERR = { request: [], response: [] } as const;

/** GET /v3/facemch/users/{face_sid}: encrypted response fields. */
export const facemchGet: OperationDescriptor = {
  method: 'GET',
  path: '/v3/facemch/users/{face_sid}',
  request: {
    path: { type: 'object', required: ['face_sid'], properties: { face_sid: { type: 'string' } } },
    query: {
      type: 'object',
      required: ['info_type', 'appid'],
      properties: {
        info_type: { type: 'string', enum: ['ASK_UNIONID', 'ASK_REAL_NAME'] },
        appid: { type: 'string' },
        sub_mchid: { type: 'string' },
        sub_serial_no: { type: 'string' },
      },
    },
  },
  body: 'none',
  response: { kind: 'json' },
  encrypted: {
    request: [],
    response: [
      { in: 'body', pointer: '/real_name_info/encrypted_real_name' },
      { in: 'body', pointer: '/real_name_info/encrypted_credential_id' },
    ],
  },
};

/** POST /v3/gov/subsidy/qualifications/passthrough/query: encrypted request fields, Wechatpay-Serial required. */
export const qualificationsPost: OperationDescriptor = {
  method: 'POST',
  path: '/v3/gov/subsidy/qualifications/passthrough/query',
  request: {
    headers: { type: 'object', required: ['Wechatpay-Serial'], properties: { 'Wechatpay-Serial': { type: 'string' } } },
    json: {
      type: 'object',
      required: ['real_name', 'id_card_number', 'phone_number', 'qualification_region_code', 'identity_document_type'],
      properties: {
        real_name: { type: 'string' },
        id_card_number: { type: 'string' },
        phone_number: { type: 'string' },
        qualification_region_code: { type: 'number' },
        identity_document_type: { type: 'string', enum: ['ID_DOC_TYPE_ID_CARD', 'ID_DOC_TYPE_MAINLAND_TRAVEL_PERMIT_FOR_HK_MC'] },
      },
    },
  },
  body: 'json',
  response: { kind: 'json' },
  encrypted: {
    request: [
      { in: 'body', pointer: '/real_name' },
      { in: 'body', pointer: '/id_card_number' },
      { in: 'body', pointer: '/phone_number' },
    ],
    response: [],
  },
};

/** GET /v3/edu-papay/user/{openid}/contracts: nothing sensitive. */
export const contractsGet: OperationDescriptor = {
  method: 'GET',
  path: '/v3/edu-papay/user/{openid}/contracts',
  request: {
    path: { type: 'object', required: ['openid'], properties: { openid: { type: 'string' } } },
    query: {
      type: 'object',
      required: ['appid'],
      properties: { appid: { type: 'string' }, plan_id: { type: 'string' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
    },
  },
  body: 'none',
  response: { kind: 'json' },
  encrypted: ERR,
};

/** A made-up POST with sensitive fields at every depth and in every slot. */
export const deepPost: OperationDescriptor = {
  method: 'POST',
  path: '/v3/test/deep/{id}',
  request: {
    path: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    query: { type: 'object', properties: { name: { type: 'string' }, page: { type: 'integer' } } },
    headers: { type: 'object', properties: { 'X-Secret': { type: 'string' } } },
    json: {
      type: 'object',
      properties: {
        holder: { type: 'object', properties: { name: { type: 'string' }, note: { type: 'string' } } },
        people: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } },
        },
        phones: { type: 'array', items: { type: 'string' } },
        plain: { type: 'string' },
      },
    },
  },
  body: 'json',
  response: { kind: 'json' },
  encrypted: {
    request: [
      { in: 'query', pointer: '/name' },
      { in: 'header', pointer: '/X-Secret' },
      { in: 'body', pointer: '/holder/name' },
      { in: 'body', pointer: '/people/*/name' },
      { in: 'body', pointer: '/phones/*' },
    ],
    response: [
      { in: 'body', pointer: '/items/*/secret' },
      { in: 'body', pointer: '/tags/*' },
    ],
  },
};

/** A 204 answer. */
export const closePost: OperationDescriptor = {
  method: 'POST',
  path: '/v3/test/orders/{out_trade_no}/close',
  request: { json: { type: 'object', required: ['mchid'], properties: { mchid: { type: 'string' } } } },
  body: 'json',
  response: { kind: 'empty' },
  encrypted: ERR,
};

/** A multipart upload. */
export const uploadPost: OperationDescriptor = {
  method: 'POST',
  path: '/v3/merchant/media/upload',
  request: {
    multipart: {
      type: 'object',
      required: ['file', 'meta'],
      properties: {
        file: { type: 'string', format: 'binary' },
        meta: { type: 'object', required: ['filename', 'sha256'], properties: { filename: { type: 'string' }, sha256: { type: 'string' } } },
      },
    },
  },
  body: 'multipart',
  response: { kind: 'json' },
  encrypted: ERR,
};

/** A binary download (unsigned by WeChat Pay). */
export const downloadGet: OperationDescriptor = {
  method: 'GET',
  path: '/v3/billdownload/file',
  request: { query: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } } },
  body: 'none',
  response: { kind: 'binary' },
  encrypted: ERR,
};

export const table: OperationTable = {
  'v3/facemch/users/{face_sid}': { get: facemchGet },
  'v3/gov/subsidy/qualifications/passthrough/query': { post: qualificationsPost },
  'v3/edu-papay/user/{openid}/contracts': { get: contractsGet },
  'v3/test/deep/{id}': { post: deepPost },
  'v3/test/orders/{out_trade_no}/close': { post: closePost },
  'v3/merchant/media/upload': { post: uploadPost },
  'v3/billdownload/file': { get: downloadGet },
};

// ---------------------------------------------------------------- loopback server

export interface Received {
  readonly method: string;
  /** Path and query exactly as received. */
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** Authorization parsed and checked with node:crypto against the merchant public key. */
  readonly auth: { ok: boolean; params: Record<string, string> };
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Sign the reply (default true for 2xx). */
  readonly sign?: boolean;
  readonly signKey?: crypto.KeyObject;
  readonly serial?: string;
  readonly timestamp?: string;
  /** Replace the computed signature. */
  readonly signature?: string;
  /** Change the body after signing. */
  readonly tamperBody?: string;
  /** Leave these headers out. */
  readonly omit?: readonly string[];
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Send the status and headers at once, the body after this long. */
  readonly bodyDelayMs?: number;
}

export type Handler = (req: Received) => Reply | Promise<Reply>;

export interface TestServer {
  readonly baseURL: string;
  readonly received: Received[];
  handler: Handler;
  close(): Promise<void>;
}

const AUTH_RE = /^WECHATPAY2-SHA256-RSA2048 (.*)$/;

export function checkAuthorization(method: string, url: string, header: string | undefined, body: Buffer): { ok: boolean; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const m = header ? AUTH_RE.exec(header) : null;
  if (!m) return { ok: false, params };
  for (const part of (m[1] as string).split(',')) {
    const pm = /^(\w+)="([^"]*)"$/.exec(part);
    if (pm) params[pm[1] as string] = pm[2] as string;
  }
  const { mchid, nonce_str, signature, timestamp, serial_no } = params;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return { ok: false, params };
  const message = Buffer.concat([Buffer.from(`${method}\n${url}\n${timestamp}\n${nonce_str}\n`), body, Buffer.from('\n')]);
  const ok = crypto.verify('sha256', message, MERCHANT_PUBLIC, Buffer.from(signature, 'base64'));
  return { ok, params };
}

export function signResponse(timestamp: string, nonceStr: string, body: Buffer | string, key: crypto.KeyObject): string {
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonceStr}\n`), Buffer.from(body), Buffer.from('\n')]);
  return crypto.sign('sha256', message, key).toString('base64');
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const state: TestServer = {
    baseURL: '',
    received,
    handler,
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? '';
      const url = req.url ?? '';
      const rec: Received = { method, url, headers: req.headers, body, auth: checkAuthorization(method, url, req.headers.authorization, body) };
      received.push(rec);
      void Promise.resolve(state.handler(rec)).then((reply) => {
        const send = () => {
          timers.delete(timer as NodeJS.Timeout);
          if (res.destroyed) return;
          const status = reply.status ?? 200;
          const payload = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(reply.body);
          const headers: Record<string, string> = { 'Request-ID': 'req-0001', ...(reply.headers ?? {}) };
          if (payload.length > 0 && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
            headers['Content-Type'] = 'application/json';
          }
          if (reply.sign ?? (status >= 200 && status < 300)) {
            const ts = reply.timestamp ?? String(Math.floor(Date.now() / 1000));
            const n = crypto.randomBytes(16).toString('hex');
            headers['Wechatpay-Timestamp'] = ts;
            headers['Wechatpay-Nonce'] = n;
            headers['Wechatpay-Serial'] = reply.serial ?? PUB_KEY_ID;
            headers['Wechatpay-Signature'] = reply.signature ?? signResponse(ts, n, payload, reply.signKey ?? PLATFORM_PRIVATE);
          }
          for (const h of reply.omit ?? []) delete headers[h];
          const out = reply.tamperBody === undefined ? payload : Buffer.from(reply.tamperBody);
          res.writeHead(status, headers);
          if (reply.bodyDelayMs) {
            res.flushHeaders();
            const t = setTimeout(() => {
              timers.delete(t);
              if (!res.destroyed) res.end(out);
            }, reply.bodyDelayMs);
            timers.add(t);
          } else res.end(out);
        };
        let timer: NodeJS.Timeout | undefined;
        if (reply.delayMs) {
          timer = setTimeout(send, reply.delayMs);
          timers.add(timer);
        } else send();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseURL: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A JSON reply. */
export function json(body: unknown, extra: Omit<Reply, 'body'> = {}): Reply {
  return { ...extra, body: JSON.stringify(body) };
}
