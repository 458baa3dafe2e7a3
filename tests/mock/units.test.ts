import { constants, createVerify, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import type { Model, ModelOperation, ModelSchema } from '../../generator/model';
import { parseAuthorization } from '../../mock/auth';
import { exampleOf, sensitivePlaceholder } from '../../mock/example';
import { brokenJson, parseFaultHeader, tamperBody } from '../../mock/faults';
import { decryptRequest, encryptResponse } from '../../mock/fields';
import { Router } from '../../mock/routing';
import { checkValue } from '../../mock/validate';
import { prepareKeys, startMockServer } from '../../mock';
import { signed } from './helpers';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const enc = (s: string): string => publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(s)).toString('base64');
const dec = (s: string): string => privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(s, 'base64')).toString();

const str: ModelSchema = { type: 'string' };
const secret: ModelSchema = { type: 'string', encrypted: true };
function op(method: ModelOperation['method'], path: string, extra: Partial<ModelOperation> = {}): ModelOperation {
  const key = path.slice(1);
  return { id: `${method} ${key}`, method, path, key, chain: key.split('/'), deprecated: false, file: 'x.yaml', parameters: [], body: 'none', bodyRequired: false, success: { status: 200, kind: 'json', schema: { type: 'object', properties: {} } }, encrypted: { request: [], response: [] }, jsonEncoded: { request: [], response: [] }, ...extra };
}

describe('Router', () => {
  const router = new Router([op('GET', '/v3/a/{id}'), op('GET', '/v3/a/latest'), op('POST', '/v3/a/{id}/b'), op('GET', '/v3/a/{id}/b')]);
  test.each([
    ['GET', '/v3/a/latest', { kind: 'found', params: {} }],
    ['GET', '/v3/a/x%2Fy', { kind: 'found', params: { id: 'x/y' } }],
    ['PUT', '/v3/a/1/b', { kind: 'wrong-method', allow: ['GET', 'POST'] }],
    ['GET', '/v3/a/', { kind: 'none' }],
    ['GET', '/v3/a/1/b/c', { kind: 'none' }],
    ['GET', '/v3/a/%E0%A4%A', { kind: 'bad-param', param: 'id' }],
  ])('%s %s', (method, path, expected) => {
    expect(router.match(method, path)).toMatchObject(expected);
  });
});

describe('parseAuthorization', () => {
  test('reads the five parameters in any order, with spaces after commas', () => {
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 serial_no="S", mchid="1",nonce_str="n",timestamp="2",signature="a+b/c="')).toEqual({ serial_no: 'S', mchid: '1', nonce_str: 'n', timestamp: '2', signature: 'a+b/c=' });
  });
  test.each([
    ['WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2"', 'given twice'],
    ['WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="",signature="s",timestamp="1",serial_no="x"', 'nonce_str is missing or empty'],
    ['WECHATPAY2-SHA256-RSA2048', 'mchid is missing'],
  ])('%s', (header, message) => {
    expect(parseAuthorization(header)).toEqual(expect.stringContaining(message));
  });
});

describe('checkValue', () => {
  const schema: ModelSchema = {
    type: 'object',
    required: ['list'],
    properties: { list: { type: 'array', items: { type: 'object', required: ['n'], properties: { n: { type: 'integer' }, s: secret } } } },
  };
  test.each([
    [{ list: [{ n: 1 }, { n: 2.5 }] }, [{ field: '/list/1/n', value: 2.5, issue: 'must be an integer, found a fraction', location: 'body' }]],
    [{ list: [{}] }, [{ field: '/list/0/n', issue: 'is required but missing', location: 'body' }]],
    [{ list: null }, [{ field: '/list', issue: 'is required but missing', location: 'body' }]],
    [{ list: [{ n: 1, s: 5 }] }, [{ field: '/list/0/s', issue: 'must be a string, found a number', location: 'body' }]],
    [{ list: [{ n: 1, extra: true }] }, []],
    [[], [{ field: '', issue: 'must be an object, found an array', location: 'body' }]],
  ])('%j', (value, issues) => {
    const found: unknown[] = [];
    checkValue(schema, value, '', 'body', found as never);
    expect(found).toEqual(issues);
  });
});

const body = (pointer: string) => ({ in: 'body', pointer }) as const;

describe('field crypto at any depth', () => {
  test('decrypts body arrays, nested objects, arrays of strings, query, headers and path parameters; leaves empty values', () => {
    const slots = {
      json: { people: [{ name: enc('甲') }, { name: enc('乙') }, { name: '' }], tags: [enc('t1'), enc('t2')], deep: { x: { y: enc('深') } } },
      query: { q: enc('查询') },
      headers: { 'x-secret': enc('头') },
      params: { id: enc('路径') },
    };
    const paths = [body('/people/*/name'), body('/tags/*'), body('/deep/x/y'), { in: 'query', pointer: '/q' }, { in: 'header', pointer: '/X-Secret' }, { in: 'path', pointer: '/id' }] as const;
    const { issues, present } = decryptRequest(slots, paths, privateKey);
    expect(issues).toEqual([]);
    expect(present).toBe(8);
    expect(slots).toEqual({ json: { people: [{ name: '甲' }, { name: '乙' }, { name: '' }], tags: ['t1', 't2'], deep: { x: { y: '深' } } }, query: { q: '查询' }, headers: { 'x-secret': '头' }, params: { id: '路径' } });
  });

  test('names each undecryptable field where WeChat Pay would, never its value', () => {
    const slots = { json: { people: [{ name: enc('甲') }, { name: 'plain' }] }, query: { q: 'plain' }, headers: { 'x-secret': 'bm90IGEgYmxvY2s=' }, params: { id: 'plain' } };
    const { issues } = decryptRequest(slots, [body('/people/*/name'), { in: 'query', pointer: '/q' }, { in: 'header', pointer: '/X-Secret' }, { in: 'path', pointer: '/id' }], privateKey);
    expect(issues.map((i) => [i.location, i.field, 'value' in i])).toEqual([['body', '/people/1/name', false], ['query', 'q', false], ['header', 'x-secret', false], ['path', 'id', false]]);
  });

  test('encrypts response fields to the given key', () => {
    const body = { a: [{ s: 'one' }, { s: '' }], b: 'two' };
    encryptResponse(body, [{ in: 'body', pointer: '/a/*/s' }, { in: 'body', pointer: '/b' }], publicKey);
    expect(dec(body.a[0]?.s ?? '')).toBe('one');
    expect(body.a[1]?.s).toBe('');
    expect(dec(body.b)).toBe('two');
  });
});

describe('examples and faults helpers', () => {
  test('exampleOf: example, else enum, else placeholder; sensitive fields get a placeholder plaintext', () => {
    expect(exampleOf({ type: 'object', properties: { a: { type: 'integer', enum: [3, 4] }, b: { type: 'string', format: 'date-time' }, c: { type: 'array', items: { type: 'boolean' } }, d: secret, e: { type: 'string', example: 'x' }, f: str } }, 'data')).toEqual({ a: 3, b: '2026-01-01T00:00:00+08:00', c: [true], d: 'mock d', e: 'x', f: 'f' });
  });
  test.each([
    ['encrypted_real_name', '张三'],
    ['encrypted_credential_id', '110101199003071234'],
    ['bank_account_no', '6222020200000000000'],
    ['contact_mobile', '13800138000'],
    ['blob', 'mock blob'],
  ])('sensitivePlaceholder(%s) = %s', (name, sample) => {
    expect(sensitivePlaceholder(name)).toBe(sample);
  });
  test.each([
    ['{"a":"x1"}', '{"a":"x2"}'],
    ['{"a":"xz"}', '{"a":"xy"}'],
    ['{"n":1}', '{"o":1}'],
    ['{}', '{} '],
  ])('tamperBody %s → %s', (input, out) => {
    expect(tamperBody(Buffer.from(input)).toString()).toBe(out);
  });
  test('brokenJson never parses', () => {
    for (const t of ['{}', '{"a":1}', '[1,2,3]', '']) expect(() => JSON.parse(brokenJson(Buffer.from(t)).toString()) as unknown).toThrow();
  });
  test.each([
    ['slow=250', { name: 'slow', delayMs: 250 }],
    [' reset ', { name: 'reset' }],
    ['server-error=404', 'status must be a 5xx code'],
    ['signtest=3', 'takes no number'],
    ['SLOW', 'must be a fault name'],
  ])('parseFaultHeader(%j)', (text, expected) => {
    const got = parseFaultHeader(text);
    if (typeof expected === 'string') expect(got).toEqual(expect.stringContaining(expected));
    else expect(got).toEqual(expected);
  });
});

test('a hand-built model: encrypted query and path parameters, a 204 operation', async () => {
  const keys = prepareKeys({});
  const model: Model = {
    title: 't', version: '1', specName: 'x.yaml', servers: [], webhooks: [],
    operations: [
      op('GET', '/v3/people/{id}', {
        parameters: [{ name: 'id', in: 'path', required: true, schema: secret }, { name: 'q', in: 'query', required: true, schema: secret }],
        encrypted: { request: [{ in: 'path', pointer: '/id' }, { in: 'query', pointer: '/q' }], response: [] },
      }),
      op('DELETE', '/v3/people/{id}', { parameters: [{ name: 'id', in: 'path', required: true, schema: str }], success: { status: 204, kind: 'empty' } }),
    ],
  };
  const server = await startMockServer({ model, keys });
  try {
    const pk = keys.wechatpayPublicKey;
    const e = (s: string): string => encodeURIComponent(publicEncrypt({ key: pk, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, Buffer.from(s)).toString('base64'));
    const signer = { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey };
    const ok = await signed(server.url, signer, 'GET', `/v3/people/${e('编号')}?q=${e('问')}`, undefined, { 'Wechatpay-Serial': keys.publicKeyId });
    expect(ok.status).toBe(200);
    expect(server.received.at(-1)).toMatchObject({ params: { id: '编号' }, query: { q: '问' }, decrypted: true });
    const noSerial = await signed(server.url, signer, 'GET', `/v3/people/${e('编号')}?q=${e('问')}`);
    expect(JSON.parse(noSerial.text)).toMatchObject({ detail: { field: 'Wechatpay-Serial', location: 'header' } });
    const del = await signed(server.url, signer, 'DELETE', '/v3/people/1');
    expect(del.status).toBe(204);
    expect(del.body.length).toBe(0);
    // the answer is signed by the WeChat Pay key: the message rebuilt by hand (timestamp, nonce, empty body)
    const h = del.headers;
    expect(h['wechatpay-serial']).toBe(keys.publicKeyId);
    const message = `${String(h['wechatpay-timestamp'])}\n${String(h['wechatpay-nonce'])}\n\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(keys.wechatpayPublicKey, String(h['wechatpay-signature']), 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update(`${message}x`).verify(keys.wechatpayPublicKey, String(h['wechatpay-signature']), 'base64')).toBe(false);
  } finally {
    await server.close();
  }
});
