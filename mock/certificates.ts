/**
 * Platform certificates, as WeChat Pay serves them. In the public-key mode (the default, as for
 * merchants without platform certificates) `GET /v3/certificates` answers 404
 * RESOURCE_NOT_EXISTS. In the certificates mode (`platformCertificates: true`) it answers
 * `data[]` of every certificate, each PEM sealed with AEAD_AES_256_GCM under the APIv3 key, and
 * every answer of the mock is signed by the newest certificate (`Wechatpay-Serial` its serial).
 * `rotate()` (MockServer.rotateCertificate) adds a new certificate with a new key, effective at
 * once: answers are signed by it from then on; the older ones stay listed until they expire.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { aesGcmEncrypt, makeNonce } from './crypto';
import type { ExtraRoute } from './extra';
import { jsonReply } from './extra';
import { createCertificate } from './x509';

const YEAR = 365 * 24 * 3_600_000;

export interface MockCertificate {
  /** Upper-case hex. */
  readonly serial: string;
  readonly pem: string;
  readonly privateKey: KeyObject;
  readonly notBefore: number;
  readonly notAfter: number;
}

/** The signer of answers: a key and the serial put in `Wechatpay-Serial`. */
export interface AnswerSigner {
  readonly key: KeyObject;
  readonly serial: string;
}

/** WeChat Pay's time format: `2026-12-01T18:00:00+08:00`. */
function beijing(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export class MockPlatform {
  readonly enabled: boolean;
  private readonly list: MockCertificate[] = [];
  private readonly clock: () => number;

  /** `firstKey`: the first certificate's key pair (the mock's WeChat Pay key, so field decryption keeps working). */
  constructor(enabled: boolean, firstKeyPem: string, clock: () => number) {
    this.enabled = enabled;
    this.clock = clock;
    if (enabled) this.add(createPrivateKey(firstKeyPem));
  }

  certificates(): readonly MockCertificate[] {
    return this.list;
  }

  /** The newest certificate (the one answers are signed by). */
  current(): MockCertificate | undefined {
    return this.list.at(-1);
  }

  keyFor(serial: string | undefined): KeyObject | undefined {
    return serial === undefined ? undefined : this.list.find((c) => c.serial === serial)?.privateKey;
  }

  /** A new certificate with a new key, effective now. */
  rotate(): MockCertificate {
    if (!this.enabled) throw new Error('rotateCertificate: the mock runs in the public-key mode (start it with platformCertificates: true)');
    return this.add(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  }

  private add(privateKey: KeyObject): MockCertificate {
    const now = this.clock();
    // a positive DER INTEGER in minimal form: no high bit in the first byte (that would need a 0x00 pad) and no
    // leading 0x00 byte (an "illegal padding" X509Certificate refuses: about one random serial in 512 before)
    const serial = randomBytes(20).toString('hex').toUpperCase().replace(/^[089A-F]/, '5');
    const notBefore = now - 60_000;
    const notAfter = now + 5 * YEAR;
    const pem = createCertificate({ serial, commonName: 'Tenpay.com sign', notBefore, notAfter, publicKey: createPublicKey(privateKey), signingKey: privateKey });
    const cert = { serial, pem, privateKey, notBefore, notAfter };
    this.list.push(cert);
    return cert;
  }
}

/** `GET /v3/certificates` of one server. */
export function certificatesRoute(platform: MockPlatform, apiV3Key: string): ExtraRoute {
  return (_ctx, req) => {
    if (req.path !== '/v3/certificates' || req.method !== 'GET') return undefined;
    if (!platform.enabled) {
      return {
        status: 404,
        body: { code: 'RESOURCE_NOT_EXISTS', message: '无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥。' },
        reason: 'the merchant has no platform certificate (public-key mode)',
      };
    }
    const data = platform.certificates().map((c) => {
      const nonce = makeNonce().slice(0, 12);
      return {
        serial_no: c.serial,
        effective_time: beijing(c.notBefore),
        expire_time: beijing(c.notAfter),
        encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', nonce, associated_data: 'certificate', ciphertext: aesGcmEncrypt(c.pem, apiV3Key, nonce, 'certificate') },
      };
    });
    return { operation: 'GET v3/certificates', reply: jsonReply(200, { data }) };
  };
}
