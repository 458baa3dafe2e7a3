/**
 * Mock target: one mock server on 127.0.0.1 per worker, and per iteration one hostile HTTP
 * request over a raw socket — validly signed or not, bodies that almost fit the operation's
 * schema or nest thousands deep, wrong methods and content types, junk paths and headers,
 * faults, multipart garbage, and broken HTTP (bad request lines, lying Content-Length,
 * bad chunking, early hang-ups). The server must answer every complete request with an
 * HTTP status (or close the connection on broken HTTP), never die, and keep `received`
 * within its limit. A 500 it made for its own failure counts as `internal`.
 */
import { constants, createSign, publicEncrypt, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { loadSpec } from '../../generator/load';
import { buildModel } from '../../generator/model';
import type { ModelOperation, ModelSchema } from '../../generator/model';
import { DEFAULT_LIMITS, FAULT_NAMES, prepareKeys, startMockServer } from '../../mock';
import type { Draw } from '../rng';
import type { FuzzTarget, Outcome, TargetEnv } from '../types';

const ANSWER_MS = 10_000;
const JUNK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'get', 'P OST'];

function valueFor(schema: ModelSchema | undefined, d: Draw, depth: number, encryptTo: string): unknown {
  if (d.chance(0.03)) return d.pick([null, 1e308, -0, '', [], {}, true, 'x'.repeat(d.size(1, 200_000))]);
  if (!schema || depth > 12) return d.junk(d.size(0, 20));
  switch (schema.type) {
    case 'string': {
      if (schema.enum && d.chance(0.8)) return d.pick(schema.enum);
      const text = d.chance(0.9) ? d.junk(d.size(0, 30)) : d.junk(d.size(0, 3000));
      if (schema.encrypted && d.chance(0.7)) {
        try {
          return publicEncrypt({ key: encryptTo, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(text.slice(0, 60), 'utf8')).toString('base64');
        } catch {
          return text;
        }
      }
      return text;
    }
    case 'integer':
      return d.chance(0.9) ? d.int(1000) : d.pick([2 ** 60, -1, 1.5, '12']);
    case 'number':
      return d.next() * 1000;
    case 'boolean':
      return d.chance(0.5);
    case 'array':
      return Array.from({ length: d.size(0, 5) }, () => valueFor(schema.items, d, depth + 1, encryptTo));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(schema.properties ?? {})) {
        if (d.chance(0.9)) Object.defineProperty(out, k, { value: valueFor(sub, d, depth + 1, encryptTo), enumerable: true, writable: true, configurable: true });
      }
      if (d.chance(0.1)) Object.defineProperty(out, d.pick(['__proto__', 'constructor', 'toString', d.junk(8)]), { value: { x: 1 }, enumerable: true, writable: true, configurable: true });
      return out;
    }
    default:
      return d.junk(5);
  }
}

function bodyText(op: ModelOperation, d: Draw, encryptTo: string): string {
  let text = JSON.stringify(valueFor(op.bodySchema, d, 0, encryptTo)) ?? '';
  if (d.chance(0.1)) {
    const depth = d.size(10, 20_000);
    const open = d.chance(0.5) ? '[' : '{"a":';
    const close = open === '[' ? ']' : '}';
    text = text.startsWith('{') && text.length > 2 ? `{"deep":${open.repeat(depth)}1${close.repeat(depth)},${text.slice(1)}` : `${open.repeat(depth)}1${close.repeat(depth)}`;
  }
  if (d.chance(0.05)) text = text.slice(0, d.int(text.length + 1));
  if (d.chance(0.03)) text = d.junk(d.size(0, 500));
  if (d.chance(0.01)) text += ' '.repeat(DEFAULT_LIMITS.maxBodyBytes);
  return text;
}

/** encodeURIComponent that takes lone surrogates too (junk has them). */
const enc = (s: string): string => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'));

function fillPath(template: string, d: Draw): string {
  return template.replace(/\{[^}]+\}/g, () => d.pick([enc(d.junk(d.size(0, 12))), 'x', '%', '%E0%A4%A', '%2F..%2F', '..', d.junk(3).replace(/[\s/?#]/g, '')]));
}

function authorization(keys: { mchid: string; serial: string; merchantPrivateKey: string }, method: string, url: string, body: string, d: Draw): string {
  const ts = String(Math.floor(Date.now() / 1000) + (d.chance(0.05) ? d.pick([-1000, 1000, 1e12]) : 0));
  const nonce = randomBytes(16).toString('hex');
  const sig = createSign('RSA-SHA256').update(`${method}\n${url}\n${ts}\n${nonce}\n${body}\n`).sign(keys.merchantPrivateKey, 'base64');
  const good = `WECHATPAY2-SHA256-RSA2048 mchid="${keys.mchid}",nonce_str="${nonce}",signature="${sig}",timestamp="${ts}",serial_no="${keys.serial}"`;
  if (d.chance(0.85)) return good;
  return d.pick([
    '', 'WECHATPAY2-SHA256-RSA2048', `${good},mchid="x"`, good.replace(/signature="[^"]*"/, 'signature="!!"'), good.replace('"', ''),
    `WECHATPAY2-SHA256-RSA2048 ${'a="b",'.repeat(2000)}`, d.junk(100).replace(/[\r\n]/g, ''),
  ]);
}

/** The bytes of one request: mostly well-formed HTTP/1.1 with Connection: close; sometimes broken on purpose. */
function requestBytes(ops: readonly ModelOperation[], keys: Parameters<typeof authorization>[0] & { publicKeyId: string; wechatpayPublicKey: string }, d: Draw): { bytes: Buffer; complete: boolean } {
  const op = d.pick(ops);
  const method = d.chance(0.9) ? op.method.toUpperCase() : d.pick(JUNK_METHODS);
  let url = fillPath(op.path, d);
  if (d.chance(0.3)) url += `?${Array.from({ length: d.size(1, 50) }, () => `${d.pick(['appid', 'offset', 'limit', 'x', '', '%'])}=${enc(d.junk(d.size(0, 10)))}`).join('&')}`;
  if (d.chance(0.02)) url = `/${'a/'.repeat(d.size(1, 4000))}`;
  const multipart = op.body === 'multipart';
  const boundary = 'fz' + randomBytes(6).toString('hex');
  let body = op.body === 'none' && d.chance(0.8) ? '' : bodyText(op, d, keys.wechatpayPublicKey);
  if (multipart) {
    const meta = body;
    body = d.chance(0.8)
      ? `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n${meta}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${d.junk(d.size(0, 100))}\r\n--${boundary}--\r\n`
      : `--${boundary}\r\n${d.junk(d.size(0, 300))}`;
    body = d.chance(0.1) ? body.slice(0, d.int(body.length)) : body;
  }
  const signedOver = multipart ? (/name="meta"\r\nContent-Type: application\/json\r\n\r\n([\s\S]*?)\r\n--/.exec(body)?.[1] ?? '') : body;
  const headers: [string, string][] = [['Host', '127.0.0.1'], ['Connection', 'close'], ['Accept', 'application/json']];
  headers.push(['Authorization', authorization(keys, method, url, signedOver, d)]);
  if (body !== '' || d.chance(0.1)) headers.push(['Content-Type', multipart ? `multipart/form-data; boundary=${boundary}` : d.chance(0.9) ? 'application/json' : d.pick(['text/plain', 'application/json; charset=gbk', 'multipart/form-data', ''])]);
  if (d.chance(0.7)) headers.push(['Wechatpay-Serial', d.chance(0.9) ? keys.publicKeyId : d.junk(10).replace(/[\r\n]/g, '')]);
  if (d.chance(0.1)) headers.push(['X-Mock-Fault', d.pick([...FAULT_NAMES.filter((f) => f !== 'slow'), 'server-error=503', 'server-error=99', 'slow=1', 'nope', '', 'reset=1'])]);
  if (d.chance(0.02)) for (let i = 0; i < d.size(10, 3000); i++) headers.push([`X-H${i}`, 'v']);
  if (d.chance(0.02)) headers.push(['X-Big', 'b'.repeat(d.size(1000, 40_000))]);
  const payload = Buffer.from(body, 'utf8');
  let complete = true;
  let framing: string;
  const broken = d.chance(0.08) ? d.int(5) : -1;
  if (broken === 0) {
    framing = `Content-Length: ${payload.length + d.size(1, 1000)}\r\n`;
    complete = false;
  } else if (broken === 1) framing = 'Transfer-Encoding: chunked\r\n';
  else framing = `Content-Length: ${payload.length}\r\n`;
  const head = `${broken === 2 ? d.junk(20) : `${method} ${url} HTTP/1.1`}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n${framing}\r\n`;
  let bytes: Buffer;
  if (broken === 1) {
    bytes = Buffer.concat([Buffer.from(head), Buffer.from(`${d.pick([payload.length.toString(16), 'zz', '-1', 'ffffffffffffffff'])}\r\n`), payload, Buffer.from(d.chance(0.5) ? '\r\n0\r\n\r\n' : '\r\n')]);
    complete = false;
  } else if (broken === 3) {
    bytes = Buffer.concat([Buffer.from(head), payload]).subarray(0, d.int(head.length + payload.length));
    complete = false;
  } else if (broken === 4) {
    bytes = Buffer.from(d.junk(d.size(1, 2000)), 'utf8');
    complete = false;
  } else bytes = Buffer.concat([Buffer.from(head), payload]);
  return { bytes, complete };
}

/** Sends the bytes; resolves with what came back once the server closed (or at once for incomplete requests). */
function exchange(port: number, bytes: Buffer, complete: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the mock gave no complete answer within ${ANSWER_MS} ms`));
    }, complete ? ANSWER_MS : 1000);
    socket.on('data', (c: Buffer) => {
      size += c.length;
      if (size < 1024 * 1024) chunks.push(c);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(bytes, () => {
      if (!complete) socket.end();
    });
  });
}

export async function mockTarget(env: TargetEnv): Promise<FuzzTarget> {
  const model = buildModel(loadSpec('specs/wechatpay.yaml', env.repo));
  const keys = prepareKeys({ mchid: '1900000109' });
  let internal = 0;
  const server = await startMockServer({ model, keys, log: (line) => { if (line.includes('(internal error)')) internal++; } });
  const ops = model.operations;
  return {
    async run(d: Draw): Promise<Outcome> {
      const before = internal;
      const { bytes, complete } = requestBytes(ops, keys, d);
      const answer = await exchange(server.port, bytes, complete);
      if (server.received.length > DEFAULT_LIMITS.maxReceived) throw new Error(`received holds ${server.received.length} requests, more than ${DEFAULT_LIMITS.maxReceived}`);
      if (internal > before) return 'internal';
      if (complete) {
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1];
        // a complete request is answered — except by the reset fault, which drops the connection on purpose
        if (status === undefined && !/X-Mock-Fault: reset/.test(bytes.subarray(0, 64 * 1024).toString('latin1'))) throw new Error(`a complete request got no HTTP answer (${answer.length} bytes back)`);
        return status === '200' || status === '204' ? 'accepted' : 'rejected';
      }
      return 'rejected';
    },
    close: () => server.close(),
  };
}
