/** The mock's order routes (prepay_id), with hand-signed raw requests. */
import { startMockServer, type MockServer } from '../../mock';
import { responseVerifies, signed } from './helpers';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ keys: {} });
});
afterAll(() => server.close());
const signer = () => ({ mchid: server.keys.mchid, serial: server.keys.serial, privateKey: server.keys.merchantPrivateKey });

describe('order routes', () => {
  it.each(['/v3/pay/transactions/jsapi', '/v3/pay/transactions/app', '/v3/pay/partner/transactions/jsapi'])('POST %s answers a signed { prepay_id }', async (path) => {
    const res = await signed(server.url, signer(), 'POST', path, { appid: 'wx1', mchid: server.keys.mchid });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ prepay_id: expect.stringMatching(/^wx\w{10,}$/) });
    expect(responseVerifies(res, server.keys.wechatpayPublicKey)).toBe(true);
    expect(server.received.at(-1)).toMatchObject({ verdict: 'ok', operation: `POST ${path.slice(1)}` });
  });

  it('checks the signature like every route', async () => {
    const res = await signed(server.url, { ...signer(), mchid: '1234' }, 'POST', '/v3/pay/transactions/jsapi', {});
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text).code).toBe('SIGN_ERROR');
  });
});
