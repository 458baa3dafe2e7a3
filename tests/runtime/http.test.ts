/**
 * The runtime over real HTTP on 127.0.0.1: a tiny node:http server checks the Authorization
 * header and decrypts the sensitive fields with node:crypto, and answers signed (or
 * deliberately broken) responses.
 */
import * as crypto from 'node:crypto';
import {
  ApiError,
  DecryptionError,
  EncryptionError,
  MalformedResponseError,
  NetworkError,
  SignatureError,
  TimeoutError,
  ValidationError,
  buildClient,
} from '../../templates/runtime/index';
import type { ApiResponse, ClientOptions } from '../../templates/runtime/index';
import { GO_CERT_D7CE } from './vectors';
import {
  MCHID,
  MERCHANT_KEY_PEM,
  MERCHANT_PUBLIC,
  MERCHANT_SERIAL,
  PLATFORM_PRIVATE,
  PLATFORM_PUBLIC_PEM,
  PUB_KEY_ID,
  SUB_PRIVATE,
  SUB_PUBLIC,
  json,
  oaepDecrypt,
  oaepEncrypt,
  startServer,
  table,
} from './support';
import type { Received, TestServer } from './support';

type AnyClient = any; // the generated types are checked elsewhere; here the runtime is under test

let server: TestServer;
let client: AnyClient;
let base: ClientOptions;

beforeAll(async () => {
  server = await startServer(() => json({}));
  base = {
    mchid: MCHID,
    serial: MERCHANT_SERIAL,
    privateKey: MERCHANT_KEY_PEM,
    certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM },
    baseURL: server.baseURL,
  };
  client = buildClient<AnyClient>(table, base);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.received.length = 0;
  server.handler = () => json({});
});

function last(): Received {
  const r = server.received[server.received.length - 1];
  if (!r) throw new Error('the server received nothing');
  return r;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe('signing', () => {
  test('GET: Authorization over the exact wire path and query; headers set; nothing in the body', async () => {
    server.handler = () => json({ openid: 'o1' });
    const res = await client.v3.facemch.users._face_sid_.get({ face_sid: 'sid 1/€', query: { info_type: 'ASK_UNIONID', appid: "wx'(x)" } });
    expect(res).toEqual({ status: 200, headers: expect.objectContaining({ 'request-id': 'req-0001' }), data: { openid: 'o1' } });
    const r = last();
    expect(r.url).toBe('/v3/facemch/users/sid%201%2F%E2%82%AC?info_type=ASK_UNIONID&appid=wx%27%28x%29');
    expect(r.auth.ok).toBe(true);
    expect(r.auth.params).toMatchObject({ mchid: MCHID, serial_no: MERCHANT_SERIAL });
    expect(r.auth.params.nonce_str).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs(Number(r.auth.params.timestamp) - Date.now() / 1000)).toBeLessThan(300);
    expect(r.headers.authorization).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="[^"]+",nonce_str="[^"]+",signature="[^"]+",timestamp="\d+",serial_no="[^"]+"$/,
    );
    expect(r.headers.accept).toBe('application/json');
    expect(r.headers['user-agent']).toMatch(/^wxpay-gen\//);
    expect(r.headers['content-type']).toBeUndefined();
    expect(r.headers['wechatpay-serial']).toBe(PUB_KEY_ID);
    expect(r.body.length).toBe(0);
  });

  test('every call gets a fresh nonce', async () => {
    for (let i = 0; i < 3; i++) await client['v3/edu-papay/user/{openid}/contracts'].get({ openid: 'o', query: { appid: 'wx' } });
    const nonces = new Set(server.received.map((r) => r.auth.params.nonce_str));
    expect(nonces.size).toBe(3);
    expect(server.received.every((r) => r.auth.ok)).toBe(true);
  });

  test('a baseURL path prefix is part of the signed path', async () => {
    const c = buildClient<AnyClient>(table, { ...base, baseURL: `${server.baseURL}/prefix/` });
    await c.chain('v3/edu-papay/user/{openid}/contracts').get({ openid: 'o', query: { appid: 'wx' } });
    expect(last().url).toBe('/prefix/v3/edu-papay/user/o/contracts?appid=wx');
    expect(last().auth.ok).toBe(true);
  });

  test('a custom fetch and userAgent are used', async () => {
    let calls = 0;
    const c = buildClient<AnyClient>(table, {
      ...base,
      userAgent: 'my-app/1.0',
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });
    await c.chain('v3/edu-papay/user/{openid}/contracts').get({ openid: 'o', query: { appid: 'wx' } });
    expect(calls).toBe(1);
    expect(last().headers['user-agent']).toMatch(/ my-app\/1\.0$/);
  });
});

describe('request encryption', () => {
  const plain = { real_name: '张三', id_card_number: '110101199003071234', phone_number: '13800138000' };

  test('POST: the server decrypts every sensitive field; body signed as sent; caller args untouched', async () => {
    const args = deepFreeze({
      json: { ...plain, qualification_region_code: 310100, identity_document_type: 'ID_DOC_TYPE_ID_CARD' },
    });
    const snapshot = JSON.stringify(args);
    await client.v3.gov.subsidy.qualifications.passthrough.query.post(args);
    expect(JSON.stringify(args)).toBe(snapshot);
    const r = last();
    expect(r.auth.ok).toBe(true);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['wechatpay-serial']).toBe(PUB_KEY_ID);
    const sent = JSON.parse(r.body.toString('utf8'));
    for (const [k, v] of Object.entries(plain)) {
      expect(sent[k]).not.toBe(v);
      expect(oaepDecrypt(sent[k], PLATFORM_PRIVATE)).toBe(v);
    }
    expect(sent.qualification_region_code).toBe(310100);
    expect(r.body.toString('utf8')).not.toContain('张三');
  });

  test('the caller may name another configured key in Wechatpay-Serial (any header case)', async () => {
    const goPrivate = crypto.createPrivateKey(require('./vectors').GO_PRIVATE_KEY);
    const c = buildClient<AnyClient>(table, { ...base, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM, [GO_CERT_D7CE.serial]: GO_CERT_D7CE.pem } });
    await c.v3.gov.subsidy.qualifications.passthrough.query.post({
      headers: { 'wechatpay-serial': GO_CERT_D7CE.serial },
      json: { ...plain, qualification_region_code: 1, identity_document_type: 'ID_DOC_TYPE_ID_CARD' },
    });
    const r = last();
    expect(r.headers['wechatpay-serial']).toBe(GO_CERT_D7CE.serial);
    expect(oaepDecrypt(JSON.parse(r.body.toString()).real_name, goPrivate)).toBe('张三');
  });

  test('certificates only: the newest certificate serial is used', async () => {
    const goPrivate = crypto.createPrivateKey(require('./vectors').GO_PRIVATE_KEY);
    const { GO_CERT_F576 } = require('./vectors');
    const c = buildClient<AnyClient>(table, {
      ...base,
      certs: { [GO_CERT_D7CE.serial]: GO_CERT_D7CE.pem, [GO_CERT_F576.serial]: GO_CERT_F576.pem },
    });
    server.handler = () => json({}, { serial: GO_CERT_D7CE.serial, signKey: goPrivate });
    await c.v3.gov.subsidy.qualifications.passthrough.query.post({
      json: { ...plain, qualification_region_code: 1, identity_document_type: 'ID_DOC_TYPE_ID_CARD' },
    });
    expect(last().headers['wechatpay-serial']).toBe('D7CE59D1F522D701');
  });

  test('a Wechatpay-Serial not in certs is an EncryptionError before anything is sent', async () => {
    const err = await rejection(
      client.v3.gov.subsidy.qualifications.passthrough.query.post({
        headers: { 'Wechatpay-Serial': 'PUB_KEY_ID_UNKNOWN' },
        json: { ...plain, qualification_region_code: 1, identity_document_type: 'ID_DOC_TYPE_ID_CARD' },
      }),
    );
    expect(err).toBeInstanceOf(EncryptionError);
    expect((err as EncryptionError).message).toContain('PUB_KEY_ID_UNKNOWN');
    expect(server.received).toHaveLength(0);
  });

  test('sensitive fields at any depth, in json, query and headers; path parameters percent-encoded', async () => {
    const args = deepFreeze({
      id: "a b/c?d'",
      query: { name: '王五', page: 2 },
      headers: { 'X-Secret': 'header-secret' },
      json: {
        holder: { name: 'holder-secret', note: 'n' },
        people: [{ name: 'p0', age: 1 }, { age: 2 }, { name: '', age: 3 }],
        phones: ['13800000001', '13800000002'],
        plain: 'visible',
      },
    });
    await client.chain('v3/test/deep/{id}').post(args);
    const r = last();
    expect(r.auth.ok).toBe(true);
    const url = new URL(r.url, 'http://x');
    expect(url.pathname).toBe('/v3/test/deep/a%20b%2Fc%3Fd%27');
    expect(oaepDecrypt(url.searchParams.get('name') as string, PLATFORM_PRIVATE)).toBe('王五');
    expect(url.searchParams.get('page')).toBe('2');
    expect(oaepDecrypt(r.headers['x-secret'] as string, PLATFORM_PRIVATE)).toBe('header-secret');
    const sent = JSON.parse(r.body.toString());
    expect(oaepDecrypt(sent.holder.name, PLATFORM_PRIVATE)).toBe('holder-secret');
    expect(sent.holder.note).toBe('n');
    expect(oaepDecrypt(sent.people[0].name, PLATFORM_PRIVATE)).toBe('p0');
    expect(sent.people[1]).toEqual({ age: 2 });
    expect(sent.people[2]).toEqual({ name: '', age: 3 });
    expect(sent.phones.map((p: string) => oaepDecrypt(p, PLATFORM_PRIVATE))).toEqual(['13800000001', '13800000002']);
    expect(sent.plain).toBe('visible');
  });

  test('a non-string sensitive value is never sent in clear (validation off)', async () => {
    const c = buildClient<AnyClient>(table, { ...base, validate: false });
    const err = await rejection(c.chain('v3/test/deep/{id}').post({ id: 'x', json: { holder: { name: 12345678 } } }));
    expect(err).toBeInstanceOf(EncryptionError);
    expect((err as EncryptionError).path).toBe('json.holder.name');
    expect(server.received).toHaveLength(0);
  });

  test('a plaintext too long for RSA-OAEP is an EncryptionError naming the field', async () => {
    const err = await rejection(client.chain('v3/test/deep/{id}').post({ id: 'x', json: { phones: ['1', 'x'.repeat(300)] } }));
    expect(err).toBeInstanceOf(EncryptionError);
    expect((err as EncryptionError).path).toBe('json.phones[1]');
    expect(server.received).toHaveLength(0);
  });
});

describe('response verification', () => {
  const call = () => client['v3/edu-papay/user/{openid}/contracts'].get({ openid: 'o', query: { appid: 'wx' } });
  const now = () => Math.floor(Date.now() / 1000);

  test.each<[string, Parameters<typeof json>[1], SignatureError['reason']]>([
    ['tampered body', { tamperBody: '{"total_count":1000}' }, 'bad-signature'],
    ['tampered signature', { signature: Buffer.alloc(256, 7).toString('base64') }, 'bad-signature'],
    ['signed by another key', { signKey: SUB_PRIVATE }, 'bad-signature'],
    ['stale timestamp', { timestamp: String(now() - 301 - 5) }, 'stale-timestamp'],
    ['future timestamp', { timestamp: String(now() + 301 + 5) }, 'stale-timestamp'],
    ['non-numeric timestamp', { timestamp: 'yesterday' }, 'stale-timestamp'],
    ['unknown serial', { serial: 'PUB_KEY_ID_SOMEONE_ELSE' }, 'unknown-serial'],
    ['probe', { signature: 'WECHATPAY/SIGNTEST/abcdef' }, 'probe'],
    ['no signature at all', { sign: false }, 'missing-header'],
    ['missing Wechatpay-Signature', { omit: ['Wechatpay-Signature'] }, 'missing-header'],
    ['missing Wechatpay-Timestamp', { omit: ['Wechatpay-Timestamp'] }, 'missing-header'],
    ['missing Wechatpay-Nonce', { omit: ['Wechatpay-Nonce'] }, 'missing-header'],
    ['missing Wechatpay-Serial', { omit: ['Wechatpay-Serial'] }, 'missing-header'],
  ])('%s → SignatureError', async (_name, reply, reason) => {
    server.handler = () => json({ total_count: 1 }, reply);
    const err = await rejection(call());
    expect(err).toBeInstanceOf(SignatureError);
    expect((err as SignatureError).reason).toBe(reason);
    expect((err as SignatureError).code).toBe('signature');
    expect((err as SignatureError).requestId).toBe('req-0001');
    // The unverified body is not handed back.
    expect(JSON.stringify(err)).not.toContain('total_count');
  });

  test('a timestamp within 300 s verifies', async () => {
    server.handler = () => json({ total_count: 1 }, { timestamp: String(now() - 250) });
    await expect(call()).resolves.toMatchObject({ status: 200, data: { total_count: 1 } });
  });

  test('verification is over the raw bytes (whitespace and key order as sent)', async () => {
    const raw = '{ "b" : 1,\n  "a":"中文" }';
    server.handler = () => ({ body: raw });
    const res = await call();
    expect(res.data).toEqual({ b: 1, a: '中文' });
  });

  test('204 verifies against an empty body', async () => {
    server.handler = () => ({ status: 204 });
    const res: ApiResponse<unknown> = await client.chain('v3/test/orders/{out_trade_no}/close').post({ out_trade_no: 'T1', json: { mchid: MCHID } });
    expect(res.status).toBe(204);
    expect(res.data).toBeUndefined();
    expect(last().auth.ok).toBe(true);
  });

  test('204 with a bad signature is rejected', async () => {
    server.handler = () => ({ status: 204, signature: Buffer.alloc(256, 1).toString('base64') });
    const err = await rejection(client.chain('v3/test/orders/{out_trade_no}/close').post({ out_trade_no: 'T1', json: { mchid: MCHID } }));
    expect((err as SignatureError).reason).toBe('bad-signature');
  });

  test('a verified 2xx body that is not JSON is a MalformedResponseError, not an ApiError', async () => {
    server.handler = () => ({ body: 'not json' });
    const err = await rejection(call());
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(err).not.toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'malformed-response', part: 'json', status: 200, requestId: 'req-0001' });
  });
});

describe('response decryption', () => {
  const encryptedAnswer = (key: crypto.KeyObject) =>
    json({
      openid: 'o',
      real_name_info: { encrypted_real_name: oaepEncrypt('张三', key), credential_type: 1, encrypted_credential_id: oaepEncrypt('110101199003071234', key) },
    });
  const call = (extra: Record<string, unknown> = {}) =>
    client.v3.facemch.users._face_sid_.get({ face_sid: 's', query: { info_type: 'ASK_REAL_NAME', appid: 'wx' }, ...extra });

  test('sensitive response fields come back as plaintext', async () => {
    server.handler = () => encryptedAnswer(MERCHANT_PUBLIC);
    const res = await call();
    expect(res.data).toEqual({
      openid: 'o',
      real_name_info: { encrypted_real_name: '张三', credential_type: 1, encrypted_credential_id: '110101199003071234' },
    });
  });

  test('service-provider mode: fields for the sub-merchant key need decryptKey', async () => {
    server.handler = () => encryptedAnswer(SUB_PUBLIC);
    const err = await rejection(call());
    expect(err).toBeInstanceOf(DecryptionError);
    expect((err as DecryptionError).path).toBe('real_name_info.encrypted_real_name');
    expect((err as Error).message).toContain('real_name_info.encrypted_real_name');
    const res = await call({ decryptKey: SUB_PRIVATE });
    expect(res.data.real_name_info.encrypted_real_name).toBe('张三');
    const res2 = await call({ decryptKey: require('./vectors').GO_PRIVATE_KEY });
    expect(res2.data.real_name_info.encrypted_credential_id).toBe('110101199003071234');
  });

  test('arrays of objects and arrays of strings are decrypted; absent and empty values left alone', async () => {
    server.handler = () =>
      json({ items: [{ secret: oaepEncrypt('s0', MERCHANT_PUBLIC) }, {}, { secret: '' }], tags: [oaepEncrypt('t0', MERCHANT_PUBLIC), ''] });
    const res = await client.chain('v3/test/deep/{id}').post({ id: 'x', json: {} });
    expect(res.data).toEqual({ items: [{ secret: 's0' }, {}, { secret: '' }], tags: ['t0', ''] });
  });

  test('a field that is not ciphertext is a DecryptionError naming its path', async () => {
    server.handler = () => json({ items: [{ secret: 'plain?' }] });
    const err = await rejection(client.chain('v3/test/deep/{id}').post({ id: 'x', json: {} }));
    expect((err as DecryptionError).path).toBe('items[0].secret');
  });
});

describe('errors from WeChat Pay', () => {
  const call = () => client['v3/edu-papay/user/{openid}/contracts'].get({ openid: 'o', query: { appid: 'wx' } });

  test('JSON error body', async () => {
    server.handler = () => json({ code: 'PARAM_ERROR', message: '参数错误', detail: { field: 'appid', location: 'query' } }, { status: 400 });
    const err = (await rejection(call())) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'api', status: 400, errorCode: 'PARAM_ERROR', message: expect.stringContaining('参数错误'), requestId: 'req-0001' });
    expect(err.detail).toEqual({ field: 'appid', location: 'query' });
  });

  test('non-JSON error body still gives a useful error', async () => {
    server.handler = () => ({ status: 502, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'Content-Type': 'text/html' } });
    const err = (await rejection(call())) as ApiError;
    expect(err).toMatchObject({ status: 502, errorCode: 'UNKNOWN' });
    expect(err.message).toContain('502 Bad Gateway');
  });

  test('empty error body', async () => {
    server.handler = () => ({ status: 500 });
    const err = (await rejection(call())) as ApiError;
    expect(err).toMatchObject({ status: 500, errorCode: 'UNKNOWN' });
    expect(err.message).toMatch(/500/);
  });
});

describe('validation before sending', () => {
  test('every offending field is listed, nothing is sent', async () => {
    const err = (await rejection(
      client.v3.gov.subsidy.qualifications.passthrough.query.post({
        json: { real_name: 'x', qualification_region_code: '310100', identity_document_type: 'PASSPORT' },
      }),
    )) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.path).sort()).toEqual([
      'json.id_card_number',
      'json.identity_document_type',
      'json.phone_number',
      'json.qualification_region_code',
    ]);
    expect(server.received).toHaveLength(0);
  });

  test('validate: false sends what it is given (but still needs path parameters)', async () => {
    const c = buildClient<AnyClient>(table, { ...base, validate: false });
    await c.v3.facemch.users._face_sid_.get({ face_sid: 's', query: { info_type: 'WHATEVER' } });
    expect(last().url).toBe('/v3/facemch/users/s?info_type=WHATEVER');
    const err = (await rejection(c.v3.facemch.users._face_sid_.get({ query: {} }))) as ValidationError;
    expect(err.issues).toEqual([{ path: 'face_sid', message: 'is required' }]);
  });

  test.each([true, false])('a path parameter "." or ".." is refused before anything is sent (validate: %s): a URL would resolve it away', async (validate) => {
    const c = buildClient<AnyClient>(table, { ...base, validate });
    const before = server.received.length;
    for (const face_sid of ['.', '..']) {
      const err = (await rejection(c.v3.facemch.users._face_sid_.get({ face_sid, query: { info_type: 'ASK_UNIONID', appid: 'wx1' } }))) as ValidationError;
      expect(err).toBeInstanceOf(ValidationError);
      expect(err.issues).toEqual([{ path: 'face_sid', message: 'must not be "." or ".." (a URL resolves that segment away)' }]);
    }
    await c.v3.facemch.users._face_sid_.get({ face_sid: '...', query: { info_type: 'ASK_UNIONID', appid: 'wx1' } });
    expect(last().url).toBe('/v3/facemch/users/...?info_type=ASK_UNIONID&appid=wx1');
    expect(server.received.length).toBe(before + 1);
  });
});

describe('uploads and downloads', () => {
  test('multipart upload: meta JSON part signed as BODY, file part with the bytes', async () => {
    server.handler = () => json({ media_id: 'M1' });
    const file = crypto.randomBytes(64);
    const meta = { filename: 'photo.jpg', sha256: crypto.createHash('sha256').update(file).digest('hex') };
    const res = await client.v3.merchant.media.upload.post({ multipart: { file, meta } });
    expect(res.data).toEqual({ media_id: 'M1' });
    const r = last();
    const ctype = r.headers['content-type'] as string;
    const m = /^multipart\/form-data; boundary=(.+)$/.exec(ctype);
    expect(m).not.toBeNull();
    const boundaryStr = (m as RegExpExecArray)[1] as string;
    // Parse the parts with Web APIs, independently of our encoder.
    const form = await new Response(new Uint8Array(r.body), { headers: { 'content-type': ctype } }).formData();
    const metaText = form.get('meta') as string;
    expect(JSON.parse(metaText)).toEqual(meta);
    const filePart = form.get('file') as File;
    expect(filePart.name).toBe('photo.jpg');
    expect(filePart.type).toBe('image/jpeg');
    expect(Buffer.from(await filePart.arrayBuffer()).equals(file)).toBe(true);
    // RFC 2046 §5.1.1: 1–70 characters from bchars (no space, so the header may give it unquoted)
    expect(boundaryStr).toMatch(/^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/);
    // the body is framed by exactly the header's boundary: the first delimiter opens it, one per part, the close ends it
    const wire = Buffer.from(r.body).toString('latin1');
    expect(wire.startsWith(`--${boundaryStr}\r\n`)).toBe(true);
    expect(wire.endsWith(`\r\n--${boundaryStr}--\r\n`)).toBe(true);
    expect(wire.split(`--${boundaryStr}`).length - 1).toBe(3); // meta, file, close
    // The signature covers the meta JSON, not the multipart bytes.
    const { checkAuthorization } = require('./support');
    expect(checkAuthorization('POST', r.url, r.headers.authorization, Buffer.from(metaText)).ok).toBe(true);
    expect(r.auth.ok).toBe(false);
    // a fresh boundary per upload (a fixed one could occur inside some file's bytes)
    await client.v3.merchant.media.upload.post({ multipart: { file, meta } });
    expect(/boundary=(.+)$/.exec(last().headers['content-type'] as string)?.[1]).not.toBe(boundaryStr);
  });

  test('binary download: bytes as a Buffer, not verified (WeChat Pay does not sign downloads)', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    server.handler = () => ({ body: bytes, sign: false, headers: { 'Content-Type': 'application/octet-stream' } });
    const res = await client.v3.billdownload.file.get({ query: { token: 'T' } });
    expect(Buffer.isBuffer(res.data)).toBe(true);
    expect(res.data.equals(bytes)).toBe(true);
    expect(last().headers.accept).toBe('*/*');
    expect(last().auth.ok).toBe(true);
  });
});

describe('timeouts, cancellation, network', () => {
  const call = (extra: Record<string, unknown> = {}, c: AnyClient = client) =>
    c['v3/edu-papay/user/{openid}/contracts'].get({ openid: 'o', query: { appid: 'wx' }, ...extra });

  test('a slow answer past the client timeout is a TimeoutError', async () => {
    server.handler = () => json({}, { delayMs: 5_000 });
    const c = buildClient<AnyClient>(table, { ...base, timeout: 100 });
    const err = await rejection(call({}, c));
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeout).toBe(100);
  });

  test('the per-call timeout overrides the client one, and also covers a slow body', async () => {
    server.handler = () => json({}, { bodyDelayMs: 5_000 });
    const err = await rejection(call({ timeout: 100 }));
    expect(err).toBeInstanceOf(TimeoutError);
  });

  test('an aborted signal rejects with its reason', async () => {
    server.handler = () => json({}, { delayMs: 5_000 });
    const ctrl = new AbortController();
    const p = call({ signal: ctrl.signal });
    setTimeout(() => ctrl.abort(new Error('user went away')), 50);
    const err = await rejection(p);
    expect((err as Error).message).toBe('user went away');
  });

  test('an already-aborted signal sends nothing', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const err = await rejection(call({ signal: ctrl.signal }));
    expect((err as Error).name).toBe('AbortError');
    expect(server.received).toHaveLength(0);
  });

  test('no timer is left behind after calls end', async () => {
    // the calls' own timers (their timeout: 30 s by default, 60 s here), each followed from
    // setTimeout to clearTimeout; the process's other timers (the test server's keep-alive
    // bookkeeping, jest's) come and go on their own schedule and are not counted
    const realSet = globalThis.setTimeout;
    const realClear = globalThis.clearTimeout;
    const pending = new Set<unknown>();
    let made = 0;
    globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
      const t = realSet(fn, ms, ...rest);
      if (ms === 30_000 || ms === 60_000) {
        made++;
        pending.add(t);
      }
      return t;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((t?: Parameters<typeof clearTimeout>[0]) => {
      pending.delete(t);
      realClear(t);
    }) as typeof clearTimeout;
    try {
      await call();
      const ctrl = new AbortController();
      await call({ signal: ctrl.signal, timeout: 60_000 });
      server.handler = () => ({ status: 400 });
      await rejection(call());
    } finally {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    }
    expect(made).toBe(3); // one per call: these are the timers in question
    expect(pending.size).toBe(0);
  });

  test('connection refused is a NetworkError with the cause', async () => {
    const closed = await startServer(() => json({}));
    const url = closed.baseURL;
    await closed.close();
    const c = buildClient<AnyClient>(table, { ...base, baseURL: url });
    const err = await rejection(call({}, c));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).cause).toBeDefined();
  });
});
