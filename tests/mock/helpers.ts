/**
 * Raw HTTP and WeChat Pay signing done by hand with node:crypto — independent of both the
 * mock's own crypto and the client runtime, so these tests check the protocol itself.
 */
import { constants, createSign, createVerify, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

export interface RawRequest {
  readonly method: string;
  /** Path and query as they go on the wire. */
  readonly url: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request on a fresh connection (no keep-alive, so nothing lingers after the test). */
export function rawRequest(base: string, r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(r.url, base);
    const req = request(
      { host: target.hostname, port: target.port, method: r.method, path: r.url, agent: false, headers: { ...(r.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(r.body)) } : {}), ...r.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

export interface Signer {
  readonly mchid: string;
  readonly serial: string;
  readonly privateKey: string;
}

export function authorization(s: Signer, method: string, url: string, body: string, opts: { timestamp?: number; nonce?: string } = {}): string {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256').update(`${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`).sign(s.privateKey, 'base64');
  return `WECHATPAY2-SHA256-RSA2048 mchid="${s.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${s.serial}"`;
}

/** A request signed by `signer`, JSON body when given. */
export function signed(base: string, signer: Signer, method: string, url: string, json?: unknown, headers: Record<string, string> = {}, opts: { timestamp?: number } = {}): Promise<RawResponse> {
  const body = json === undefined ? '' : JSON.stringify(json);
  return rawRequest(base, {
    method,
    url,
    ...(json !== undefined ? { body } : {}),
    headers: {
      Accept: 'application/json',
      'User-Agent': 'wxpay-gen-tests',
      ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      Authorization: authorization(signer, method, url, body, opts),
      ...headers,
    },
  });
}

export function encrypt(publicKeyPem: string, plaintext: string): string {
  return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(plaintext, 'utf8')).toString('base64');
}

export function decrypt(privateKeyPem: string, ciphertext: string): string {
  return privateDecrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(ciphertext, 'base64')).toString('utf8');
}

/** Checks the Wechatpay-* headers of a response over its raw bytes. */
export function responseVerifies(res: RawResponse, publicKeyPem: string): boolean {
  const ts = res.headers['wechatpay-timestamp'];
  const nonce = res.headers['wechatpay-nonce'];
  const sig = res.headers['wechatpay-signature'];
  if (typeof ts !== 'string' || typeof nonce !== 'string' || typeof sig !== 'string') return false;
  const message = Buffer.concat([Buffer.from(`${ts}\n${nonce}\n`), res.body, Buffer.from('\n')]);
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKeyPem, sig, 'base64');
  } catch {
    return false;
  }
}
