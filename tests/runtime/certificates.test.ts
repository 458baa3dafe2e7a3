/**
 * Platform certificates in the runtime: the wechatpay-java vector (TestConfig
 * DOWNLOAD_CERTIFICATE_RESPONSE decrypts with its API_V3_KEY to the certificate 5DEA10EF…27EC),
 * checked against node:crypto's own AES-GCM and X509Certificate; and the store's expiry rules
 * with an injected clock and a canned, hand-signed answer (no timers waited on).
 */
import * as crypto from 'node:crypto';
import { inspect } from 'node:util';
import { decryptCertificates, fetchCertificates, PlatformStore } from '../../templates/runtime/certificates';
import type { CertificateFetchContext } from '../../templates/runtime/certificates';
import { DecryptionError, SignatureError } from '../../templates/runtime/errors';
import type { ClientContext } from '../../templates/runtime/request';
import type { WireResponse } from '../../templates/runtime/transport';
import { createCertificate } from '../../mock/x509';
import { JAVA_API_V3_KEY, JAVA_CERTIFICATE } from './aes-vectors';
import { MCHID, MERCHANT_PRIVATE, MERCHANT_SERIAL, signResponse } from './support';

const answer = {
  data: [{
    effective_time: JAVA_CERTIFICATE.effectiveTime,
    encrypt_certificate: { algorithm: JAVA_CERTIFICATE.algorithm, associated_data: JAVA_CERTIFICATE.associatedData, ciphertext: JAVA_CERTIFICATE.ciphertext, nonce: JAVA_CERTIFICATE.nonce },
    expire_time: JAVA_CERTIFICATE.expireTime,
    serial_no: JAVA_CERTIFICATE.serial,
  }],
};
const apiV3Key = crypto.createSecretKey(Buffer.from(JAVA_API_V3_KEY, 'ascii'));

/** node:crypto directly: AES-256-GCM with the tag at the end of the ciphertext. */
function independentDecrypt(): string {
  const data = Buffer.from(JAVA_CERTIFICATE.ciphertext, 'base64');
  const d = crypto.createDecipheriv('aes-256-gcm', Buffer.from(JAVA_API_V3_KEY), Buffer.from(JAVA_CERTIFICATE.nonce));
  d.setAAD(Buffer.from(JAVA_CERTIFICATE.associatedData));
  d.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
}

describe('the wechatpay-java /v3/certificates vector', () => {
  it('decrypts with API_V3_KEY to the certificate 5DEA10EF…27EC', () => {
    const [cert, ...rest] = decryptCertificates(answer, apiV3Key);
    expect(rest).toEqual([]);
    expect(cert?.serial).toBe('5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC');
    const x = new crypto.X509Certificate(independentDecrypt());
    expect(x.serialNumber.toUpperCase()).toBe('5DEA10EF55877E3CF6C33255C2E7DEFFF7E427EC');
    expect(cert?.pem.trim()).toBe(x.toString().trim());
    expect(cert?.notAfter).toBe(Date.parse(x.validTo));
    expect(cert).toMatchObject({ effectiveTime: '2023-09-19T23:15:58+08:00', expireTime: '2028-09-17T23:15:58+08:00' });
  });

  it('a wrong APIv3 key, or an altered ciphertext or serial, is a DecryptionError that names the entry, never the key', () => {
    const wrongKey = 'b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb';
    const errors = [
      () => decryptCertificates(answer, crypto.createSecretKey(Buffer.from(wrongKey))),
      () => decryptCertificates({ data: [{ ...answer.data[0], encrypt_certificate: { ...answer.data[0]!.encrypt_certificate, ciphertext: `A${JAVA_CERTIFICATE.ciphertext.slice(1)}` } }] }, apiV3Key),
      () => decryptCertificates({ data: [{ ...answer.data[0], serial_no: '0123' }] }, apiV3Key),
    ].map((f) => { try { f(); } catch (e) { return e; } throw new Error('expected a failure'); });
    for (const e of errors) {
      expect(e).toBeInstanceOf(DecryptionError);
      const text = `${String(e)} ${inspect(e, { showHidden: true })} ${JSON.stringify(e)}`;
      for (const secret of [JAVA_API_V3_KEY, wrongKey, 'BEGIN CERTIFICATE']) expect(text).not.toContain(secret);
    }
    expect((errors[2] as DecryptionError).path).toBe('data[0].serial_no');
  });
});

// ------------------------------------------------------------------ the store, with canned answers

const DAY = 86_400_000;
const now0 = Date.now();

function platformCert(notBefore: number, notAfter: number): { serial: string; pem: string; key: crypto.KeyObject } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serial = crypto.randomBytes(16).toString('hex').toUpperCase().replace(/^[89A-F]/, '4');
  return { serial, key: privateKey, pem: createCertificate({ serial, commonName: 't', notBefore, notAfter, publicKey, signingKey: privateKey }) };
}
const sealed = (pem: string, serial: string) => {
  const nonce = crypto.randomBytes(6).toString('hex');
  const c = crypto.createCipheriv('aes-256-gcm', Buffer.from(JAVA_API_V3_KEY), Buffer.from(nonce));
  c.setAAD(Buffer.from('certificate'));
  const ct = Buffer.concat([c.update(pem), c.final(), c.getAuthTag()]).toString('base64');
  return { serial_no: serial, effective_time: '', expire_time: '', encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', nonce, associated_data: 'certificate', ciphertext: ct } };
};

const live = platformCert(now0 - DAY, now0 + 30 * DAY);
const dead = platformCert(now0 - 400 * DAY, now0 - DAY);

function context(signer: { serial: string; key: crypto.KeyObject }, certs: Map<string, crypto.KeyObject> = new Map()): ClientContext & { calls: number } {
  const body = Buffer.from(JSON.stringify({ data: [sealed(live.pem, live.serial), sealed(dead.pem, dead.serial)] }));
  const ctx = {
    mchid: MCHID, serial: MERCHANT_SERIAL, origin: 'https://api.mch.weixin.qq.com', basePath: '', timeout: 0, userAgent: 't', calls: 0,
    keys: { privateKey: MERCHANT_PRIVATE, certs, defaultSerial: '', apiV3Key },
    transport: async (): Promise<WireResponse> => {
      ctx.calls++;
      const ts = String(Math.floor(Date.now() / 1000));
      const n = 'n'.repeat(32);
      return { status: 200, statusText: 'OK', body, headers: { 'wechatpay-timestamp': ts, 'wechatpay-nonce': n, 'wechatpay-serial': signer.serial, 'wechatpay-signature': signResponse(ts, n, body, signer.key) } };
    },
  };
  return ctx as unknown as ClientContext & { calls: number };
}

describe('PlatformStore', () => {
  it('keeps the certificates beside the configured keys, never an expired one; drops one once it expires', async () => {
    let now = now0;
    const ctx = context(live);
    const store = new PlatformStore(ctx, { background: false }, () => now);
    const list = await store.refresh();
    expect(list.map((c) => c.serial)).toEqual([live.serial]);
    expect(ctx.keys.certs.has(live.serial)).toBe(true);
    expect(ctx.keys.certs.has(dead.serial)).toBe(false);
    now = now0 + 31 * DAY;
    expect(store.list()).toEqual([]);
    expect(ctx.keys.certs.has(live.serial)).toBe(false);
    store.stop();
  });

  it('an answer signed by no known or downloaded certificate is refused, and nothing is kept', async () => {
    const stranger = platformCert(now0 - DAY, now0 + DAY);
    const ctx = context(stranger);
    await expect(fetchCertificates(ctx as CertificateFetchContext)).rejects.toBeInstanceOf(SignatureError);
    const store = new PlatformStore(ctx, undefined);
    await expect(store.refresh()).rejects.toBeInstanceOf(SignatureError);
    expect(ctx.keys.certs.size).toBe(0);
    // Pinned-only: even the genuine signer is refused unless configured.
    await expect(fetchCertificates(context(live) as CertificateFetchContext, { trustDownloaded: false })).rejects.toMatchObject({ reason: 'unknown-serial' });
  });

  it('an unknown serial refreshes at most once per interval; a failed refresh keeps the keys there were', async () => {
    let now = now0;
    const configured = new Map([['PUB_KEY_ID_X', crypto.createPublicKey(MERCHANT_PRIVATE)]]);
    const ctx = context(live, configured);
    const store = new PlatformStore(ctx, { refreshInterval: 3_600_000 }, () => now);
    expect(await store.learn(live.serial)).toBe(true);
    expect(await store.learn('ABCDEF')).toBe(false);
    expect(ctx.calls).toBe(1);
    now += 3_600_000;
    (ctx as { transport: unknown }).transport = async () => { ctx.calls++; throw new Error('down'); };
    expect(await store.learn('ABCDEF')).toBe(false);
    expect(ctx.calls).toBe(2);
    expect([...ctx.keys.certs.keys()].sort()).toEqual(['PUB_KEY_ID_X', live.serial].sort());
    expect(() => new PlatformStore(ctx, { refreshInterval: 60_000 })).toThrow(/1 hour to 24 hours/);
  });
});
