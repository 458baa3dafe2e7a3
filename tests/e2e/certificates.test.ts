/**
 * Platform certificates end to end against the mock over 127.0.0.1, in both of WeChat Pay's
 * modes: download + decrypt + verify, keeping them beside the configured keys, learning a new
 * certificate after a rotation (once per interval), trust on first use; 404 in the public-key mode.
 */
import { createClient, ApiError, SignatureError } from '../../generated';
import type { WxPayClient } from '../../generated';
import { startMockServer, type MockServer } from '../../mock';
import { keys, model } from './support';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ model, keys, platformCertificates: true });
});
afterAll(() => server.close());

const contracts = (c: WxPayClient) => c.v3.eduPapay.user._openid_.contracts.get({ openid: 'o', query: { appid: 'wx8888888888888888', plan_id: '1' } });
const downloads = () => server.received.filter((r) => r.url === '/v3/certificates').length;

describe('certificates mode', () => {
  it('downloads, keeps, and learns a rotated certificate once per interval', async () => {
    const [first] = server.certificates();
    const wxpay = createClient({ ...server.clientOptions(), platformCertificates: { background: false } });
    expect(Object.keys(server.clientOptions().certs)).toEqual([first!.serial]);
    await contracts(wxpay);
    const list = await wxpay.certificates.download();
    expect(list.map((c) => c.serial)).toEqual([first!.serial]);
    expect(list[0]?.pem).toContain('-----BEGIN CERTIFICATE-----');

    const second = server.rotateCertificate();
    const before = downloads();
    const res = await contracts(wxpay); // signed by the new certificate: unknown serial → one refresh → verified
    expect(res.headers['wechatpay-serial']).toBe(second.serial);
    expect(downloads()).toBe(before + 1);
    expect(wxpay.certificates.list().map((c) => c.serial)).toEqual([first!.serial, second.serial]);

    server.rotateCertificate();
    const err = await contracts(wxpay).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignatureError);
    expect((err as SignatureError).reason).toBe('unknown-serial');
    expect(downloads()).toBe(before + 1); // at most once per interval
    wxpay.certificates.stop();
  });

  it('trust on first use: configured keys that did not sign the answer, the downloaded certificate that did', async () => {
    // Configured: only the public key (not a certificate the answers name), so the first answer's serial is unknown.
    const wxpay = createClient({ ...server.clientOptions(), certs: { [server.keys.publicKeyId]: server.keys.wechatpayPublicKey } });
    await expect(contracts(wxpay)).rejects.toBeInstanceOf(SignatureError);
    const list = await wxpay.certificates.download();
    expect(list.map((c) => c.serial)).toEqual(server.certificates().map((c) => c.serial));
    await expect(contracts(wxpay)).resolves.toMatchObject({ status: 200 });
  });

  it('a failed refresh keeps the keys that work', async () => {
    const wxpay = createClient(server.clientOptions());
    await wxpay.certificates.download();
    server.setFaults((r) => (r.url === '/v3/certificates' ? 'server-error' : undefined));
    try {
      await expect(wxpay.certificates.download()).rejects.toBeInstanceOf(ApiError);
      expect(wxpay.certificates.list().length).toBe(server.certificates().length);
      await expect(contracts(wxpay)).resolves.toMatchObject({ status: 200 });
    } finally {
      server.setFaults(undefined);
    }
  });
});

describe('public-key mode', () => {
  it('GET /v3/certificates is 404 RESOURCE_NOT_EXISTS', async () => {
    const pk = await startMockServer({ model, keys });
    try {
      const wxpay = createClient(pk.clientOptions());
      const err = await wxpay.certificates.download().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 404, errorCode: 'RESOURCE_NOT_EXISTS' });
    } finally {
      await pk.close();
    }
  });
});
