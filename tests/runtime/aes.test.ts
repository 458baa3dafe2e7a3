import { X509Certificate, createCipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { decryptAesGcm } from '../../templates/runtime/crypto';
import { ConfigError, DecryptionError } from '../../templates/runtime/errors';
import { parseApiV3Key } from '../../templates/runtime/keyring';
import { decryptResource } from '../../templates/runtime/resource';
import { aesGcmEncrypt } from '../../mock/crypto';
import { AXIOS_AES_GCM, AXIOS_IV, AXIOS_KEY, GO_AES, JAVA_AEAD, JAVA_API_V3_KEY, JAVA_CERTIFICATE } from './aes-vectors';

const javaKey = Buffer.from(JAVA_API_V3_KEY, 'utf8');

/** node:crypto directly, independent of both the runtime and the mock. */
function sealWithNode(key: Buffer, nonce: string, aad: string, plaintext: Buffer): string {
  const c = createCipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'));
  c.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]).toString('base64');
}

function flipByte(b64: string, index: number): string {
  const bytes = Buffer.from(b64, 'base64');
  const i = index < 0 ? bytes.length + index : index;
  bytes[i] = (bytes[i] as number) ^ 0x01;
  return bytes.toString('base64');
}

describe('decryptAesGcm: published vectors', () => {
  test('wechatpay-java AeadAesCipherTest decrypts to "message"', () => {
    expect(decryptAesGcm(javaKey, JAVA_AEAD.nonce, JAVA_AEAD.associatedData, JAVA_AEAD.ciphertext)).toBe(JAVA_AEAD.plaintext);
  });

  test('wechatpay-java TestConfig platform certificate decrypts to the certificate of DOWNLOAD_CERTIFICATE_SERIAL_NUMBER', () => {
    const pem = decryptAesGcm(javaKey, JAVA_CERTIFICATE.nonce, JAVA_CERTIFICATE.associatedData, JAVA_CERTIFICATE.ciphertext);
    expect(pem).not.toBeNull();
    expect(new X509Certificate(pem as string).serialNumber.toUpperCase()).toBe(JAVA_CERTIFICATE.serial);
  });

  test.each(AXIOS_AES_GCM)('wechatpay-axios-plugin AesGcm: $ciphertext (aad "$aad") → "$plaintext"', (v) => {
    expect(decryptAesGcm(Buffer.from(AXIOS_KEY), AXIOS_IV, v.aad, v.ciphertext)).toBe(v.plaintext);
  });

  test('a secret KeyObject works as the key', () => {
    expect(decryptAesGcm(createSecretKey(javaKey), JAVA_AEAD.nonce, JAVA_AEAD.associatedData, JAVA_AEAD.ciphertext)).toBe('message');
  });

  test('wechatpay-go utils/aes_test: its 16-byte key is AES-128, never an APIv3 key: refused', () => {
    expect(decryptAesGcm(Buffer.from(GO_AES.key), GO_AES.nonce, GO_AES.associatedData, GO_AES.ciphertext)).toBeNull();
  });
});

describe('decryptAesGcm: the tag is checked', () => {
  const v = JAVA_AEAD;
  test.each([
    ['a flipped tag byte', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, flipByte(v.ciphertext, -1))],
    ['a flipped ciphertext byte', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, flipByte(v.ciphertext, 0))],
    ['other associated data', () => decryptAesGcm(javaKey, v.nonce, 'associatedDatA', v.ciphertext)],
    ['empty associated data', () => decryptAesGcm(javaKey, v.nonce, '', v.ciphertext)],
    ['another nonce', () => decryptAesGcm(javaKey, 'uluk4a9R25RX', v.associatedData, v.ciphertext)],
    ['another key', () => decryptAesGcm(Buffer.from(AXIOS_KEY), v.nonce, v.associatedData, v.ciphertext)],
    ['the tag cut off', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, Buffer.from(v.ciphertext, 'base64').subarray(0, 7).toString('base64'))],
    ['a truncated tag (15 bytes)', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, Buffer.from(v.ciphertext, 'base64').subarray(0, 22).toString('base64'))],
    ['empty ciphertext', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, '')],
    ['base64 with whitespace', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, ` ${v.ciphertext}`)],
    ['base64url', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, v.ciphertext.replace(/\+/g, '-').replace(/\//g, '_'))],
    ['base64 without its padding', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, v.ciphertext.replace(/=+$/, ''))],
    ['base64 with one = too many', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, `${v.ciphertext.replace(/=+$/, '')}===`)],
    ['base64 with = inside', () => decryptAesGcm(javaKey, v.nonce, v.associatedData, `${v.ciphertext.slice(0, 4)}=${v.ciphertext.slice(5)}`)],
    ['an empty nonce', () => decryptAesGcm(javaKey, '', v.associatedData, v.ciphertext)],
    ['a 31-byte key', () => decryptAesGcm(javaKey.subarray(0, 31), v.nonce, v.associatedData, v.ciphertext)],
  ])('%s → null', (_name, run) => {
    expect(run()).toBeNull();
  });
});

describe('decryptAesGcm against node:crypto', () => {
  test('random keys, nonces, aad and plaintexts sealed by node:crypto open to the same bytes (bounded loop)', () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      const nonce = randomBytes(6).toString('hex');
      const aad = i % 3 === 0 ? '' : randomBytes(i % 17).toString('hex');
      const plain = Buffer.from(JSON.stringify({ i, s: randomBytes(i * 7).toString('base64'), zh: '支付成功' }), 'utf8');
      expect(decryptAesGcm(key, nonce, aad, sealWithNode(key, nonce, aad, plain))).toBe(plain.toString('utf8'));
    }
  });
});

describe('mock aesGcmEncrypt (the sender side) matches the published vectors', () => {
  test('wechatpay-java AeadAesCipherTest testEncryptToString', () => {
    expect(aesGcmEncrypt(JAVA_AEAD.plaintext, JAVA_API_V3_KEY, JAVA_AEAD.nonce, JAVA_AEAD.associatedData)).toBe(JAVA_AEAD.ciphertext);
  });
  test.each(AXIOS_AES_GCM)('wechatpay-axios-plugin AesGcm.encrypt("$plaintext", aad "$aad")', (v) => {
    expect(aesGcmEncrypt(v.plaintext, AXIOS_KEY, AXIOS_IV, v.aad)).toBe(v.ciphertext);
  });
});

describe('decryptResource', () => {
  const key = createSecretKey(javaKey);
  const good = { algorithm: 'AEAD_AES_256_GCM', ciphertext: JAVA_AEAD.ciphertext, nonce: JAVA_AEAD.nonce, associated_data: JAVA_AEAD.associatedData };

  test('decrypts a WeChat Pay resource', () => {
    expect(decryptResource(key, good, 'resource')).toBe('message');
    expect(
      decryptResource(key, { algorithm: 'AEAD_AES_256_GCM', ciphertext: JAVA_CERTIFICATE.ciphertext, nonce: JAVA_CERTIFICATE.nonce, associated_data: 'certificate' }, 'data[0].encrypt_certificate'),
    ).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  test('no associated_data means empty aad', () => {
    const k = randomBytes(32);
    const c = sealWithNode(k, 'abcdefghijkl', '', Buffer.from('{"a":1}'));
    expect(decryptResource(createSecretKey(k), { algorithm: 'AEAD_AES_256_GCM', ciphertext: c, nonce: 'abcdefghijkl' }, 'resource')).toBe('{"a":1}');
  });

  test.each([
    ['not an object', 'x', /not an object/],
    ['another algorithm', { ...good, algorithm: 'AEAD_AES_128_GCM' }, /algorithm/],
    ['no algorithm', { ...good, algorithm: undefined }, /algorithm is missing/],
    ['no ciphertext', { ...good, ciphertext: undefined }, /ciphertext is missing/],
    ['a 16-character nonce', { ...good, nonce: '0123456789abcdef' }, /nonce/],
    ['associated_data a number', { ...good, associated_data: 1 }, /associated_data/],
    ['a tampered ciphertext', { ...good, ciphertext: flipByte(good.ciphertext, 2) }, /authentication failed/],
  ])('%s → DecryptionError naming the path, never a value', (_n, resource, why) => {
    let err: unknown;
    try {
      decryptResource(key, resource, 'resource');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DecryptionError);
    const text = `${(err as Error).message} ${JSON.stringify(err)}`;
    expect((err as DecryptionError).path).toBe('resource');
    expect((err as Error).message).toMatch(why);
    expect(text).not.toContain(JAVA_API_V3_KEY);
    expect(text).not.toContain(good.ciphertext);
  });

  test('without an APIv3 key: ConfigError', () => {
    expect(() => decryptResource(undefined, good, 'resource')).toThrow(ConfigError);
  });
});

describe('apiV3Key option', () => {
  test('32 printable ASCII characters → a 32-byte secret KeyObject', () => {
    const k = parseApiV3Key(JAVA_API_V3_KEY);
    expect(k?.type).toBe('secret');
    expect(k?.symmetricKeySize).toBe(32);
    expect(parseApiV3Key(undefined)).toBeUndefined();
  });
  test.each([
    ['31 characters', JAVA_API_V3_KEY.slice(1)],
    ['33 characters', `${JAVA_API_V3_KEY}x`],
    ['a space inside', `${JAVA_API_V3_KEY.slice(0, 31)} `],
    ['non-ASCII', `${JAVA_API_V3_KEY.slice(0, 31)}密`],
    ['a Buffer', Buffer.from(JAVA_API_V3_KEY)],
    ['null', null],
  ])('%s → ConfigError that never echoes it', (_n, input) => {
    let err: unknown;
    try {
      parseApiV3Key(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(`${(err as Error).message} ${JSON.stringify(err)}`).not.toContain(JAVA_API_V3_KEY.slice(1, 20));
  });
});
