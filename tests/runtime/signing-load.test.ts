/**
 * Where the client signs: on its own thread when a call is alone (no hand-off latency), on
 * libuv's thread pool (`crypto.sign` with a callback) when other calls of the same client are in
 * flight. Observed by counting node:crypto's `sign` calls with and without a callback, not by timing.
 * Every signature is still fresh per call: the server checks each one.
 */
import { buildClient } from '../../templates/runtime/index';
import { MCHID, MERCHANT_KEY_PEM, MERCHANT_PRIVATE, MERCHANT_SERIAL, PLATFORM_PUBLIC_PEM, PUB_KEY_ID, json, startServer, table } from './support';
import type { TestServer } from './support';

/** node:crypto's module object itself (what the runtime's `require` gets), so its `sign` can be wrapped. */
const nodeCrypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');

type AnyClient = any; // the runtime is under test here, not the generated types
const contracts = { openid: 'o', query: { appid: 'wx' } };

let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => json({ total_count: 1 }));
});
afterAll(() => server.close());
afterEach(() => jest.restoreAllMocks());

function countSigns(): { sync: number; pool: number } {
  const counts = { sync: 0, pool: 0 };
  const real = nodeCrypto.sign;
  jest.spyOn(nodeCrypto, 'sign').mockImplementation(((...a: unknown[]) => {
    // only the client's signatures (the test server signs its answers with the platform key in this process)
    const key = a[2] as import('node:crypto').KeyObject;
    if (key instanceof nodeCrypto.KeyObject && key.equals(MERCHANT_PRIVATE)) {
      if (typeof a[3] === 'function') counts.pool++;
      else counts.sync++;
    }
    return (real as (...x: unknown[]) => unknown)(...a);
  }) as typeof nodeCrypto.sign);
  return counts;
}

describe('signing under load', () => {
  const client = (): AnyClient =>
    buildClient<AnyClient>(table, { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM }, baseURL: server.baseURL });

  test('8 calls started together: the first signs on the main thread, the 7 that overlap it on the thread pool', async () => {
    const c = client();
    server.received.length = 0;
    const counts = countSigns();
    const results = await Promise.all(Array.from({ length: 8 }, () => c.v3.eduPapay.user._openid_.contracts.get(contracts)));
    expect(results.map((r: { status: number }) => r.status)).toEqual(Array(8).fill(200));
    expect(counts).toEqual({ sync: 1, pool: 7 });
    // each request carried its own valid signature and nonce
    expect(server.received).toHaveLength(8);
    expect(server.received.every((r) => r.auth.ok)).toBe(true);
    expect(new Set(server.received.map((r) => r.auth.params['nonce_str'])).size).toBe(8);
  });

  test('calls one after another: each signs on the main thread (nothing else in flight)', async () => {
    const c = client();
    const counts = countSigns();
    for (let i = 0; i < 3; i++) await c.v3.eduPapay.user._openid_.contracts.get(contracts);
    expect(counts).toEqual({ sync: 3, pool: 0 });
  });

  test('a failed call leaves the in-flight count as it was: the next lone call signs on the main thread again', async () => {
    const c = client();
    server.handler = () => json({ code: 'SYSTEM_ERROR', message: 'x' }, { status: 500 });
    await Promise.allSettled(Array.from({ length: 4 }, () => c.v3.eduPapay.user._openid_.contracts.get(contracts)));
    server.handler = () => json({ total_count: 1 });
    const counts = countSigns();
    await c.v3.eduPapay.user._openid_.contracts.get(contracts);
    expect(counts).toEqual({ sync: 1, pool: 0 });
  });
});
