import * as crypto from 'node:crypto';
import {
  decryptField,
  encryptField,
  nonce,
  parsePrivateKey,
  parsePublicKey,
  signMessage,
  signMessageAsync,
  verifyMessage,
} from '../../templates/runtime/crypto';
import {
  GO_CERT_D7CE,
  GO_CERT_F576,
  GO_CIPHERTEXT,
  GO_PLAINTEXT,
  GO_PRIVATE_KEY,
  GO_SIGNATURE,
  GO_SIGN_MESSAGE,
  JAVA_CIPHERTEXT,
  JAVA_MERCHANT_CERT,
  JAVA_MERCHANT_CERT_SERIAL,
  JAVA_MERCHANT_PRIVATE_KEY,
  JAVA_PLAINTEXT,
  JAVA_SIGNATURE,
  JAVA_VERIFY_MESSAGE,
  JAVA_WECHATPAY_PUBLIC_KEY,
} from './vectors';

function priv(pem: string): crypto.KeyObject {
  const k = parsePrivateKey(pem);
  if (!k) throw new Error('fixture key did not parse');
  return k;
}
function pub(input: string | Buffer | crypto.KeyObject): crypto.KeyObject {
  const e = parsePublicKey(input);
  if (!e) throw new Error('fixture public key did not parse');
  return e.key;
}
function verifyString(message: string, sig: string, key: crypto.KeyObject): boolean {
  return verifyMessage('', Buffer.from(message), '', sig, key);
}

describe('official SDK vectors', () => {
  test('wechatpay-go sha256withrsa_signer_test: Sign("source") matches byte for byte', () => {
    expect(signMessage(GO_SIGN_MESSAGE, priv(GO_PRIVATE_KEY))).toBe(GO_SIGNATURE);
  });

  test('the thread-pool signer gives the same published signatures (wechatpay-go and wechatpay-java)', async () => {
    await expect(signMessageAsync(GO_SIGN_MESSAGE, priv(GO_PRIVATE_KEY))).resolves.toBe(GO_SIGNATURE);
    await expect(signMessageAsync(JAVA_VERIFY_MESSAGE, priv(JAVA_MERCHANT_PRIVATE_KEY))).resolves.toBe(JAVA_SIGNATURE);
  });

  test('the thread-pool signer resolves null, not a throw, for a key that cannot sign', async () => {
    await expect(signMessageAsync('x', crypto.createPublicKey(priv(GO_PRIVATE_KEY)))).resolves.toBeNull();
  });

  test('wechatpay-go signature verifies under both Go test certificates (same key)', () => {
    expect(verifyString(GO_SIGN_MESSAGE, GO_SIGNATURE, pub(GO_CERT_D7CE.pem))).toBe(true);
    expect(verifyString(GO_SIGN_MESSAGE, GO_SIGNATURE, pub(GO_CERT_F576.pem))).toBe(true);
    expect(verifyString('sourcE', GO_SIGNATURE, pub(GO_CERT_F576.pem))).toBe(false);
  });

  test('wechatpay-go wechat_pay_decryptor_test: decrypts to "hello world"', () => {
    expect(decryptField(GO_CIPHERTEXT, priv(GO_PRIVATE_KEY))).toBe(GO_PLAINTEXT);
  });

  test('wechatpay-go wechat_pay_encryptor_test: what we encrypt under the certificate decrypts with the key', () => {
    const c = encryptField(GO_PLAINTEXT, pub(GO_CERT_F576.pem));
    expect(c).not.toBeNull();
    expect(decryptField(c as string, priv(GO_PRIVATE_KEY))).toBe(GO_PLAINTEXT);
  });

  test('wechatpay-go certificates: serials and notBefore are read from the X.509', () => {
    const a = parsePublicKey(GO_CERT_D7CE.pem);
    const b = parsePublicKey(GO_CERT_F576.pem);
    expect(a?.certSerial).toBe('D7CE59D1F522D701');
    expect(b?.certSerial).toBe('F5765756002FDD77');
    expect(a?.notBefore).toBe(Date.UTC(2021, 3, 27, 8, 55, 23));
    expect(b?.notBefore).toBe(Date.UTC(2021, 3, 27, 8, 40, 32));
  });

  test('wechatpay-java RSAVerifierTest: accepted under the merchant certificate, rejected under the WeChat Pay public key', () => {
    expect(verifyString(JAVA_VERIFY_MESSAGE, JAVA_SIGNATURE, pub(JAVA_MERCHANT_CERT))).toBe(true);
    expect(verifyString(JAVA_VERIFY_MESSAGE, JAVA_SIGNATURE, pub(JAVA_WECHATPAY_PUBLIC_KEY))).toBe(false);
    expect(parsePublicKey(JAVA_MERCHANT_CERT)?.certSerial).toBe(JAVA_MERCHANT_CERT_SERIAL);
  });

  test('wechatpay-java: PKCS#1 v1.5 is deterministic, so we reproduce the published signature exactly', () => {
    expect(signMessage(JAVA_VERIFY_MESSAGE, priv(JAVA_MERCHANT_PRIVATE_KEY))).toBe(JAVA_SIGNATURE);
  });

  test('wechatpay-java RSAPrivacyDecryptorTest: decrypts to "plaintext"', () => {
    expect(decryptField(JAVA_CIPHERTEXT, priv(JAVA_MERCHANT_PRIVATE_KEY))).toBe(JAVA_PLAINTEXT);
  });

  test('wechatpay-java RSAPrivacyEncryptorTest: 215 bytes is too long for OAEP-SHA1 on RSA-2048 (null, not a throw)', () => {
    const key = pub(JAVA_MERCHANT_CERT);
    expect(encryptField('x'.repeat(214), key)).not.toBeNull();
    expect(encryptField('x'.repeat(215), key)).toBeNull();
  });
});

describe('against node:crypto directly', () => {
  const merchant = crypto.createPrivateKey(JAVA_MERCHANT_PRIVATE_KEY);
  const merchantPub = crypto.createPublicKey(merchant);

  test('node:crypto verifies what we sign (UTF-8 message)', () => {
    const msg = 'POST\n/v3/x?a=%E4%B8%AD\n1700000000\nabc\n{"name":"张三"}\n';
    const sig = signMessage(msg, merchant);
    expect(crypto.verify('sha256', Buffer.from(msg, 'utf8'), merchantPub, Buffer.from(sig, 'base64'))).toBe(true);
  });

  test('we verify what node:crypto signs, over raw bytes split as head/body/tail', () => {
    const body = Buffer.from('{"a":"中文"}');
    const full = Buffer.concat([Buffer.from('1700000000\nnonce\n'), body, Buffer.from('\n')]);
    const sig = crypto.sign('sha256', full, merchant).toString('base64');
    expect(verifyMessage('1700000000\nnonce\n', body, '\n', sig, merchantPub)).toBe(true);
    expect(verifyMessage('1700000000\nnonce\n', Buffer.from('{"a":"中文" }'), '\n', sig, merchantPub)).toBe(false);
    expect(verifyMessage('1700000000\nnonce\n', body, '\n', 'not base64!!', merchantPub)).toBe(false);
  });

  test('the body as a string, a small buffer and a buffer over the one-shot size (hashed in place) all verify; one changed byte of each does not', () => {
    const head = '1700000000\nnonce\n';
    const small = '{"a":"中文"}';
    const large = JSON.stringify({ a: '中'.repeat(30_000), b: 'x'.repeat(10_000) }); // > 64 KiB of UTF-8
    for (const text of [small, large]) {
      const sig = crypto.sign('sha256', Buffer.from(`${head}${text}\n`, 'utf8'), merchant).toString('base64');
      const bytes = Buffer.from(text, 'utf8');
      const changed = Buffer.from(bytes);
      changed[changed.length - 2] = (changed[changed.length - 2] as number) ^ 1;
      expect(verifyMessage(head, text, '\n', sig, merchantPub)).toBe(true);
      expect(verifyMessage(head, bytes, '\n', sig, merchantPub)).toBe(true);
      expect(verifyMessage(head, new Uint8Array(bytes), '\n', sig, merchantPub)).toBe(true);
      expect(verifyMessage(head, changed, '\n', sig, merchantPub)).toBe(false);
      expect(verifyMessage(head, changed.toString('latin1'), '\n', sig, merchantPub)).toBe(false);
      expect(verifyMessage(head, bytes, '', sig, merchantPub)).toBe(false);
    }
  });

  test('node:crypto decrypts what we encrypt (OAEP SHA-1), and we decrypt what it encrypts', () => {
    const c = encryptField('张三 13800138000', merchantPub) as string;
    const plain = crypto.privateDecrypt(
      { key: merchant, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(c, 'base64'),
    );
    expect(plain.toString('utf8')).toBe('张三 13800138000');
    const c2 = crypto
      .publicEncrypt({ key: merchantPub, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from('李四'))
      .toString('base64');
    expect(decryptField(c2, merchant)).toBe('李四');
  });

  test('OAEP with SHA-256 or PKCS#1 v1.5 padding does not decrypt', () => {
    const sha256 = crypto
      .publicEncrypt({ key: merchantPub, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('x'))
      .toString('base64');
    expect(decryptField(sha256, merchant)).toBeNull();
    expect(decryptField('not-base64***', merchant)).toBeNull();
    expect(decryptField(Buffer.from('short').toString('base64'), merchant)).toBeNull();
  });

  test('nonce: 32 characters, fresh each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const n = nonce();
      expect(n).toMatch(/^[0-9a-f]{32}$/);
      seen.add(n);
    }
    expect(seen.size).toBe(200);
  });
});

describe('key parsing', () => {
  const merchant = crypto.createPrivateKey(JAVA_MERCHANT_PRIVATE_KEY);
  const pkcs1 = merchant.export({ type: 'pkcs1', format: 'pem' }) as string;
  const pkcs8der = merchant.export({ type: 'pkcs8', format: 'der' });
  const spki = crypto.createPublicKey(merchant).export({ type: 'spki', format: 'pem' }) as string;
  const rsaPub = crypto.createPublicKey(merchant).export({ type: 'pkcs1', format: 'pem' }) as string;
  const certDer = new crypto.X509Certificate(JAVA_MERCHANT_CERT).raw;
  const bareBase64 = JAVA_MERCHANT_PRIVATE_KEY.split('\n').filter((l) => !l.startsWith('-----')).join('\n');

  test.each([
    ['PKCS#8 PEM', JAVA_MERCHANT_PRIVATE_KEY],
    ['PKCS#1 PEM', pkcs1],
    ['PKCS#8 PEM Buffer', Buffer.from(JAVA_MERCHANT_PRIVATE_KEY)],
    ['PKCS#8 DER Buffer', pkcs8der],
    ['PKCS#1 DER Buffer', merchant.export({ type: 'pkcs1', format: 'der' })],
    ['bare base64 body', bareBase64],
    ['KeyObject', merchant],
  ])('private key from %s signs like the fixture', (_name, input) => {
    const k = parsePrivateKey(input as string);
    expect(k).not.toBeNull();
    expect(signMessage(JAVA_VERIFY_MESSAGE, k as crypto.KeyObject)).toBe(JAVA_SIGNATURE);
  });

  test.each([
    ['X.509 PEM', JAVA_MERCHANT_CERT],
    ['X.509 DER Buffer', certDer],
    ['SPKI PEM', spki],
    ['PKCS#1 public PEM', rsaPub],
    ['SPKI DER Buffer', crypto.createPublicKey(merchant).export({ type: 'spki', format: 'der' })],
    ['KeyObject', crypto.createPublicKey(merchant)],
  ])('public key from %s verifies the fixture signature', (_name, input) => {
    const e = parsePublicKey(input as string);
    expect(e).not.toBeNull();
    expect(verifyString(JAVA_VERIFY_MESSAGE, JAVA_SIGNATURE, (e as { key: crypto.KeyObject }).key)).toBe(true);
  });

  test.each([
    ['empty string', ''],
    ['garbage', 'hello'],
    ['truncated PEM', JAVA_MERCHANT_PRIVATE_KEY.slice(0, 200)],
    ['a public key', spki],
    ['a certificate', JAVA_MERCHANT_CERT],
    ['an EC key', crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
    ['a public KeyObject', crypto.createPublicKey(merchant)],
    ['a number', 42],
  ])('private key: %s is rejected with null', (_name, input) => {
    expect(parsePrivateKey(input as string)).toBeNull();
  });

  test.each([
    ['garbage', 'hello'],
    ['corrupt certificate', JAVA_MERCHANT_CERT.replace('MIIDrTCC', 'MIIDrTCD')],
    ['a private key PEM', JAVA_MERCHANT_PRIVATE_KEY],
    ['empty Buffer', Buffer.alloc(0)],
    ['an EC public key', crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey],
  ])('public key: %s is rejected with null', (_name, input) => {
    expect(parsePublicKey(input as string)).toBeNull();
  });
});
