/**
 * The ideal inline client: the least code that does the whole job correctly. Node's fetch,
 * `crypto.sign`, three `publicEncrypt` (RSA-OAEP, SHA-1) and `crypto.verify`, with the
 * KeyObjects parsed once. No validation, no abstractions: the floor any client is measured from.
 */
import { constants, createPrivateKey, createPublicKey, publicEncrypt, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { CALL_PATH, REQUEST_BODY } from '../fixture';
import type { ClientFactory } from './types';

export const makeIdeal: ClientFactory = ({ baseURL, keys }) => {
  const privateKey = createPrivateKey(keys.merchantPrivatePem);
  const certs = new Map<string, KeyObject>([[keys.platformSerial, createPublicKey(keys.platformPublicPem)]]);
  const encryptKey = certs.get(keys.platformSerial) as KeyObject;
  const url = baseURL + CALL_PATH;
  const encrypt = (plain: string): string =>
    publicEncrypt({ key: encryptKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(plain, 'utf8')).toString('base64');
  const newline = Buffer.from('\n');

  return async () => {
    const body = JSON.stringify({
      ...REQUEST_BODY,
      real_name: encrypt(REQUEST_BODY.real_name),
      id_card_number: encrypt(REQUEST_BODY.id_card_number),
      phone_number: encrypt(REQUEST_BODY.phone_number),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = randomBytes(16).toString('hex');
    const signature = sign('sha256', Buffer.from(`POST\n${CALL_PATH}\n${timestamp}\n${nonce}\n${body}\n`), privateKey).toString('base64');
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${keys.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${keys.merchantSerial}"`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'User-Agent': 'bench-ideal/1.0',
        'Wechatpay-Serial': keys.platformSerial,
      },
      body,
    });
    const raw = Buffer.from(await res.arrayBuffer());
    if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
    const ts = res.headers.get('wechatpay-timestamp');
    const rn = res.headers.get('wechatpay-nonce');
    const sig = res.headers.get('wechatpay-signature');
    const serial = res.headers.get('wechatpay-serial');
    if (!ts || !rn || !sig || !serial) throw new Error('missing Wechatpay-* header');
    if (sig.startsWith('WECHATPAY/SIGNTEST/')) throw new Error('probe signature');
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) throw new Error('stale timestamp');
    const key = certs.get(serial);
    if (!key) throw new Error('unknown serial');
    if (!verify('sha256', Buffer.concat([Buffer.from(`${ts}\n${rn}\n`), raw, newline]), key, Buffer.from(sig, 'base64'))) {
      throw new Error('bad signature');
    }
    return JSON.parse(raw.toString('utf8')) as unknown;
  };
};
