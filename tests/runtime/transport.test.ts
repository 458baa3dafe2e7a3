/**
 * The two transports — node:http(s) with a keep-alive agent (the default) and a caller's
 * fetch — behave the same for everything the call layer relies on: signed bytes, verified
 * answers, 204, timeouts, cancellation, a connection cut mid-body. Plus: the default reuses
 * connections, and a process that made calls exits by itself (no socket or timer holds it).
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { NetworkError, TimeoutError, buildClient } from '../../templates/runtime/index';
import type { ClientOptions } from '../../templates/runtime/index';
import { MCHID, MERCHANT_KEY_PEM, MERCHANT_SERIAL, PLATFORM_PRIVATE, PLATFORM_PUBLIC_PEM, PUB_KEY_ID, json, signResponse, startServer, table } from './support';
import type { TestServer } from './support';

type AnyClient = any; // the runtime is under test here, not the generated types
const contracts = { openid: 'o', query: { appid: 'wx' } };

let server: TestServer;
let base: ClientOptions;
const connections: Socket[] = [];

beforeAll(async () => {
  server = await startServer(() => json({ total_count: 1 }));
  base = { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM }, baseURL: server.baseURL };
});
afterAll(() => server.close());
beforeEach(() => {
  server.handler = () => json({ total_count: 1 });
  server.received.length = 0;
});

const transports: [string, Partial<ClientOptions>][] = [
  ['node:http (default)', {}],
  ['fetch', { fetch: (input, init) => fetch(input, init) }],
];

describe.each(transports)('transport: %s', (_name, extra) => {
  const client = (): AnyClient => buildClient<AnyClient>(table, { ...base, ...extra });

  test('a verified answer, signed bytes exactly as sent', async () => {
    const r = await client().v3.eduPapay.user._openid_.contracts.get(contracts);
    expect(r).toMatchObject({ status: 200, data: { total_count: 1 } });
    expect(r.headers['request-id']).toBe('req-0001');
    expect(server.received[0]?.auth.ok).toBe(true);
  });

  test('204 verifies against an empty body', async () => {
    server.handler = () => ({ status: 204 });
    const r = await client().chain('v3/edu-papay/user/{openid}/contracts').get(contracts);
    expect(r).toMatchObject({ status: 204, data: undefined });
  });

  test('a slow answer past the timeout is a TimeoutError', async () => {
    server.handler = () => ({ ...json({}), delayMs: 2_000 });
    await expect(client().v3.eduPapay.user._openid_.contracts.get({ ...contracts, timeout: 50 })).rejects.toBeInstanceOf(TimeoutError);
  });

  test('an aborted signal rejects with its reason', async () => {
    server.handler = () => ({ ...json({}), delayMs: 2_000 });
    const ctrl = new AbortController();
    const call = client().v3.eduPapay.user._openid_.contracts.get({ ...contracts, signal: ctrl.signal });
    setTimeout(() => ctrl.abort(new Error('user gave up')), 20);
    await expect(call).rejects.toThrow('user gave up');
  });

  test('a connection cut in the middle of the body is a NetworkError', async () => {
    const cutter = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"total_');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await new Promise<void>((resolve) => cutter.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(cutter.address() as AddressInfo).port}`;
    try {
      const c = buildClient<AnyClient>(table, { ...base, ...extra, baseURL: url });
      await expect(c.v3.eduPapay.user._openid_.contracts.get(contracts)).rejects.toBeInstanceOf(NetworkError);
    } finally {
      cutter.closeAllConnections();
      await new Promise((resolve) => cutter.close(resolve));
    }
  });

  test('a refused connection is a NetworkError with its cause', async () => {
    const c = buildClient<AnyClient>(table, { ...base, ...extra, baseURL: 'http://127.0.0.1:9' });
    const err = (await c.v3.eduPapay.user._openid_.contracts.get(contracts).catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.cause).toBeDefined();
  });
});

describe('the default transport', () => {
  test('reuses one keep-alive connection for sequential calls', async () => {
    const counting = http.createServer();
    const seen: Socket[] = connections;
    seen.length = 0;
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    counting.on('connection', (s: Socket) => seen.push(s));
    counting.on('request', (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(204, { 'Wechatpay-Timestamp': String(Math.floor(Date.now() / 1000)), 'Wechatpay-Nonce': 'n', 'Wechatpay-Serial': 'unknown', 'Wechatpay-Signature': 'x' });
        res.end();
      });
    });
    try {
      const c = buildClient<AnyClient>(table, { ...base, baseURL: `http://127.0.0.1:${(counting.address() as AddressInfo).port}` });
      for (let i = 0; i < 5; i++) await c.v3.eduPapay.user._openid_.contracts.get(contracts).catch(() => undefined);
      expect(seen).toHaveLength(1);
    } finally {
      counting.closeAllConnections();
      await new Promise((resolve) => counting.close(resolve));
    }
  });

  test('a process that made calls exits by itself: no keep-alive socket or timer holds it open', async () => {
    // A server that keeps idle connections for minutes, so only the client can let the process go;
    // the compiled runtime (npm test builds dist/ first) in a plain Node process, killed if it lingers.
    const lingering = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const ts = String(Math.floor(Date.now() / 1000));
        res.writeHead(204, { 'Wechatpay-Timestamp': ts, 'Wechatpay-Nonce': 'n0', 'Wechatpay-Serial': PUB_KEY_ID, 'Wechatpay-Signature': signResponse(ts, 'n0', '', PLATFORM_PRIVATE) });
        res.end();
      });
    });
    lingering.keepAliveTimeout = 300_000;
    await new Promise<void>((resolve) => lingering.listen(0, '127.0.0.1', resolve));
    const options = { ...base, baseURL: `http://127.0.0.1:${(lingering.address() as AddressInfo).port}` };
    const child = spawn(process.execPath, [join(__dirname, 'exit-probe.js')], {
      env: { ...process.env, PROBE_OPTIONS: JSON.stringify(options), PROBE_TABLE: JSON.stringify(table) },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const result = await new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (status, signal) => resolve({ status, signal })));
    clearTimeout(killer);
    lingering.closeAllConnections();
    await new Promise((resolve) => lingering.close(resolve));
    expect({ ...result, out: out.trim(), err: err.trim() }).toEqual({ status: 0, signal: null, out: 'status 204', err: '' });
  });
});
