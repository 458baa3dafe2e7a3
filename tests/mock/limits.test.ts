/**
 * No request takes the mock down, and it remembers a bounded amount: deep JSON is refused
 * before anything copies it, a failing handler answers 500, `received` keeps the last few
 * requests and only the start of a rejected body.
 */
import { connect } from 'node:net';
import { loadSpec } from '../../generator/load';
import { buildModel } from '../../generator/model';
import { DEFAULT_LIMITS, prepareKeys, startMockServer, type MockServer } from '../../mock';
import { nestsDeeper } from '../../mock/limits';
import { authorization, encrypt, rawRequest, responseVerifies, signed, type RawResponse, type Signer } from './helpers';

const model = buildModel(loadSpec('specs/wechatpay.yaml'));
const keys = prepareKeys({ mchid: '1900000109' });
const merchant: Signer = { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey };
const ISSUE = '/v3/gov/subsidy/zhejiang/authcode/issue';
const serialHeader = { 'Wechatpay-Serial': keys.publicKeyId };

function issueBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category_id: 'A01',
    name: encrypt(keys.wechatpayPublicKey, '张三'),
    mobile: encrypt(keys.wechatpayPublicKey, '13800138000'),
    add_code: '330000',
    cert_type: '1',
    cert_no: encrypt(keys.wechatpayPublicKey, '110101199003071234'),
    req_ssn: 'SSN-1',
    ...extra,
  };
}

/** A signed POST of `body` text as given (JSON.stringify itself cannot write very deep values). */
function signedText(base: string, url: string, body: string): Promise<RawResponse> {
  return rawRequest(base, {
    method: 'POST',
    url,
    body,
    headers: { 'Content-Type': 'application/json', ...serialHeader, Authorization: authorization(merchant, 'POST', url, body) },
  });
}

/** The issue body with an `extra` field nested `depth` deep, as text. */
function deepText(depth: number): string {
  const head = JSON.stringify(issueBody()).slice(0, -1);
  return `${head},"extra":${'{"v":'.repeat(depth)}"leaf"${'}'.repeat(depth)}}`;
}

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

const servers: MockServer[] = [];
async function start(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const s = await startMockServer({ model, keys, ...options });
  servers.push(s);
  return s;
}
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('hostile bodies', () => {
  test.each([5_000, 100_000])('a validly signed body nested %p deep is a 400 PARAM_ERROR, and the server keeps serving', async (depth) => {
    const server = await start();
    const res = await signedText(server.url, ISSUE, deepText(depth));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'PARAM_ERROR', detail: { field: '/', location: 'body' } });
    expect(JSON.parse(res.text).message).toMatch(/deeper than the mock's limit of 64/);
    const ok = await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader);
    expect(ok.status).toBe(200);
  });

  test('nesting up to the limit is accepted; the limit is configurable', async () => {
    const server = await start({ limits: { maxDepth: 8 } });
    expect((await signed(server.url, merchant, 'POST', ISSUE, issueBody({ extra: nested(6) }), serialHeader)).status).toBe(200);
    expect((await signed(server.url, merchant, 'POST', ISSUE, issueBody({ extra: nested(8) }), serialHeader)).status).toBe(400);
  });

  test('a body over maxBodyBytes is a 400 PARAM_ERROR naming the limit', async () => {
    const server = await start({ limits: { maxBodyBytes: 2000 } });
    const res = await signed(server.url, merchant, 'POST', ISSUE, issueBody({ pad: 'x'.repeat(3000) }), serialHeader);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).message).toMatch(/larger than the mock's 2000 byte limit/);
  });

  test('a handler that fails answers a signed 500 SYSTEM_ERROR, logged and recorded; the next request is served', async () => {
    let bomb = false;
    const lines: string[] = [];
    const server = await start({
      log: (l) => lines.push(l),
      clock: () => {
        if (bomb) {
          bomb = false;
          throw new Error('clock failure');
        }
        return Date.now();
      },
    });
    bomb = true;
    const res = await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader);
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'SYSTEM_ERROR' });
    expect(responseVerifies(res, keys.wechatpayPublicKey)).toBe(true);
    expect(server.received.at(-1)).toMatchObject({ status: 500, verdict: 'SYSTEM_ERROR' });
    expect(lines.at(-1)).toMatch(/500 SYSTEM_ERROR \(internal error\)/);
    expect((await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader)).status).toBe(200);
  });

  test('a request that is not HTTP gets 400 and the connection closed; the server keeps serving', async () => {
    const server = await start();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('GARBAGE\0\r\n\r\n'));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader)).status).toBe(200);
  });

  test('a client that hangs up in the middle of its body does not take the server down', async () => {
    const server = await start();
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(`POST ${ISSUE} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":`);
        setImmediate(() => socket.destroy());
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    expect((await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader)).status).toBe(200);
  });
});

describe('what received keeps', () => {
  test('the defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBodyBytes: 1024 * 1024, maxDepth: 64, maxReceived: 100, maxReceivedBytes: 32 * 1024 * 1024, rejectedBodyBytes: 1024 });
  });

  test('only the last maxReceived requests, oldest dropped first', async () => {
    const server = await start({ limits: { maxReceived: 3 } });
    for (let i = 0; i < 5; i++) await rawRequest(server.url, { method: 'GET', url: `/v3/nowhere/${i}` });
    expect(server.received.map((r) => r.seq)).toEqual([3, 4, 5]);
  });

  test('a rejected request keeps only the start of its body, its size, and no parsed JSON', async () => {
    const server = await start();
    const body = JSON.stringify({ pad: 'x'.repeat(10_000) });
    await rawRequest(server.url, { method: 'POST', url: ISSUE, body, headers: { 'Content-Type': 'application/json' } });
    const rec = server.received.at(-1);
    expect(rec).toMatchObject({ verdict: 'SIGN_ERROR', bodyBytes: Buffer.byteLength(body), bodyTruncated: true });
    expect(Buffer.byteLength(rec?.body ?? '')).toBeLessThanOrEqual(1024);
    expect(rec?.json).toBeUndefined();
  });

  test('an accepted request is kept whole', async () => {
    const server = await start();
    const body = issueBody({ note: 'y'.repeat(5000) });
    await signed(server.url, merchant, 'POST', ISSUE, body, serialHeader);
    const rec = server.received.at(-1);
    expect(rec).toMatchObject({ verdict: 'ok', bodyBytes: Buffer.byteLength(JSON.stringify(body)) });
    expect(rec?.bodyTruncated).toBeUndefined();
    expect(rec?.body).toBe(JSON.stringify(body));
  });

  test('300 rejected 1 MB requests leave at most 100 records of at most 1 KiB each', async () => {
    const server = await start();
    const big = 'z'.repeat(1000 * 1000);
    for (let i = 0; i < 300; i++) await rawRequest(server.url, { method: 'POST', url: ISSUE, body: big, headers: { 'Content-Type': 'application/json' } });
    expect(server.received).toHaveLength(100);
    expect(server.received.reduce((n, r) => n + r.body.length, 0)).toBeLessThanOrEqual(100 * 1024);
  });

  test('maxReceivedBytes bounds the memory of received (the newest is always kept)', async () => {
    const server = await start({ limits: { maxReceivedBytes: 1 } });
    for (let i = 0; i < 3; i++) await rawRequest(server.url, { method: 'GET', url: `/v3/x/${i}` });
    expect(server.received.map((r) => r.seq)).toEqual([3]);
  });

  test('maxReceived 0 keeps nothing; unknown or bad limits are refused', async () => {
    const server = await start({ limits: { maxReceived: 0 } });
    await rawRequest(server.url, { method: 'GET', url: '/v3/x' });
    expect(server.received).toHaveLength(0);
    await expect(startMockServer({ model, keys, limits: { maxDeep: 3 } as never })).rejects.toThrow(/unknown limit "maxDeep"/);
    await expect(startMockServer({ model, keys, limits: { maxDepth: -1 } })).rejects.toThrow(/limits.maxDepth/);
  });
});

describe('nestsDeeper', () => {
  test.each([
    ['{}', 1, false],
    ['{"a":[1,{"b":2}]}', 3, false],
    ['{"a":[1,{"b":2}]}', 2, true],
    ['{"a":"[[[[[[[["}', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
    ['[[[', 2, true],
  ])('%s within %p: %p', (text, max, deeper) => {
    expect(nestsDeeper(text, max)).toBe(deeper);
  });
});
