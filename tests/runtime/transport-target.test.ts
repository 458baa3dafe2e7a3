/**
 * The node:http transport sends the path and query it is given without parsing the whole URL
 * each call, yet exactly what `new URL(url)` would make of them (as it did when it parsed every
 * URL): verbatim for percent-encoded paths, resolved for dot segments, encoded for spaces.
 * Also its own timeout (the call layer's TimeoutError comes from it) and a bad URL.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeTransport, TransportError } from '../../templates/runtime/transport';
import { json, startServer } from './support';
import type { TestServer } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => json({ ok: true }, { sign: false }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.handler = () => json({ ok: true }, { sign: false });
  server.received.length = 0;
});

const send = nodeTransport();

describe('node:http transport: what reaches the server', () => {
  test.each([
    ['/v3/pay/transactions/out-trade-no/T%E4%B8%AD1?mchid=1900000001&a=%2A%27%28%29', '/v3/pay/transactions/out-trade-no/T%E4%B8%AD1?mchid=1900000001&a=%2A%27%28%29'],
    ['/v3/a/../b?x=1', '/v3/b?x=1'],
    ['/v3/a/./b', '/v3/a/b'],
    ['/v3/a/%2e%2E/b', '/v3/b'],
    ['/v3/a b?q=c d', '/v3/a%20b?q=c%20d'],
    ['/v3/a?', '/v3/a'],
    ["/v3/a?q='", '/v3/a?q=%27'],
    ['/v3/{x}', '/v3/%7Bx%7D'],
    ['?only=query', '/?only=query'],
    ['', '/'],
  ])('%s → %s (what new URL() makes of it)', async (sent, expected) => {
    expect(new URL(server.baseURL + sent).pathname + new URL(server.baseURL + sent).search).toBe(expected);
    const res = await send({ method: 'GET', url: server.baseURL + sent, headers: {} });
    expect(res.status).toBe(200);
    expect(server.received.map((r) => r.url)).toEqual([expected]);
  });

  test('headers and body arrive as given, with Content-Length', async () => {
    await send({ method: 'POST', url: `${server.baseURL}/v3/x`, headers: { 'X-A': '1', Authorization: 'WECHATPAY2-SHA256-RSA2048 x' }, body: '{"a":"中"}' });
    const r = server.received[0];
    expect(r?.headers['x-a']).toBe('1');
    expect(r?.headers['authorization']).toBe('WECHATPAY2-SHA256-RSA2048 x');
    expect(r?.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"中"}')));
    expect(r?.body.toString('utf8')).toBe('{"a":"中"}');
  });

  test('response headers keep __proto__ and constructor as plain own data, and join repeats', async () => {
    const raw = http.createServer((_req, res) => {
      res.writeHead(200, ['__proto__', 'p', 'Constructor', 'c', 'X-Rep', 'a', 'X-Rep', 'b']);
      res.end();
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = raw.address() as AddressInfo;
      const res = await nodeTransport()({ method: 'GET', url: `http://127.0.0.1:${port}/v3/x`, headers: {} });
      expect(Object.getPrototypeOf(res.headers)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(res.headers, '__proto__')?.value).toBe('p');
      expect(Object.getOwnPropertyDescriptor(res.headers, 'constructor')?.value).toBe('c');
      expect(res.headers['x-rep']).toBe('a, b');
    } finally {
      raw.closeAllConnections();
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  test('a request past its timeout rejects with a TransportError of stage timeout', async () => {
    server.handler = () => json({ ok: true }, { sign: false, delayMs: 2_000 });
    const e = await send({ method: 'GET', url: `${server.baseURL}/v3/slow`, headers: {}, timeout: 50 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).stage).toBe('timeout');
  });

  test('a URL that is not absolute, or not a URL, is a send TransportError with nothing sent', async () => {
    for (const url of ['/v3/x', 'http://']) {
      const e = await send({ method: 'GET', url, headers: {} }).then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(TransportError);
      expect((e as TransportError).stage).toBe('send');
      expect((e as TransportError).sent).toBe(false);
    }
    expect(server.received).toHaveLength(0);
  });
});
