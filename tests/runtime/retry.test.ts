/**
 * Retries over real HTTP on 127.0.0.1: which failures are retried, how many attempts reach the
 * server, and that each is signed afresh. Sleeps are injected (nothing here waits on a timer),
 * and the recorded waits are checked for their bounds, never timed.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, buildClient, NetworkError } from '../../templates/runtime/index';
import type { ClientOptions } from '../../templates/runtime/index';
import { nextDelay, resolveRetry, retryAfterMs, retryable } from '../../templates/runtime/retry';
import { MCHID, MERCHANT_KEY_PEM, MERCHANT_SERIAL, PLATFORM_PUBLIC_PEM, PUB_KEY_ID, json, startServer, table } from './support';
import type { TestServer } from './support';

type AnyClient = any;

let server: TestServer;
let waits: number[];
let clock: number;
const sleep = async (ms: number): Promise<void> => {
  waits.push(ms);
  clock += ms;
};
const retry = { attempts: 4, baseDelay: 100, maxDelay: 1_000, maxElapsed: 10_000, sleep, now: () => clock, random: () => 0.5 };

beforeAll(async () => {
  server = await startServer(() => json({}));
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  waits = [];
  clock = 1_000_000;
});

function client(extra: Partial<ClientOptions> = {}): AnyClient {
  return buildClient<AnyClient>(table, { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM }, baseURL: server.baseURL, retry, ...extra });
}
const get = (c: AnyClient, extra: Record<string, unknown> = {}) => c['v3/edu-papay/user/{openid}/contracts'].get({ openid: 'o', query: { appid: 'wx' }, ...extra });
const post = (c: AnyClient, extra: Record<string, unknown> = {}) => c['v3/test/orders/{out_trade_no}/close'].post({ out_trade_no: 'T1', json: { mchid: MCHID }, ...extra });
const failing = (status: number, times: number, headers: Record<string, string> = {}) => {
  let n = 0;
  server.handler = () => (n++ < times ? json({ code: 'SYSTEM_ERROR', message: 'busy' }, { status, headers }) : json({ data: [] }));
};
const nonces = () => server.received.map((r) => r.auth.params['nonce_str']);

describe('retries of GET', () => {
  it('retries 5xx and 429 until an answer comes, each attempt signed afresh', async () => {
    failing(503, 2);
    const res = await get(client());
    expect(res.status).toBe(200);
    expect(server.received).toHaveLength(3);
    expect(server.received.every((r) => r.auth.ok)).toBe(true);
    expect(new Set(nonces()).size).toBe(3);
    // exponential backoff, half fixed and half jitter: 100·2^k · (0.5 + 0.5·0.5)
    expect(waits).toEqual([75, 150]);
  });

  it('takes a fresh timestamp per attempt', async () => {
    failing(500, 1);
    const realNow = Date.now;
    let offset = 0;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    try {
      await get(client({ retry: { ...retry, sleep: async () => { offset += 5_000; } } }));
    } finally {
      spy.mockRestore();
    }
    const [a, b] = server.received.map((r) => Number(r.auth.params['timestamp']));
    expect(b! - a!).toBeGreaterThanOrEqual(4);
  });

  it('honours Retry-After (seconds) as the least wait', async () => {
    failing(429, 1, { 'Retry-After': '3' });
    await get(client());
    expect(waits).toEqual([3_000]);
  });

  it('gives up after `attempts`, with the last error', async () => {
    failing(502, 99);
    const err = await get(client()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(502);
    expect(server.received).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('gives up when the next wait would pass maxElapsed', async () => {
    failing(503, 99, { 'Retry-After': '60' });
    await expect(get(client())).rejects.toBeInstanceOf(ApiError);
    expect(server.received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('does not retry other 4xx, nor when the call says retry: false, nor without the option', async () => {
    failing(400, 99);
    await expect(get(client())).rejects.toBeInstanceOf(ApiError);
    expect(server.received).toHaveLength(1);
    failing(503, 99);
    await expect(get(client(), { retry: false })).rejects.toBeInstanceOf(ApiError);
    await expect(get(client({ retry: undefined }))).rejects.toBeInstanceOf(ApiError);
    expect(server.received).toHaveLength(3);
  });

  it('a call can turn retries on for a client without them', async () => {
    failing(503, 1);
    await get(client({ retry: undefined }), { retry });
    expect(server.received).toHaveLength(2);
  });

  it('retries a GET whose connection broke after it was sent', async () => {
    let n = 0;
    const raw = http.createServer((req, res) => {
      if (n++ === 0) {
        req.socket.destroy();
        return;
      }
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    try {
      const c = client({ baseURL: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, retry: { ...retry, attempts: 2 } });
      const err = await get(c).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError); // the second attempt got the 500
      expect(n).toBe(2);
    } finally {
      raw.closeAllConnections();
      await new Promise((r) => raw.close(r));
    }
  });
});

describe('retries of POST', () => {
  it('never retries a POST that reached the server (5xx, 429, broken connection)', async () => {
    failing(503, 99);
    await expect(post(client())).rejects.toBeInstanceOf(ApiError);
    failing(429, 99);
    await expect(post(client())).rejects.toBeInstanceOf(ApiError);
    expect(server.received).toHaveLength(2);

    let n = 0;
    const raw = http.createServer((req) => {
      n++;
      req.on('end', () => req.socket.destroy()).resume();
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    try {
      const c = client({ baseURL: `http://127.0.0.1:${(raw.address() as AddressInfo).port}` });
      await expect(post(c)).rejects.toBeInstanceOf(NetworkError);
      expect(n).toBe(1);
    } finally {
      raw.closeAllConnections();
      await new Promise((r) => raw.close(r));
    }
    expect(waits).toEqual([]);
  });

  it('retries a POST the caller marks idempotent', async () => {
    let n = 0;
    server.handler = () => (n++ < 2 ? json({ code: 'SYSTEM_ERROR', message: 'busy' }, { status: 500 }) : { status: 204 });
    const res = await post(client(), { retry: { idempotent: true } });
    expect(res.status).toBe(204);
    expect(server.received).toHaveLength(3);
    expect(new Set(nonces()).size).toBe(3);
  });

  it('retries a POST whose connection was never made (nothing was sent)', async () => {
    // A port nobody listens on; the injected sleep starts the server there before the retry.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    let hits = 0;
    const late = http.createServer((req, res) => {
      hits++;
      req.resume().on('end', () => res.writeHead(204).end());
    });
    try {
      const c = client({
        baseURL: `http://127.0.0.1:${port}`,
        retry: { ...retry, sleep: async (ms: number) => { waits.push(ms); await new Promise<void>((r) => late.listen(port, '127.0.0.1', r)); } },
      });
      const err = await post(c).catch((e: unknown) => e);
      // The 204 is unsigned here: what matters is that the second attempt reached the server.
      expect(hits).toBe(1);
      expect(waits).toHaveLength(1);
      expect(err === undefined || (err as Error).name === 'SignatureError').toBe(true);
    } finally {
      late.closeAllConnections();
      await new Promise((r) => late.close(r));
    }
  });
});

describe('retries through a caller fetch', () => {
  it('tells a connection never made (ECONNREFUSED cause) from one that may have reached the server', async () => {
    const calls: string[] = [];
    const refusing = (code: string) => async (input: unknown, init?: RequestInit) => {
      calls.push(code);
      if (calls.length === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      return fetch(input as string, init);
    };
    server.handler = () => ({ status: 204 });
    await post(client({ fetch: refusing('ECONNREFUSED') as typeof fetch })).catch(() => undefined);
    expect(calls).toHaveLength(2);
    calls.length = 0;
    await expect(post(client({ fetch: refusing('ECONNRESET') as typeof fetch }))).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toHaveLength(1);
  });
});

describe('retry policy units', () => {
  const policy = resolveRetry({ ...retry, attempts: 5 }, undefined)!;
  it('decides by method and failure', () => {
    expect(retryable('POST', { kind: 'network', sent: false }, false)).toBe(true);
    expect(retryable('POST', { kind: 'network', sent: true }, false)).toBe(false);
    expect(retryable('GET', { kind: 'network', sent: true }, false)).toBe(true);
    expect(retryable('POST', { kind: 'status', status: 503 }, true)).toBe(true);
    expect(retryable('GET', { kind: 'status', status: 404 }, false)).toBe(false);
    expect(retryable('GET', { kind: 'final' }, false)).toBe(false);
  });
  it('backs off exponentially with jitter, capped by maxDelay', () => {
    const lo = resolveRetry({ ...retry, attempts: 8, random: () => 0 }, undefined)!;
    const hi = resolveRetry({ ...retry, attempts: 8, random: () => 0.999999 }, undefined)!;
    const f = { kind: 'status', status: 500 } as const;
    for (let a = 1; a < 8; a++) {
      const cap = Math.min(1_000, 100 * 2 ** (a - 1));
      expect(nextDelay(lo, a, 'GET', f, clock)).toBe(Math.round(cap / 2));
      expect(nextDelay(hi, a, 'GET', f, clock)).toBeLessThanOrEqual(cap);
    }
    expect(nextDelay(policy, 5, 'GET', f, clock)).toBeUndefined();
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2', 0)).toBe(2_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });
  it('checks options at createClient', () => {
    expect(() => client({ retry: { attempts: -1 } })).toThrow(/retry.attempts/);
    expect(() => client({ retry: { sleep: 5 as unknown as () => Promise<void> } })).toThrow(/retry.sleep/);
    expect(resolveRetry(true, { attempts: 1 })).toBeUndefined();
    expect(resolveRetry(false, undefined)).toBeUndefined();
  });
});
