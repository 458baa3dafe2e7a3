/** The mock's /v3/certificates with hand-signed raw requests, decrypted and verified with node:crypto directly. */
import { createDecipheriv, X509Certificate } from 'node:crypto';
import { startMockServer, type MockServer } from '../../mock';
import { responseVerifies, signed } from './helpers';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ keys: {}, platformCertificates: true });
});
afterAll(() => server.close());
const signer = () => ({ mchid: server.keys.mchid, serial: server.keys.serial, privateKey: server.keys.merchantPrivateKey });

interface Entry { serial_no: string; encrypt_certificate: { algorithm: string; nonce: string; associated_data: string; ciphertext: string } }
function open(e: Entry): X509Certificate {
  const data = Buffer.from(e.encrypt_certificate.ciphertext, 'base64');
  const d = createDecipheriv('aes-256-gcm', Buffer.from(server.keys.apiV3Key), Buffer.from(e.encrypt_certificate.nonce));
  d.setAAD(Buffer.from(e.encrypt_certificate.associated_data));
  d.setAuthTag(data.subarray(data.length - 16));
  return new X509Certificate(Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]));
}

describe('/v3/certificates', () => {
  it('answers the sealed certificates, signed by the newest; a rotation adds one and answers start being signed by it', async () => {
    const r1 = await signed(server.url, signer(), 'GET', '/v3/certificates');
    expect(r1.status).toBe(200);
    const d1 = (JSON.parse(r1.text) as { data: Entry[] }).data;
    expect(d1).toHaveLength(1);
    const c1 = open(d1[0]!);
    expect(c1.serialNumber.toUpperCase()).toBe(d1[0]!.serial_no);
    expect(r1.headers['wechatpay-serial']).toBe(d1[0]!.serial_no);
    expect(responseVerifies(r1, c1.toString())).toBe(true);

    const rotated = server.rotateCertificate();
    const r2 = await signed(server.url, signer(), 'GET', '/v3/certificates');
    const d2 = (JSON.parse(r2.text) as { data: Entry[] }).data;
    expect(d2.map((e) => e.serial_no)).toEqual([d1[0]!.serial_no, rotated.serial]);
    expect(r2.headers['wechatpay-serial']).toBe(rotated.serial);
    expect(responseVerifies(r2, open(d2[1]!).toString())).toBe(true);
    expect(responseVerifies(r2, c1.toString())).toBe(false);
  });

  it('public-key mode: 404 RESOURCE_NOT_EXISTS', async () => {
    const pk = await startMockServer({ keys: {} });
    try {
      const r = await signed(pk.url, { mchid: pk.keys.mchid, serial: pk.keys.serial, privateKey: pk.keys.merchantPrivateKey }, 'GET', '/v3/certificates');
      expect(r.status).toBe(404);
      expect(JSON.parse(r.text).code).toBe('RESOURCE_NOT_EXISTS');
      expect(() => pk.rotateCertificate()).toThrow(/public-key mode/);
    } finally {
      await pk.close();
    }
  });
});
