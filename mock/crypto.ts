/**
 * The server's own crypto, straight over node:crypto and deliberately independent of the
 * client runtime in templates/runtime/: if both sides shared code, a bug there would
 * cancel out and the end-to-end tests would prove nothing.
 */
import { constants, createCipheriv, createSign, createVerify, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';

/** SHA256withRSA (PKCS#1 v1.5) over `message`, base64. */
export function signMessage(message: Buffer, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

/** Whether `signature` (base64) is a SHA256withRSA signature of `message` by `publicKey`. Never throws. */
export function verifyMessage(message: Buffer, signature: string, publicKey: KeyObject): boolean {
  if (!isStrictBase64(signature)) return false;
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** RSA-OAEP (SHA-1, MGF1-SHA-1) encryption of UTF-8 `plaintext`, base64. */
export function oaepEncrypt(plaintext: string, publicKey: KeyObject): string {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(plaintext, 'utf8')).toString('base64');
}

/**
 * Decrypts base64 RSA-OAEP (SHA-1) ciphertext. Returns undefined when `ciphertext` is not
 * strict base64 of exactly one RSA block, does not decrypt, or is not UTF-8 — which is
 * what a plaintext sent where ciphertext belongs looks like.
 */
export function oaepDecrypt(ciphertext: string, privateKey: KeyObject): string | undefined {
  if (!isStrictBase64(ciphertext)) return undefined;
  const bytes = Buffer.from(ciphertext, 'base64');
  const modulusBits = privateKey.asymmetricKeyDetails?.modulusLength;
  if (modulusBits !== undefined && bytes.length !== Math.ceil(modulusBits / 8)) return undefined;
  let plain: Buffer;
  try {
    plain = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, bytes);
  } catch {
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return undefined;
  }
}

/**
 * AEAD_AES_256_GCM as WeChat Pay encrypts notification resources: key = the 32 bytes of the
 * APIv3 key, iv = the UTF-8 nonce, aad = the UTF-8 associated data; base64 of ciphertext ‖ 16-byte tag.
 */
export function aesGcmEncrypt(plaintext: string, apiV3Key: string, nonce: string, associatedData: string): string {
  const c = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'), { authTagLength: 16 });
  c.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return Buffer.concat([body, c.getAuthTag()]).toString('base64');
}

/** A 32-character upper-case alphanumeric nonce. */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(32);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function isStrictBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}
