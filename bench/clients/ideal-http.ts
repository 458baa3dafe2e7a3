/**
 * The ideal inline client again, but over `node:http` with a keep-alive Agent instead of fetch:
 * not a target baseline (the ideal client uses fetch), shown to measure what the
 * transport alone costs. Same crypto, same checks as clients/ideal.ts. The `pool` variant signs
 * and verifies with the callback forms of `crypto.sign` / `crypto.verify`, which run on libuv's
 * thread pool: the RSA work of overlapping calls then spreads over the cores.
 */
import { constants, createPrivateKey, createPublicKey, publicEncrypt, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { CALL_PATH, REQUEST_BODY } from '../fixture';
import type { ClientFactory } from './types';

interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly raw: Buffer;
}

function signAsync(message: Buffer, key: KeyObject): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => sign('sha256', message, key, (e, sig) => (e ? reject(e) : resolvePromise(sig))));
}

function verifyAsync(message: Buffer, key: KeyObject, signature: Buffer): Promise<boolean> {
  return new Promise((resolvePromise, reject) => verify('sha256', message, key, signature, (e, ok) => (e ? reject(e) : resolvePromise(ok))));
}

export const makeIdealHttp: ClientFactory = (setup) => makeHttpClient(setup, false);
export const makeIdealHttpPool: ClientFactory = (setup) => makeHttpClient(setup, true);

function makeHttpClient({ baseURL, keys }: Parameters<ClientFactory>[0], pool: boolean): ReturnType<ClientFactory> {
  const privateKey = createPrivateKey(keys.merchantPrivatePem);
  const certs = new Map<string, KeyObject>([[keys.platformSerial, createPublicKey(keys.platformPublicPem)]]);
  const encryptKey = certs.get(keys.platformSerial) as KeyObject;
  const url = new URL(CALL_PATH, baseURL);
  const agent = new Agent({ keepAlive: true });
  const encrypt = (plain: string): string =>
    publicEncrypt({ key: encryptKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(plain, 'utf8')).toString('base64');
  const newline = Buffer.from('\n');
  const post = (headers: Record<string, string>, body: string): Promise<RawAnswer> =>
    new Promise((resolvePromise, reject) => {
      const req = request(url, { method: 'POST', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, raw: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const one = (h: string | string[] | undefined): string | undefined => (typeof h === 'string' ? h : undefined);

  return async () => {
    const body = JSON.stringify({
      ...REQUEST_BODY,
      real_name: encrypt(REQUEST_BODY.real_name),
      id_card_number: encrypt(REQUEST_BODY.id_card_number),
      phone_number: encrypt(REQUEST_BODY.phone_number),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = randomBytes(16).toString('hex');
    const message = Buffer.from(`POST\n${CALL_PATH}\n${timestamp}\n${nonce}\n${body}\n`);
    const signature = (pool ? await signAsync(message, privateKey) : sign('sha256', message, privateKey)).toString('base64');
    const res = await post(
      {
        Authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${keys.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${keys.merchantSerial}"`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        'User-Agent': 'bench-ideal-http/1.0',
        'Wechatpay-Serial': keys.platformSerial,
      },
      body,
    );
    if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status}`);
    const ts = one(res.headers['wechatpay-timestamp']);
    const rn = one(res.headers['wechatpay-nonce']);
    const sig = one(res.headers['wechatpay-signature']);
    const serial = one(res.headers['wechatpay-serial']);
    if (!ts || !rn || !sig || !serial) throw new Error('missing Wechatpay-* header');
    if (sig.startsWith('WECHATPAY/SIGNTEST/')) throw new Error('probe signature');
    if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) throw new Error('stale timestamp');
    const key = certs.get(serial);
    if (!key) throw new Error('unknown serial');
    const signed = Buffer.concat([Buffer.from(`${ts}\n${rn}\n`), res.raw, newline]);
    const good = pool ? await verifyAsync(signed, key, Buffer.from(sig, 'base64')) : verify('sha256', signed, key, Buffer.from(sig, 'base64'));
    if (!good) throw new Error('bad signature');
    return JSON.parse(res.raw.toString('utf8')) as unknown;
  };
}
