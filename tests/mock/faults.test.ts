import { request } from 'node:http';
import { loadSpec } from '../../generator/load';
import { buildModel } from '../../generator/model';
import { FAULT_NAMES, prepareKeys, SIGNTEST_PREFIX, startMockServer, UNKNOWN_SERIAL, type FaultInput, type MockServer } from '../../mock';
import { authorization, encrypt, responseVerifies, signed, type RawResponse, type Signer } from './helpers';

const model = buildModel(loadSpec('specs/wechatpay.yaml'));
const keys = prepareKeys({});
const merchant: Signer = { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey };
const ISSUE = '/v3/gov/subsidy/zhejiang/authcode/issue';
const FACE = '/v3/facemch/users/sid1?info_type=ASK_REAL_NAME&appid=wx1';
const body = (): Record<string, unknown> => ({
  category_id: 'A01',
  name: encrypt(keys.wechatpayPublicKey, '王五'),
  mobile: encrypt(keys.wechatpayPublicKey, '13700000000'),
  add_code: '330000',
  cert_type: '1',
  cert_no: encrypt(keys.wechatpayPublicKey, '110101199003071234'),
  req_ssn: 'S',
});
const EXAMPLE = '{"resp_code":"0000","resp_desc":"成功","auth_code":"ZJ20261123000001"}';

let server: MockServer;
const lines: string[] = [];
beforeAll(async () => {
  server = await startMockServer({ model, keys, log: (l) => lines.push(l) });
});
afterAll(() => server.close());
afterEach(() => server.setFaults(undefined));

const issue = (fault?: string): Promise<RawResponse> => signed(server.url, merchant, 'POST', ISSUE, body(), { 'Wechatpay-Serial': keys.publicKeyId, ...(fault ? { 'X-Mock-Fault': fault } : {}) });

type Check = (r: RawResponse) => void;
const nowSec = (): number => Math.floor(Date.now() / 1000);
const checks: Record<Exclude<(typeof FAULT_NAMES)[number], 'reset' | 'slow'>, Check> = {
  'tampered-body': (r) => {
    expect(r.status).toBe(200);
    expect(r.text).not.toBe(EXAMPLE);
    expect(() => JSON.parse(r.text) as unknown).not.toThrow();
    expect(responseVerifies(r, keys.wechatpayPublicKey)).toBe(false);
  },
  'tampered-signature': (r) => {
    expect(r.text).toBe(EXAMPLE);
    expect(responseVerifies(r, keys.wechatpayPublicKey)).toBe(false);
  },
  'stale-timestamp': (r) => {
    expect(responseVerifies(r, keys.wechatpayPublicKey)).toBe(true);
    expect(nowSec() - Number(r.headers['wechatpay-timestamp'])).toBeGreaterThan(300);
  },
  'unknown-serial': (r) => {
    expect(responseVerifies(r, keys.wechatpayPublicKey)).toBe(true);
    expect(r.headers['wechatpay-serial']).toBe(UNKNOWN_SERIAL);
  },
  signtest: (r) => {
    expect(r.headers['wechatpay-signature']).toMatch(new RegExp(`^${SIGNTEST_PREFIX}`));
  },
  'server-error': (r) => {
    expect(r.status).toBe(500);
    expect(JSON.parse(r.text)).toEqual({ code: 'SYSTEM_ERROR', message: expect.any(String) });
    expect(responseVerifies(r, keys.wechatpayPublicKey)).toBe(true);
  },
  'no-content': (r) => {
    expect(r.status).toBe(204);
    expect(r.body.length).toBe(0);
    expect(responseVerifies(r, keys.wechatpayPublicKey)).toBe(true);
  },
  'broken-json': (r) => {
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text) as unknown).toThrow();
    expect(responseVerifies(r, keys.wechatpayPublicKey)).toBe(true);
  },
};

describe.each(Object.entries(checks))('fault %s', (name, check) => {
  test('by X-Mock-Fault header', async () => {
    check(await issue(name));
    expect(server.received.at(-1)).toMatchObject({ verdict: 'ok', fault: name, decrypted: true, json: { name: '王五' } });
    expect(lines.at(-1)).toContain(`[fault ${name}]`);
  });
  test('by the server option', async () => {
    server.setFaults(name as FaultInput);
    check(await issue());
  });
});

test('server-error takes a 5xx status; slow takes a delay', async () => {
  const r = await issue('server-error=503');
  expect(r.status).toBe(503);
  const s = await issue('slow=20');
  expect(s.status).toBe(200);
  expect(s.text).toBe(EXAMPLE);
  expect(responseVerifies(s, keys.wechatpayPublicKey)).toBe(true);
});

test('a faults function sees the decrypted request and picks per request', async () => {
  const seen: unknown[] = [];
  server.setFaults((req) => {
    seen.push(req.json);
    return req.operation === 'GET v3/facemch/users/{face_sid}' ? { name: 'server-error', status: 502 } : undefined;
  });
  expect((await signed(server.url, merchant, 'GET', FACE)).status).toBe(502);
  expect((await issue()).status).toBe(200);
  expect(seen[1]).toMatchObject({ name: '王五', mobile: '13700000000' });
});

test('faults never hide a rejection: a bad request gets its honest error', async () => {
  server.setFaults('no-content');
  const r = await signed(server.url, merchant, 'POST', ISSUE, { ...body(), cert_no: 'plaintext' }, { 'Wechatpay-Serial': keys.publicKeyId });
  expect(r.status).toBe(400);
  expect(server.received.at(-1)?.fault).toBeUndefined();
});

test('an unknown fault name is a 400 on X-Mock-Fault, and a TypeError from setFaults', async () => {
  const r = await issue('explode');
  expect(r.status).toBe(400);
  expect(JSON.parse(r.text)).toMatchObject({ code: 'PARAM_ERROR', detail: { field: 'X-Mock-Fault', location: 'header' } });
  expect(() => server.setFaults('explode' as FaultInput)).toThrow(TypeError);
  expect(() => server.setFaults({ name: 'slow', delayMs: -1 })).toThrow(/delayMs/);
});

/** A request whose outcome is a transport event rather than a response. */
function transport(fault: string, opts: { abortAfterHeadersMs?: number } = {}): Promise<{ headers?: number; error?: string; bodyBytes: number }> {
  const payload = JSON.stringify(body());
  return new Promise((resolve) => {
    let bodyBytes = 0;
    let status: number | undefined;
    const req = request({
      host: '127.0.0.1', port: server.port, method: 'POST', path: ISSUE, agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)), 'Wechatpay-Serial': keys.publicKeyId, 'X-Mock-Fault': fault, Authorization: authorization(merchant, 'POST', ISSUE, payload) },
    }, (res) => {
      status = res.statusCode;
      res.on('data', (c: Buffer) => { bodyBytes += c.length; });
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ headers: status, error: e.code ?? e.message, bodyBytes }));
      res.on('aborted', () => resolve({ headers: status, error: 'aborted', bodyBytes }));
      res.on('end', () => resolve({ headers: status, bodyBytes }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ...(status !== undefined ? { headers: status } : {}), error: e.code ?? e.message, bodyBytes }));
    if (opts.abortAfterHeadersMs !== undefined) setTimeout(() => req.destroy(new Error('client gave up')), opts.abortAfterHeadersMs);
    req.end(payload);
  });
}

test('reset: the connection breaks mid-body', async () => {
  const r = await transport('reset');
  expect(r.headers).toBe(200);
  expect(r.error).toMatch(/ECONNRESET|aborted/);
  expect(r.bodyBytes).toBeLessThan(Buffer.byteLength(EXAMPLE));
});

test('slow: a client that gives up leaves nothing pending, and the log says so', async () => {
  const r = await transport('slow=60000', { abortAfterHeadersMs: 50 });
  expect(r.error).toBe('client gave up');
  for (let i = 0; i < 100 && !lines.at(-1)?.includes('left before the answer'); i++) await new Promise((res) => setTimeout(res, 10));
  expect(lines.at(-1)).toMatch(/\[fault slow\] \(the client left before the answer\)$/);
});

test('close() does not wait for a pending slow answer', async () => {
  const other = await startMockServer({ model, keys, faults: { name: 'slow', delayMs: 60_000 } });
  const pending = signed(other.url, merchant, 'POST', ISSUE, body(), { 'Wechatpay-Serial': keys.publicKeyId }).then(() => 'answered', () => 'dropped');
  for (let i = 0; i < 200 && other.received.length === 0; i++) await new Promise((res) => setTimeout(res, 5));
  await other.close();
  await other.close();
  expect(await pending).toBe('dropped');
});
