/**
 * `wxpay.request`: the raw signed call, against the mock over 127.0.0.1. The mock checks the
 * signature, decrypts the fields the spec marks sensitive, and signs its answers; the raw call
 * must meet it exactly as a generated method does.
 */
import { ApiError, SignatureError, ValidationError } from '../../generated';
import type { MockServer } from '../../mock';
import type { WxPayClient } from '../../generated';
import { SECRET, startPair } from './support';

let server: MockServer;
let wxpay: WxPayClient;

beforeAll(async () => {
  ({ server, wxpay } = await startPair());
});
afterAll(() => server.close());
afterEach(() => server.setFaults(undefined));

const passthrough = {
  real_name: SECRET.realName, id_card_number: SECRET.idCard, phone_number: SECRET.phone,
  qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD',
};

describe('wxpay.request', () => {
  it('signs a GET by path; the answer is verified and parsed', async () => {
    const res = await wxpay.request({ method: 'get', path: '/v3/edu-papay/user/o123/contracts', query: { appid: 'wx8888888888888888', plan_id: '1' } });
    expect(res.status).toBe(200);
    expect(server.received.at(-1)).toMatchObject({ verdict: 'ok', operation: 'GET v3/edu-papay/user/{openid}/contracts', params: { openid: 'o123' } });
    expect((res.data as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it('encrypts the fields it is told to: the mock decrypts them, the wire never carries them', async () => {
    const before = server.wire().length;
    await wxpay.request({
      method: 'POST', path: '/v3/gov/subsidy/qualifications/passthrough/query', json: passthrough,
      encrypt: ['/real_name', '/id_card_number', { in: 'body', pointer: '/phone_number' }],
    });
    const rec = server.received.at(-1);
    expect(rec).toMatchObject({ verdict: 'ok', decrypted: true, json: passthrough });
    expect(rec?.headers['wechatpay-serial']).toBe(server.keys.publicKeyId);
    const wire = server.wire().subarray(before);
    for (const s of [SECRET.realName, SECRET.idCard, SECRET.phone]) expect(wire.includes(Buffer.from(s))).toBe(false);
  });

  it('without encrypt, the sensitive fields go as given (the mock rejects the plaintext)', async () => {
    const err = await wxpay.request({ method: 'POST', path: '/v3/gov/subsidy/qualifications/passthrough/query', json: passthrough }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
  });

  it('decrypts the response fields it is told to', async () => {
    const res = await wxpay.request({
      method: 'GET', url: `${server.url}/v3/facemch/users/sid1?info_type=ASK_REAL_NAME&appid=wx2b029c08a6233333`,
      decrypt: ['/real_name_info/encrypted_real_name', '/real_name_info/encrypted_credential_id'],
    });
    const sent = server.received.at(-1)?.response?.data as { real_name_info: Record<string, unknown> };
    expect((res.data as { real_name_info: unknown }).real_name_info).toEqual(sent.real_name_info);
  });

  it('gives the same typed errors: an unknown endpoint is the mock\'s 404, a tampered answer a SignatureError', async () => {
    const err = await wxpay.request({ method: 'GET', path: '/v3/not/there' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    server.setFaults('tampered-body');
    await expect(wxpay.request({ method: 'GET', path: '/v3/edu-papay/user/o/contracts', query: { appid: 'wx8888888888888888', plan_id: '1' } })).rejects.toBeInstanceOf(SignatureError);
  });

  it('never signs a request to a host that is neither the client\'s nor WeChat Pay\'s', async () => {
    const n = server.received.length;
    for (const url of ['https://evil.example/v3/x', 'http://api.mch.weixin.qq.com/v3/x', 'https://api.mch.weixin.qq.com.evil.example/v3/x', 'http://127.0.0.1:1/v3/x']) {
      const err = await wxpay.request({ method: 'GET', url }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
    }
    expect(server.received.length).toBe(n);
  });

  it('a URL on the default WeChat Pay host goes to baseURL, like every call', async () => {
    await wxpay.request({ method: 'GET', url: 'https://api.mch.weixin.qq.com/v3/edu-papay/user/o9/contracts?appid=wx8888888888888888&plan_id=1' });
    expect(server.received.at(-1)).toMatchObject({ verdict: 'ok', params: { openid: 'o9' } });
  });

  it('checks its own arguments before signing', async () => {
    const bad: Parameters<WxPayClient['request']>[0][] = [
      { method: 'TRACE', path: '/v3/x' },
      { method: 'GET' },
      { method: 'GET', path: '/v3/x', url: `${server.url}/v3/x` },
      { method: 'GET', path: 'v3/x' },
      { method: 'GET', path: '/v3/x', json: {} },
      { method: 'GET', url: `${server.url}/v3/x?a=1`, query: { b: 2 } },
      { method: 'POST', path: '/v3/x', json: {}, encrypt: ['no-slash'] },
      { method: 'POST', path: '/v3/x', json: {}, decrypt: [{ in: 'query', pointer: '/a' } as unknown as string] },
    ];
    for (const args of bad) await expect(wxpay.request(args)).rejects.toBeInstanceOf(ValidationError);
  });
});
