/** The mock's bill routes, with hand-signed raw requests: signed answers, then an unsigned file whose SHA1 (before gzip) is the hash_value. */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { startMockServer, type MockServer } from '../../mock';
import { rawRequest, responseVerifies, signed } from './helpers';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ keys: {} });
});
afterAll(() => server.close());
const signer = () => ({ mchid: server.keys.mchid, serial: server.keys.serial, privateKey: server.keys.merchantPrivateKey });

describe('bill routes', () => {
  it('tradebill → signed { hash_type, hash_value, download_url } → the gzip file, unsigned, its SHA1 after gunzip', async () => {
    const res = await signed(server.url, signer(), 'GET', '/v3/bill/tradebill?bill_date=2026-11-30&bill_type=ALL&tar_type=GZIP');
    expect(res.status).toBe(200);
    expect(responseVerifies(res, server.keys.wechatpayPublicKey)).toBe(true);
    const bill = JSON.parse(res.text) as { hash_type: string; hash_value: string; download_url: string };
    expect(bill.hash_type).toBe('SHA1');
    const url = new URL(bill.download_url);
    expect(url.origin).toBe(server.url);
    expect(url.searchParams.get('tartype')).toBe('GZIP');
    const file = await signed(server.url, signer(), 'GET', url.pathname + url.search);
    expect(file.status).toBe(200);
    expect(file.headers['wechatpay-signature']).toBeUndefined();
    const plain = gunzipSync(file.body);
    expect(createHash('sha1').update(plain).digest('hex')).toBe(bill.hash_value);
    expect(plain.toString('utf8')).toMatch(/^交易时间,/);
  });

  it('checks the signature of the download, and the bill_date', async () => {
    const res = await signed(server.url, signer(), 'GET', '/v3/bill/tradebill?bill_date=2026-11-30');
    const url = new URL((JSON.parse(res.text) as { download_url: string }).download_url);
    const unsignedFile = await rawRequest(server.url, { method: 'GET', url: url.pathname + url.search });
    expect(unsignedFile.status).toBe(401);
    const bad = await signed(server.url, signer(), 'GET', '/v3/bill/fundflowbill?bill_date=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).code).toBe('PARAM_ERROR');
  });
});
