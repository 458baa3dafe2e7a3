/**
 * Every error class, triggered with a known private key and known sensitive plaintexts in
 * play: none of them may show up in the error's message, stack, toString, util.inspect or
 * JSON form.
 */
import * as crypto from 'node:crypto';
import { inspect } from 'node:util';
import {
  ApiError,
  ConfigError,
  DecryptionError,
  EncryptionError,
  NetworkError,
  SignatureError,
  TimeoutError,
  ValidationError,
  WxPayError,
  DownloadError,
  buildClient,
} from '../../templates/runtime/index';
import type { ClientOptions } from '../../templates/runtime/index';
import {
  MCHID,
  MERCHANT_KEY_PEM,
  MERCHANT_PRIVATE,
  MERCHANT_PUBLIC,
  MERCHANT_SERIAL,
  PLATFORM_PUBLIC_PEM,
  PUB_KEY_ID,
  SUB_PUBLIC,
  json,
  oaepEncrypt,
  startServer,
  table,
} from './support';
import type { TestServer } from './support';

type AnyClient = any;

const NAME = '秘密姓名SECRETNAME';
const ID = 'SECRET110101199003071234';
const PHONE = 'SECRET13800138000';
const RESP_NAME = 'RESPONSE-PLAINTEXT-李四';

/** Pieces of the private key that must never leak: every base64 line of both encodings, and the raw numbers. */
const keyFragments: string[] = (() => {
  const lines = (pem: string) => pem.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
  const pkcs1 = MERCHANT_PRIVATE.export({ type: 'pkcs1', format: 'pem' }) as string;
  const jwk = MERCHANT_PRIVATE.export({ format: 'jwk' });
  return [...lines(MERCHANT_KEY_PEM), ...lines(pkcs1), jwk.d as string, jwk.p as string, jwk.q as string, 'PRIVATE KEY'];
})();
const plaintexts = [NAME, ID, PHONE, RESP_NAME, '秘密姓名'];

function renderings(err: unknown): string[] {
  const e = err as Error;
  return [
    String(e.message),
    String(e.stack),
    String(e),
    inspect(e, { depth: Infinity, showHidden: true }),
    JSON.stringify(e),
    JSON.stringify({ wrapped: e }),
  ];
}

function expectClean(err: unknown): void {
  expect(err).toBeInstanceOf(WxPayError);
  for (const text of renderings(err)) {
    for (const secret of [...keyFragments, ...plaintexts]) {
      if (text.includes(secret)) throw new Error(`${(err as Error).name} leaks a secret (${secret.slice(0, 12)}…)`);
    }
  }
}

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

let server: TestServer;
let base: ClientOptions;
let client: AnyClient;
const sensitiveJson = { real_name: NAME, id_card_number: ID, phone_number: PHONE, qualification_region_code: 1, identity_document_type: 'ID_DOC_TYPE_ID_CARD' };
const qualifications = (c: AnyClient, extra: Record<string, unknown> = {}) =>
  c.v3.gov.subsidy.qualifications.passthrough.query.post({ json: sensitiveJson, ...extra });

beforeAll(async () => {
  server = await startServer(() => json({}));
  base = { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM }, baseURL: server.baseURL };
  client = buildClient<AnyClient>(table, base);
});
afterAll(() => server.close());

test('the check itself works: a message with a key line or a plaintext is caught', () => {
  class Leaky extends WxPayError {
    readonly code = 'api' as const;
    constructor(m: string) {
      super(m);
    }
  }
  expect(() => expectClean(new Leaky(`oops ${keyFragments[3]}`))).toThrow(/leaks a secret/);
  expect(() => expectClean(new Leaky(`oops ${NAME}`))).toThrow(/leaks a secret/);
});

describe('no secret in any error', () => {
  test('ConfigError: malformed private key, malformed cert, malformed decryptKey', async () => {
    const broken = MERCHANT_KEY_PEM.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n!!!!\n');
    const e1 = await rejection(() => buildClient(table, { ...base, privateKey: broken }));
    expect(e1).toBeInstanceOf(ConfigError);
    expectClean(e1);
    const e2 = await rejection(() => buildClient(table, { ...base, certs: { [PUB_KEY_ID]: MERCHANT_KEY_PEM } }));
    expect(e2).toBeInstanceOf(ConfigError);
    expectClean(e2);
    const e3 = await rejection(
      client.v3.facemch.users._face_sid_.get({ face_sid: 's', query: { info_type: 'ASK_REAL_NAME', appid: 'wx' }, decryptKey: broken }),
    );
    expect(e3).toBeInstanceOf(ConfigError);
    expectClean(e3);
  });

  test('ValidationError with sensitive values of the wrong type or shape', async () => {
    const err = await rejection(
      qualifications(client, { json: { ...sensitiveJson, real_name: [NAME], identity_document_type: NAME, qualification_region_code: ID } }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.length).toBe(3);
    expectClean(err);
  });

  test('EncryptionError: unknown serial, plaintext too long, non-string value', async () => {
    const e1 = await rejection(qualifications(client, { headers: { 'Wechatpay-Serial': 'NOPE' } }));
    expect(e1).toBeInstanceOf(EncryptionError);
    expectClean(e1);
    const e2 = await rejection(qualifications(client, { json: { ...sensitiveJson, real_name: NAME.repeat(20) } }));
    expect(e2).toBeInstanceOf(EncryptionError);
    expectClean(e2);
    const loose = buildClient<AnyClient>(table, { ...base, validate: false });
    const e3 = await rejection(qualifications(loose, { json: { ...sensitiveJson, real_name: { name: NAME } } }));
    expect(e3).toBeInstanceOf(EncryptionError);
    expectClean(e3);
    expect(server.received).toHaveLength(0);
  });

  test('DecryptionError after another field already decrypted', async () => {
    server.handler = () =>
      json({
        real_name_info: { encrypted_real_name: oaepEncrypt(RESP_NAME, MERCHANT_PUBLIC), encrypted_credential_id: oaepEncrypt(ID, SUB_PUBLIC) },
      });
    const err = await rejection(
      client.v3.facemch.users._face_sid_.get({ face_sid: 's', query: { info_type: 'ASK_REAL_NAME', appid: 'wx' } }),
    );
    expect(err).toBeInstanceOf(DecryptionError);
    expectClean(err);
  });

  test('SignatureError on a tampered response carrying sensitive data', async () => {
    server.handler = () => json({ real_name_info: { encrypted_real_name: oaepEncrypt(RESP_NAME, MERCHANT_PUBLIC) } }, { tamperBody: JSON.stringify({ echo: RESP_NAME }) });
    const err = await rejection(
      client.v3.facemch.users._face_sid_.get({ face_sid: 's', query: { info_type: 'ASK_REAL_NAME', appid: 'wx' } }),
    );
    expect(err).toBeInstanceOf(SignatureError);
    expectClean(err);
  });

  test('ApiError after sending sensitive fields', async () => {
    server.handler = () => json({ code: 'PARAM_ERROR', message: 'bad', detail: { field: 'real_name' } }, { status: 400 });
    const err = await rejection(qualifications(client));
    expect(err).toBeInstanceOf(ApiError);
    expectClean(err);
  });

  test('TimeoutError after sending sensitive fields', async () => {
    server.handler = () => json({}, { delayMs: 5_000 });
    const err = await rejection(qualifications(client, { timeout: 50 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expectClean(err);
  });

  test('NetworkError after trying to send sensitive fields', async () => {
    const gone = await startServer(() => json({}));
    await gone.close();
    const c = buildClient<AnyClient>(table, { ...base, baseURL: gone.baseURL });
    const err = await rejection(qualifications(c));
    expect(err).toBeInstanceOf(NetworkError);
    expectClean(err);
  });

  test('platform certificates and downloads: no APIv3 key, no key material in their errors', async () => {
    const apiV3Key = 'SECRETAPIV3KEY0123456789abcdefgh';
    const c = buildClient<AnyClient>(table, { ...base, apiV3Key });
    const sealedWithOtherKey = { data: [{ serial_no: 'AB', effective_time: '', expire_time: '', encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', nonce: '0123456789ab', associated_data: 'certificate', ciphertext: Buffer.alloc(64, 1).toString('base64') } }] };
    server.handler = () => json(sealedWithOtherKey);
    const e1 = await rejection(c.certificates.download());
    expect(e1).toBeInstanceOf(DecryptionError);
    server.handler = () => ({ status: 200, body: 'a,b\n`1,`2\n', sign: false });
    const e2 = await rejection(c.download(`${server.baseURL}/v3/billdownload/file?token=t`, { hashType: 'SHA1', hashValue: 'ab' }));
    expect(e2).toBeInstanceOf(DownloadError);
    const e3 = await rejection(() => buildClient<AnyClient>(table, { ...base, platformCertificates: true }));
    for (const e of [e1, e2, e3]) {
      expectClean(e);
      for (const text of renderings(e)) expect(text).not.toContain(apiV3Key);
    }
    expect(inspect(c, { depth: Infinity, showHidden: true })).not.toContain(apiV3Key);
  });

  test('the client object itself holds nothing to leak', () => {
    const text = inspect(client, { depth: Infinity, showHidden: true });
    for (const secret of keyFragments) expect(text).not.toContain(secret);
    expect(crypto.createPublicKey(MERCHANT_PRIVATE).type).toBe('public');
  });
});
