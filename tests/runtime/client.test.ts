import * as crypto from 'node:crypto';
import { buildClient, ConfigError, WxPayError } from '../../templates/runtime/index';
import type { ClientOptions, Endpoint, OperationDescriptor, OperationTable } from '../../templates/runtime/index';
import { buildKeyring } from '../../templates/runtime/keyring';
import { GO_CERT_D7CE, GO_CERT_F576, GO_PRIVATE_KEY } from './vectors';
import {
  MCHID,
  MERCHANT_CERT_PEM,
  MERCHANT_KEY_PEM,
  MERCHANT_SERIAL,
  PLATFORM_PUBLIC_PEM,
  PUB_KEY_ID,
  contractsGet,
  facemchGet,
  table,
} from './support';

const options: ClientOptions = {
  mchid: MCHID,
  serial: MERCHANT_SERIAL,
  privateKey: MERCHANT_KEY_PEM,
  certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM },
};

type AnyClient = any;

describe('the client tree', () => {
  const client = buildClient<AnyClient>(table, options);

  test('chain, key and chain() reach the same endpoint object', () => {
    const byChain = client.v3.eduPapay.user._openid_.contracts;
    expect(typeof byChain.get).toBe('function');
    expect(client['v3/edu-papay/user/{openid}/contracts']).toBe(byChain);
    expect(client.chain('v3/edu-papay/user/{openid}/contracts')).toBe(byChain);
    expect(client.chain('/v3/edu-papay/user/{openid}/contracts')).toBe(byChain);
    expect(client.v3.facemch.users._face_sid_.get).toBe(client.chain('v3/facemch/users/{face_sid}').get);
    expect(client.v3.gov.subsidy.qualifications.passthrough.query.post).toBeInstanceOf(Function);
  });

  test('chain() with an unknown key throws a ConfigError naming it', () => {
    expect(() => client.chain('v3/nope/{x}')).toThrow(ConfigError);
    expect(() => client.chain('v3/nope/{x}')).toThrow(/unknown endpoint 'v3\/nope\/\{x\}'/);
  });

  test('only declared methods exist', () => {
    const ep: Endpoint = client.chain('v3/facemch/users/{face_sid}');
    expect(Object.keys(ep)).toEqual(['get']);
    expect(ep['post']).toBeUndefined();
  });

  test('a key that is a prefix of another is both an endpoint and a chain node', () => {
    const op = (method: 'GET' | 'POST', path: string): OperationDescriptor => ({
      ...contractsGet,
      method,
      path,
      request: {},
    });
    const t: OperationTable = {
      'v3/pay/transactions/id/{transaction_id}': { get: { ...op('GET', '/v3/pay/transactions/id/{transaction_id}') } },
      'v3/pay/transactions': { post: op('POST', '/v3/pay/transactions') },
      'v3/pay/transactions/native': { post: op('POST', '/v3/pay/transactions/native') },
    };
    const c = buildClient<AnyClient>(t, options);
    expect(typeof c.v3.pay.transactions.post).toBe('function');
    expect(typeof c.v3.pay.transactions.native.post).toBe('function');
    expect(typeof c.v3.pay.transactions.id._transaction_id_.get).toBe('function');
    expect(c['v3/pay/transactions']).toBe(c.v3.pay.transactions);
  });

  test('a segment named like a method of the same endpoint is refused at construction', () => {
    const t: OperationTable = {
      'v3/things': { get: { ...facemchGet, path: '/v3/things' } },
      'v3/things/get': { post: { ...facemchGet, method: 'POST', path: '/v3/things/get' } },
    };
    expect(() => buildClient(t, options)).toThrow(ConfigError);
    expect(() => buildClient(t, options)).toThrow(/collides/);
  });

  test('the tree is frozen and holds no options or key', () => {
    expect(Object.isFrozen(client)).toBe(true);
    expect(Object.isFrozen(client.v3.facemch)).toBe(true);
    const dump = JSON.stringify(client) + require('node:util').inspect(client, { depth: 20, showHidden: true });
    expect(dump).not.toContain('PRIVATE KEY');
    expect(dump).not.toContain('MIIE');
  });
});

describe('construction errors', () => {
  const badKey = MERCHANT_KEY_PEM.replace('MIIEvQIBADAN', 'MIIEvQIBADAX');
  test.each<[string, Partial<ClientOptions>, RegExp]>([
    ['malformed private key', { privateKey: badKey }, /privateKey is a string that is not a usable RSA key/],
    ['public key as private key', { privateKey: PLATFORM_PUBLIC_PEM }, /privateKey/],
    ['missing private key', { privateKey: undefined as unknown as string }, /privateKey is missing/],
    ['malformed cert', { certs: { [PUB_KEY_ID]: 'garbage' } }, /certs\['PUB_KEY_ID_0114232134912410000000000000'\]/],
    ['empty certs', { certs: {} }, /certs is empty/],
    ['missing certs', { certs: undefined as unknown as Record<string, string> }, /certs is missing/],
    ['certificate keyed by another serial', { certs: { ABCDEF: MERCHANT_CERT_PEM } }, /whose serial is 5F1C72E2/],
    ['no mchid', { mchid: '' }, /mchid/],
    ['quote in serial', { serial: 'a"b' }, /serial must not contain quotes/],
    ['bad baseURL', { baseURL: 'not a url' }, /baseURL/],
    ['negative timeout', { timeout: -1 }, /timeout/],
    ['apiV3Key of 31 characters', { apiV3Key: 'garbage0garbage0garbage0garbage' }, /apiV3Key is not 32 printable ASCII characters/],
    ['apiV3Key not a string', { apiV3Key: 42 as unknown as string }, /apiV3Key is of type number/],
  ])('%s → ConfigError', (_name, patch, re) => {
    let err: unknown;
    try {
      buildClient(table, { ...options, ...patch });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(WxPayError);
    expect((err as ConfigError).code).toBe('config');
    expect((err as Error).message).toMatch(re);
    // Never quotes the key material.
    expect((err as Error).message).not.toMatch(/MII|BEGIN|garbage/);
  });
});

describe('keyring', () => {
  test('the Go SDK encryptor picks the newest certificate: so do we', () => {
    const ring = buildKeyring(GO_PRIVATE_KEY, { [GO_CERT_F576.serial]: GO_CERT_F576.pem, [GO_CERT_D7CE.serial]: GO_CERT_D7CE.pem });
    expect(ring.defaultSerial).toBe('D7CE59D1F522D701');
    const ring2 = buildKeyring(GO_PRIVATE_KEY, { [GO_CERT_D7CE.serial]: GO_CERT_D7CE.pem, [GO_CERT_F576.serial]: GO_CERT_F576.pem });
    expect(ring2.defaultSerial).toBe('D7CE59D1F522D701');
  });

  test('a PUB_KEY_ID_ entry wins over certificates', () => {
    const ring = buildKeyring(GO_PRIVATE_KEY, { [GO_CERT_D7CE.serial]: GO_CERT_D7CE.pem, [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM });
    expect(ring.defaultSerial).toBe(PUB_KEY_ID);
  });

  test('bare public keys only: the last one', () => {
    const k = crypto.createPublicKey(GO_PRIVATE_KEY);
    const ring = buildKeyring(GO_PRIVATE_KEY, { A1: k, B2: PLATFORM_PUBLIC_PEM });
    expect(ring.defaultSerial).toBe('B2');
    expect(ring.certs.get('A1')).toBe(k);
  });

  test('certificate serials match case-insensitively', () => {
    const ring = buildKeyring(GO_PRIVATE_KEY, { d7ce59d1f522d701: GO_CERT_D7CE.pem });
    expect(ring.defaultSerial).toBe('d7ce59d1f522d701');
  });
});
