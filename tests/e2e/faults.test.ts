import { generateKeyPairSync } from 'node:crypto';
import { ApiError, createClient, MalformedResponseError, NetworkError, SignatureError, TimeoutError, WxPayError, type WxPayClient } from '../../generated';
import { FAULT_NAMES, type FaultInput, type MockServer } from '../../mock';
import { ENDPOINTS, keys, SECRET, startPair } from './support';

const CLIENT_TIMEOUT = 5000;
/** Per-call timeout of the `slow` case: the answer would come after 60 s. */
const SLOW_CALL_TIMEOUT = 250;
let server: MockServer;
let wxpay: WxPayClient;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => {
  unhandled.push(e);
};
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  ({ server, wxpay } = await startPair(CLIENT_TIMEOUT));
});
afterEach(() => server.setFaults(undefined));
afterAll(async () => {
  await server.close();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

type Expectation = (outcome: { value?: { status: number; data: unknown }; error?: unknown }, requestId: string) => void;
const rejectsWith = (cls: new (...a: never[]) => WxPayError, props: Record<string, unknown>): Expectation => (o) => {
  expect(o.value).toBeUndefined();
  expect(o.error).toBeInstanceOf(cls);
  expect(o.error).toMatchObject(props);
};

const FAULTS: readonly [string, FaultInput, Expectation][] = [
  ['tampered-body', 'tampered-body', rejectsWith(SignatureError, { code: 'signature', reason: 'bad-signature', status: 200 })],
  ['tampered-signature', 'tampered-signature', rejectsWith(SignatureError, { code: 'signature', reason: 'bad-signature' })],
  ['stale-timestamp', 'stale-timestamp', rejectsWith(SignatureError, { code: 'signature', reason: 'stale-timestamp' })],
  ['unknown-serial', 'unknown-serial', rejectsWith(SignatureError, { code: 'signature', reason: 'unknown-serial' })],
  ['signtest', 'signtest', rejectsWith(SignatureError, { code: 'signature', reason: 'probe' })],
  ['server-error', 'server-error', (o, id) => rejectsWith(ApiError, { code: 'api', status: 500, errorCode: 'SYSTEM_ERROR', requestId: id })(o, id)],
  ['server-error=503', { name: 'server-error', status: 503 }, rejectsWith(ApiError, { status: 503, errorCode: 'SYSTEM_ERROR' })],
  ['no-content', 'no-content', (o) => {
    expect(o.error).toBeUndefined();
    expect(o.value).toMatchObject({ status: 204, data: undefined });
  }],
  ['broken-json', 'broken-json', rejectsWith(MalformedResponseError, { code: 'malformed-response', part: 'json', status: 200 })],
  ['slow', { name: 'slow', delayMs: 60_000 }, rejectsWith(TimeoutError, { code: 'timeout' })],
  ['reset', 'reset', rejectsWith(NetworkError, { code: 'network' })],
];

test('every fault the mock offers is covered here', () => {
  expect(new Set(FAULTS.map(([, f]) => (typeof f === 'string' ? f : f.name)))).toEqual(new Set(FAULT_NAMES));
});

describe.each(ENDPOINTS.map((e) => [e.id, e] as const))('%s', (_, endpoint) => {
  test.each(FAULTS)('%s → the client\'s typed error', async (name, fault, expectation) => {
    server.setFaults(fault);
    const args = name === 'slow' ? { ...(endpoint.args as object), timeout: SLOW_CALL_TIMEOUT } : endpoint.args;
    const outcome: { value?: { status: number; data: unknown }; error?: unknown } = await endpoint.call.brackets(wxpay, args).then((value) => ({ value }), (error: unknown) => ({ error }));
    const rec = server.received.at(-1);
    expect(rec).toMatchObject({ verdict: 'ok', fault: name.split('=')[0] });
    expectation(outcome, rec?.requestId ?? '');
    // No error carries a sensitive plaintext or key material.
    const text = JSON.stringify(outcome.error ?? null) + String((outcome.error as Error | undefined)?.message ?? '');
    for (const s of Object.values(SECRET)) expect(text).not.toContain(s);
    expect(text).not.toMatch(/PRIVATE KEY/);
  });
});

describe('the mock\'s rejections arrive as ApiError with WeChat Pay\'s body', () => {
  const [, authcode, facemch] = ENDPOINTS;
  if (!authcode || !facemch) throw new Error('endpoints expected');

  test('a client holding another merchant key → 401 SIGN_ERROR', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const client = createClient({ ...server.clientOptions(), privateKey: other.privateKey, timeout: CLIENT_TIMEOUT });
    const error: unknown = await facemch.call.chain(client, facemch.args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, errorCode: 'SIGN_ERROR', requestId: server.received.at(-1)?.requestId });
  });

  test('a client naming another WeChat Pay key id → 400 PARAM_ERROR on Wechatpay-Serial', async () => {
    const client = createClient({ ...server.clientOptions(), certs: { PUB_KEY_ID_0114232134912410000000000000: keys.wechatpayPublicKey }, timeout: CLIENT_TIMEOUT });
    const error: unknown = await authcode.call.chain(client, authcode.args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, errorCode: 'PARAM_ERROR', detail: { field: 'Wechatpay-Serial', location: 'header' } });
  });

  test('a missing required field the client did not check (validate: false) → 400 PARAM_ERROR naming it', async () => {
    const client = createClient({ ...server.clientOptions(), validate: false, timeout: CLIENT_TIMEOUT });
    const { cert_no: _, ...json } = (authcode.args as { json: Record<string, unknown> }).json;
    const error: unknown = await client.v3.gov.subsidy.zhejiang.authcode.issue.post({ json } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, errorCode: 'PARAM_ERROR', detail: { field: '/cert_no', issue: 'is required but missing', location: 'body' } });
  });
});
