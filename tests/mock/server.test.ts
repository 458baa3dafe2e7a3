import { generateKeyPairSync } from 'node:crypto';
import { loadSpec } from '../../generator/load';
import { buildModel } from '../../generator/model';
import { prepareKeys, sensitivePlaceholder, startMockServer, type MockServer } from '../../mock';
import { decrypt, encrypt, rawRequest, responseVerifies, signed, type RawResponse, type Signer } from './helpers';

const model = buildModel(loadSpec('specs/wechatpay.yaml'));
const keys = prepareKeys({ mchid: '1900000109' });
const merchant: Signer = { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey };

const ISSUE = '/v3/gov/subsidy/zhejiang/authcode/issue';
const QUERY = '/v3/gov/subsidy/qualifications/passthrough/query';
const PLAIN = { name: '张三', mobile: '13800138000', cert_no: '110101199003071234' };

function issueBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category_id: 'A01',
    name: encrypt(keys.wechatpayPublicKey, PLAIN.name),
    mobile: encrypt(keys.wechatpayPublicKey, PLAIN.mobile),
    add_code: '330000',
    cert_type: '1',
    cert_no: encrypt(keys.wechatpayPublicKey, PLAIN.cert_no),
    req_ssn: 'SSN-1',
    ...overrides,
  };
}
const serialHeader = { 'Wechatpay-Serial': keys.publicKeyId };

const json = (r: RawResponse): Record<string, unknown> => JSON.parse(r.text) as Record<string, unknown>;

let server: MockServer;
const lines: string[] = [];
beforeAll(async () => {
  server = await startMockServer({ model, keys, log: (l) => lines.push(l) });
});
afterAll(() => server.close());

describe('accepted requests', () => {
  test('POST with encrypted fields: received holds the plaintext, answer is the spec example, signed by the WeChat Pay key', async () => {
    const before = server.received.length;
    const res = await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader);
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ resp_code: '0000', resp_desc: '成功', auth_code: 'ZJ20261123000001' });
    expect(res.headers['wechatpay-serial']).toBe(keys.publicKeyId);
    expect(res.headers['request-id']).toMatch(/^MOCK-\d{8}$/);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(responseVerifies(res, keys.wechatpayPublicKey)).toBe(true);
    const rec = server.received[before];
    expect(rec).toMatchObject({ method: 'POST', operation: 'POST v3/gov/subsidy/zhejiang/authcode/issue', path: ISSUE, status: 200, verdict: 'ok', decrypted: true });
    expect(rec?.json).toEqual({ ...issueBody(), ...PLAIN, name: PLAIN.name, mobile: PLAIN.mobile, cert_no: PLAIN.cert_no });
    expect(rec?.body).not.toContain(PLAIN.cert_no);
    expect(rec?.headers['wechatpay-serial']).toBe(keys.publicKeyId);
    expect(rec?.response?.data).toEqual(json(res));
  });

  test('the bytes on the wire carry ciphertext only', async () => {
    const secret = '440300199912310000';
    await signed(server.url, merchant, 'POST', ISSUE, issueBody({ cert_no: encrypt(keys.wechatpayPublicKey, secret) }), serialHeader);
    expect(server.received.at(-1)?.json).toMatchObject({ cert_no: secret });
    expect(server.wire().includes(Buffer.from(secret))).toBe(false);
    expect(server.wire().includes(Buffer.from(`POST ${ISSUE} HTTP/1.1`))).toBe(true);
  });

  test('GET with encrypted response fields: they decrypt with the merchant private key', async () => {
    const url = '/v3/facemch/users/aabbccdd12345?info_type=ASK_REAL_NAME&appid=wx2b029c08a6233333';
    const res = await signed(server.url, merchant, 'GET', url);
    expect(res.status).toBe(200);
    expect(responseVerifies(res, keys.wechatpayPublicKey)).toBe(true);
    const body = json(res) as { real_name_info: Record<string, string>; union_id: string };
    expect(decrypt(keys.merchantPrivateKey, body.real_name_info['encrypted_real_name'] ?? '')).toBe(sensitivePlaceholder('encrypted_real_name'));
    expect(decrypt(keys.merchantPrivateKey, body.real_name_info['encrypted_credential_id'] ?? '')).toBe(sensitivePlaceholder('encrypted_credential_id'));
    expect(body.real_name_info['credential_type']).toBe(1);
    const rec = server.received.at(-1);
    expect(rec?.params).toEqual({ face_sid: 'aabbccdd12345' });
    expect(rec?.query).toEqual({ info_type: 'ASK_REAL_NAME', appid: 'wx2b029c08a6233333' });
    expect(rec?.response?.data).toMatchObject({ real_name_info: { encrypted_real_name: sensitivePlaceholder('encrypted_real_name') } });
  });

  test('percent-encoded path parameters are decoded and typed query values coerced; answers are deterministic', async () => {
    const url = '/v3/edu-papay/user/o%2BUp%20F8/contracts?appid=wx8888888888888888&plan_id=101164396123311331&offset=0&limit=20';
    const a = await signed(server.url, merchant, 'GET', url);
    const b = await signed(server.url, merchant, 'GET', url);
    expect(a.status).toBe(200);
    expect(a.text).toBe(b.text);
    expect(server.received.at(-1)).toMatchObject({ params: { openid: 'o+Up F8' }, query: { offset: 0, limit: 20, plan_id: '101164396123311331' } });
    expect(json(a)).toEqual({
      data: [{ sp_mchid: '1900000108', appid: 'wx8888888888888888', sub_mchid: '1900000109', sub_appid: 'wx8888888888888888', openid: 'oUpF8uMuAJOM2pxb1Q', sub_openid: 'oUpF8uMuAJOM2pxb1Q', plan_id: '101164396123311331', contract_information: { contract_id: 'wxcs10003003000001', contract_status: 'ADD', create_time: '2026-11-23T10:34:56+08:00' } }],
      total_count: 1,
      offset: 0,
      limit: 20,
    });
  });
});

describe('rejections, each with WeChat Pay\'s error body', () => {
  test('a request signed with the wrong key → 401 SIGN_ERROR', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const res = await signed(server.url, { ...merchant, privateKey: other.privateKey }, 'POST', ISSUE, issueBody(), serialHeader);
    expect(res.status).toBe(401);
    expect(json(res)).toEqual({ code: 'SIGN_ERROR', message: expect.stringContaining('signature does not verify') });
    expect(server.received.at(-1)).toMatchObject({ verdict: 'SIGN_ERROR', decrypted: false });
    expect(responseVerifies(res, keys.wechatpayPublicKey)).toBe(true);
  });

  test.each([
    ['stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 301 }, 'timestamp is more than 300 s'],
    ['future timestamp', { timestamp: Math.floor(Date.now() / 1000) + 400 }, 'timestamp is more than 300 s'],
  ])('%s → 401 SIGN_ERROR', async (_, opts, message) => {
    const res = await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader, opts);
    expect(res.status).toBe(401);
    expect(json(res)).toEqual({ code: 'SIGN_ERROR', message: expect.stringContaining(message) });
  });

  test.each([
    ['no Authorization', undefined, 'Authorization header is missing'],
    ['another scheme', 'Bearer abc', 'scheme must be WECHATPAY2-SHA256-RSA2048'],
    ['garbled parameters', 'WECHATPAY2-SHA256-RSA2048 mchid=1900', 'key="value" pairs'],
    ['missing serial_no', 'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",signature="s",timestamp="1"', 'serial_no is missing'],
  ])('%s → 401 SIGN_ERROR', async (_, header, message) => {
    const res = await rawRequest(server.url, { method: 'GET', url: '/v3/facemch/users/x?info_type=ASK_UNIONID&appid=wx1', headers: header ? { Authorization: header } : {} });
    expect(res.status).toBe(401);
    expect(json(res)).toEqual({ code: 'SIGN_ERROR', message: expect.stringContaining(message) });
  });

  test('another mchid, another serial, a signature over another URL → 401 SIGN_ERROR', async () => {
    const url = '/v3/facemch/users/x?info_type=ASK_UNIONID&appid=wx1';
    expect((await signed(server.url, { ...merchant, mchid: '1900000001' }, 'GET', url)).status).toBe(401);
    expect(json(await signed(server.url, { ...merchant, serial: 'ABC' }, 'GET', url)).message).toContain('serial_no');
    const { authorization } = await import('./helpers');
    const res = await rawRequest(server.url, { method: 'GET', url: `${url}&sub_mchid=1`, headers: { Authorization: authorization(merchant, 'GET', url, '') } });
    expect(res.status).toBe(401);
  });

  test('a missing required body field → 400 PARAM_ERROR naming it', async () => {
    const body = issueBody();
    delete body['cert_no'];
    const res = await signed(server.url, merchant, 'POST', ISSUE, body, serialHeader);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ code: 'PARAM_ERROR', message: expect.stringContaining('/cert_no'), detail: { field: '/cert_no', issue: 'is required but missing', location: 'body' } });
  });

  test('a plaintext where ciphertext belongs → 400 PARAM_ERROR, the plaintext echoed nowhere', async () => {
    const res = await signed(server.url, merchant, 'POST', ISSUE, issueBody({ mobile: PLAIN.mobile }), serialHeader);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ code: 'PARAM_ERROR', message: expect.any(String), detail: { field: '/mobile', issue: expect.stringContaining('ciphertext'), location: 'body' } });
    expect(res.text).not.toContain(PLAIN.mobile);
    expect(lines.at(-1)).not.toContain(PLAIN.mobile);
    expect(server.received.at(-1)).toMatchObject({ verdict: 'PARAM_ERROR', decrypted: false });
  });

  test('ciphertext made with another key → 400 PARAM_ERROR', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const res = await signed(server.url, merchant, 'POST', QUERY, {
      real_name: encrypt(keys.wechatpayPublicKey, '李四'),
      id_card_number: encrypt(other.publicKey, '110101199003071234'),
      phone_number: encrypt(keys.wechatpayPublicKey, '13900000000'),
      qualification_region_code: 310100,
      identity_document_type: 'ID_DOC_TYPE_ID_CARD',
    }, serialHeader);
    expect(res.status).toBe(400);
    expect(json(res)['detail']).toEqual({ field: '/id_card_number', issue: expect.any(String), location: 'body' });
  });

  test.each([
    ['missing', {}, 'is required but missing'],
    ['another key id', { 'Wechatpay-Serial': 'PUB_KEY_ID_0000' }, 'must name the WeChat Pay public key'],
  ])('Wechatpay-Serial %s → 400 PARAM_ERROR on the header', async (_, headers, issue) => {
    const res = await signed(server.url, merchant, 'POST', ISSUE, issueBody(), headers);
    expect(res.status).toBe(400);
    expect(json(res)['detail']).toMatchObject({ field: 'Wechatpay-Serial', issue: expect.stringContaining(issue), location: 'header' });
  });

  test.each([
    ['an enum value not in the spec', '/v3/facemch/users/x?info_type=ASK_ALL&appid=wx1', { field: 'info_type', value: 'ASK_ALL', issue: 'must be one of ASK_UNIONID, ASK_REAL_NAME', location: 'query' }],
    ['a missing required query parameter', '/v3/facemch/users/x?info_type=ASK_UNIONID', { field: 'appid', issue: 'is required but missing', location: 'query' }],
    ['a non-integer', '/v3/edu-papay/user/o1/contracts?appid=wx1&plan_id=1&offset=abc', { field: 'offset', value: 'abc', issue: 'must be an integer, found a string', location: 'query' }],
    ['a repeated parameter', '/v3/edu-papay/user/o1/contracts?appid=wx1&appid=wx2&plan_id=1', { field: 'appid', issue: 'is given more than once', location: 'query' }],
  ])('%s → 400 PARAM_ERROR', async (_, url, detail) => {
    const res = await signed(server.url, merchant, 'GET', url);
    expect(res.status).toBe(400);
    expect(json(res)).toEqual({ code: 'PARAM_ERROR', message: expect.any(String), detail });
  });

  test.each([
    ['a wrong type in the body', { qualification_region_code: '310100' }, { field: '/qualification_region_code', value: '310100', issue: 'must be a number, found a string', location: 'body' }],
    ['a wrong enum in the body', { identity_document_type: 'PASSPORT' }, { field: '/identity_document_type', value: 'PASSPORT', issue: expect.stringContaining('must be one of'), location: 'body' }],
  ])('%s → 400 PARAM_ERROR', async (_, overrides, detail) => {
    const res = await signed(server.url, merchant, 'POST', QUERY, {
      real_name: encrypt(keys.wechatpayPublicKey, '李四'),
      id_card_number: encrypt(keys.wechatpayPublicKey, '110101199003071234'),
      phone_number: encrypt(keys.wechatpayPublicKey, '13900000000'),
      qualification_region_code: 310100,
      identity_document_type: 'ID_DOC_TYPE_ID_CARD',
      ...overrides,
    }, serialHeader);
    expect(json(res)).toEqual({ code: 'PARAM_ERROR', message: expect.any(String), detail });
  });

  test('a body that is not JSON, or no body → 400 PARAM_ERROR', async () => {
    const { authorization } = await import('./helpers');
    const bad = '{"category_id":';
    const res = await rawRequest(server.url, { method: 'POST', url: ISSUE, body: bad, headers: { 'Content-Type': 'application/json', Authorization: authorization(merchant, 'POST', ISSUE, bad), ...serialHeader } });
    expect(json(res)).toMatchObject({ code: 'PARAM_ERROR', detail: { issue: 'is not valid JSON', location: 'body' } });
    const none = await signed(server.url, merchant, 'POST', ISSUE, undefined, serialHeader);
    expect(json(none)).toMatchObject({ code: 'PARAM_ERROR', detail: { issue: 'the JSON request body is required' } });
  });

  test('an unknown path → 404, a known path with another method → 405 with Allow', async () => {
    const nf = await signed(server.url, merchant, 'GET', '/v3/nothing/here');
    expect(nf.status).toBe(404);
    expect(json(nf)['code']).toBe('RESOURCE_NOT_EXISTS');
    const na = await signed(server.url, merchant, 'DELETE', ISSUE);
    expect(na.status).toBe(405);
    expect(na.headers['allow']).toBe('POST');
    expect(json(na)['code']).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('log', () => {
  test('one line per request: method, path, status, verdict — never a key or a plaintext', async () => {
    const start = lines.length;
    await signed(server.url, merchant, 'POST', ISSUE, issueBody(), serialHeader);
    await signed(server.url, merchant, 'GET', '/v3/facemch/users/x?info_type=NOPE&appid=wx1');
    expect(lines.slice(start)).toEqual([
      `POST ${ISSUE} 200 ok`,
      'GET /v3/facemch/users/{face_sid} 400 PARAM_ERROR (query parameter info_type must be one of ASK_UNIONID, ASK_REAL_NAME)',
    ]);
    const all = lines.join('\n');
    for (const secret of [...Object.values(PLAIN), 'PRIVATE KEY', sensitivePlaceholder('encrypted_real_name')]) expect(all).not.toContain(secret);
  });
});
