/**
 * Hostile answers and careless arguments, over loopback: answers larger than
 * maxResponseBytes (declared, or streamed without a length) are not buffered; a call's
 * timeout/maxResponseBytes are checked like createClient's; a circular, BigInt or too-deep
 * `json` is a ValidationError naming the field; a malformed HTTP answer has its own error.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  ConfigError,
  DEFAULT_MAX_RESPONSE_BYTES,
  MalformedResponseError,
  ResponseTooLargeError,
  ValidationError,
  buildClient,
} from '../../templates/runtime/index';
import type { ClientOptions } from '../../templates/runtime/index';
import { unserializable } from '../../templates/runtime/serialize';
import { MCHID, MERCHANT_KEY_PEM, MERCHANT_SERIAL, PLATFORM_PUBLIC_PEM, PUB_KEY_ID, json, startServer, table } from './support';
import type { TestServer } from './support';

type AnyClient = any; // the runtime is under test; generated types are checked elsewhere

let server: TestServer;
let opts: ClientOptions;

beforeAll(async () => {
  server = await startServer(() => json({}));
  opts = { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM }, baseURL: server.baseURL };
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('the call did not fail');
}

const contracts = (c: AnyClient, extra: Record<string, unknown> = {}) =>
  c.chain('v3/edu-papay/user/{openid}/contracts').get({ openid: 'o', query: { appid: 'a', plan_id: 'p' }, ...extra });

/** A raw TCP server that answers every request with `reply` bytes (or streams `chunks` of them). */
async function rawServer(onSocket: (socket: net.Socket) => void): Promise<{ url: string; close: () => Promise<void>; sent: () => number }> {
  const sockets = new Set<net.Socket>();
  let sent = 0;
  const srv = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const write = socket.write.bind(socket);
    socket.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
      sent += Buffer.byteLength(chunk);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof socket.write;
    socket.once('data', () => onSocket(socket));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent: () => sent,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}

describe.each([
  ['node:http', {}],
  ['fetch', { fetch: globalThis.fetch }],
] as const)('answer size over %s', (_name, transport) => {
  test('the default limit is 10 MiB', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
  });

  test('a declared Content-Length over the limit fails at once, nothing is read', async () => {
    const c = buildClient<AnyClient>(table, { ...opts, ...transport, maxResponseBytes: 1000 });
    server.handler = () => json({ pad: 'x'.repeat(5000) });
    const err = await rejection(contracts(c));
    expect(err).toBeInstanceOf(ResponseTooLargeError);
    expect(err).toMatchObject({ code: 'response-too-large', limit: 1000, status: 200, requestId: 'req-0001' });
  });

  test('an answer just under the limit is read; per-call maxResponseBytes overrides the client', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(900) });
    server.handler = () => ({ body });
    const c = buildClient<AnyClient>(table, { ...opts, ...transport, maxResponseBytes: body.length });
    await expect(contracts(c)).resolves.toMatchObject({ status: 200 });
    await expect(rejection(contracts(c, { maxResponseBytes: body.length - 1 }))).resolves.toBeInstanceOf(ResponseTooLargeError);
    const small = buildClient<AnyClient>(table, { ...opts, ...transport, maxResponseBytes: 10 });
    await expect(contracts(small, { maxResponseBytes: body.length })).resolves.toMatchObject({ status: 200 });
  });

  test('an error answer and a binary download are bounded too', async () => {
    const c = buildClient<AnyClient>(table, { ...opts, ...transport, maxResponseBytes: 100 });
    server.handler = () => json({ code: 'PARAM_ERROR', message: 'x'.repeat(500) }, { status: 400 });
    await expect(rejection(contracts(c))).resolves.toMatchObject({ code: 'response-too-large', status: 400 });
    server.handler = () => ({ body: Buffer.alloc(500, 7), sign: false, headers: { 'Content-Type': 'application/octet-stream' } });
    await expect(rejection(c.chain('v3/billdownload/file').get({ query: { token: 't' } }))).resolves.toBeInstanceOf(ResponseTooLargeError);
  });

  test('an endless chunked answer (no Content-Length) stops at the limit: the client never buffers it', async () => {
    const limit = 64 * 1024;
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    const raw = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      // at most 64 MiB, but the client must hang up long before
      let n = 0;
      const pump = (): void => {
        while (!socket.destroyed && n < 4096) {
          n++;
          const ok = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n');
          if (!ok) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    try {
      const c = buildClient<AnyClient>(table, { ...opts, ...transport, baseURL: raw.url, maxResponseBytes: limit });
      const err = await rejection(contracts(c));
      expect(err).toBeInstanceOf(ResponseTooLargeError);
      expect(raw.sent()).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await raw.close();
    }
  });

  test.each([
    ['a Content-Length that is not a number', 'HTTP/1.1 200 OK\r\nContent-Length: two\r\n\r\n{}'],
    ['two different Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
  ])('a malformed HTTP answer (%s) is a MalformedResponseError, not "Sending the request failed"', async (_n, answer) => {
    const raw = await rawServer((socket) => {
      socket.end(answer);
    });
    try {
      const c = buildClient<AnyClient>(table, { ...opts, ...transport, baseURL: raw.url });
      const err = await rejection(contracts(c));
      expect(err).toBeInstanceOf(MalformedResponseError);
      expect(err).toMatchObject({ code: 'malformed-response', part: 'http' });
      expect(String((err as Error).message)).not.toContain('Sending the request');
    } finally {
      await raw.close();
    }
  });

  test('a status line that is not HTTP is a MalformedResponseError', async () => {
    const raw = await rawServer((socket) => {
      socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
    });
    try {
      const c = buildClient<AnyClient>(table, { ...opts, ...transport, baseURL: raw.url });
      await expect(rejection(contracts(c))).resolves.toMatchObject({ code: 'malformed-response', part: 'http' });
    } finally {
      await raw.close();
    }
  });
});

describe('answers nested too deep to parse cheaply (JSON.parse time grows with the square of the depth)', () => {
  const deep = (n: number): string => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;

  test('a verified 2xx answer nested 100,000 deep is a MalformedResponseError, not parsed', async () => {
    const c = buildClient<AnyClient>(table, opts);
    server.handler = () => ({ body: deep(100_000) });
    const err = await rejection(contracts(c));
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(err).toMatchObject({ part: 'json', message: expect.stringContaining('nests deeper than 256 levels') });
  });

  test('an error answer nested that deep is an ApiError reported as text', async () => {
    const c = buildClient<AnyClient>(table, opts);
    server.handler = () => ({ status: 500, body: deep(100_000) });
    await expect(rejection(contracts(c))).resolves.toMatchObject({ code: 'api', status: 500, errorCode: 'UNKNOWN' });
  });

  test('256 levels are parsed', async () => {
    const c = buildClient<AnyClient>(table, opts);
    server.handler = () => ({ body: deep(254) });
    await expect(contracts(c)).resolves.toMatchObject({ status: 200 });
  });
});

describe('maxResponseBytes and timeout options', () => {
  test.each([-1, Number.NaN, 1.5, '100'])('createClient refuses maxResponseBytes %p', (v) => {
    expect(() => buildClient<AnyClient>(table, { ...opts, maxResponseBytes: v as number })).toThrow(ConfigError);
  });

  test.each([-1, Number.NaN, '100', null, {}])('a per-call timeout of %p is a ValidationError, nothing sent', async (v) => {
    const c = buildClient<AnyClient>(table, opts);
    const err = await rejection(contracts(c, { timeout: v }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toContainEqual(expect.objectContaining({ path: 'timeout' }));
    expect(server.received).toHaveLength(0);
  });

  test('createClient refuses the same timeouts (one rule)', () => {
    for (const v of [-1, Number.NaN, '100']) expect(() => buildClient<AnyClient>(table, { ...opts, timeout: v as number })).toThrow(ConfigError);
  });

  test.each([-5, 0.5, 'big'])('a per-call maxResponseBytes of %p is a ValidationError', async (v) => {
    const c = buildClient<AnyClient>(table, opts);
    const err = await rejection(contracts(c, { maxResponseBytes: v }));
    expect((err as ValidationError).issues).toContainEqual(expect.objectContaining({ path: 'maxResponseBytes' }));
  });

  test('a signal that is not an AbortSignal is a ValidationError', async () => {
    const c = buildClient<AnyClient>(table, opts);
    await expect(rejection(contracts(c, { signal: 'stop' }))).resolves.toBeInstanceOf(ValidationError);
  });
});

describe('json values JSON cannot carry', () => {
  const post = (c: AnyClient, value: unknown) =>
    c.chain('v3/gov/subsidy/qualifications/passthrough/query').post({ json: value });

  const cases: [string, () => unknown, string][] = [
    ['a circular structure', () => {
      const o: Record<string, unknown> = { a: { b: {} } };
      (o['a'] as Record<string, Record<string, unknown>>)['b']!['loop'] = o;
      return o;
    }, 'json.a.b.loop'],
    ['a BigInt', () => ({ amount: { total: 10n } }), 'json.amount.total'],
    ['a BigInt in an array', () => ({ list: [1, 2, 3n] }), 'json.list[2]'],
    ['a throwing toJSON', () => ({ d: { toJSON() { throw new Error('secret-value-123'); } } }), 'json.d'],
  ];

  test.each(cases)('%s is a ValidationError naming the field (validate off, so the runtime is the last line)', async (_n, make, path) => {
    const c = buildClient<AnyClient>(table, { ...opts, validate: false });
    const err = await rejection(post(c, make()));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]?.path).toBe(path);
    expect(String((err as Error).message)).not.toContain('secret-value-123');
    expect(server.received).toHaveLength(0);
  });

  test('json nested 100,000 deep is a ValidationError, not a RangeError', async () => {
    let v: unknown = {};
    for (let i = 0; i < 100_000; i++) v = { v };
    const c = buildClient<AnyClient>(table, { ...opts, validate: false });
    const err = await rejection(post(c, v));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]?.message).toMatch(/nests deeper than/);
  });

  test('a BigInt in a query or header is a ValidationError too', async () => {
    const c = buildClient<AnyClient>(table, { ...opts, validate: false });
    await expect(rejection(contracts(c, { query: { appid: { n: 1n } } }))).resolves.toMatchObject({ code: 'validation', issues: [{ path: 'query.appid.n' }] });
    await expect(rejection(contracts(c, { headers: { 'X-A': { n: 1n } } }))).resolves.toMatchObject({ code: 'validation', issues: [{ path: 'headers.X-A.n' }] });
  });

  test('unserializable finds nothing wrong in plain data (linear walk, shared non-circular refs are fine)', () => {
    const shared = { x: 1 };
    expect(unserializable({ a: shared, b: shared, c: [shared, 'x', null, true, new Date(0)] }, 'json')).toBeUndefined();
  });
});

test('an http server that answers with a header Node refuses (too large) is a MalformedResponseError', async () => {
  const big = http.createServer((_req, res) => {
    res.setHeader('X-Big', 'y'.repeat(64 * 1024));
    res.end('{}');
  });
  await new Promise<void>((r) => big.listen(0, '127.0.0.1', r));
  try {
    const c = buildClient<AnyClient>(table, { ...opts, baseURL: `http://127.0.0.1:${(big.address() as AddressInfo).port}` });
    await expect(rejection(contracts(c))).resolves.toMatchObject({ code: 'malformed-response', part: 'http' });
  } finally {
    big.closeAllConnections();
    await new Promise<void>((r) => big.close(() => r()));
  }
});
