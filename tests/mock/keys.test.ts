import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_FILES, MockKeyError, prepareKeys } from '../../mock';

const pemPair = (): { privateKey: string; publicKey: string } =>
  generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wxpay-mock-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('an empty folder gets every file, private keys 0600; a second start reuses them and writes nothing', () => {
  const first = prepareKeys(dir);
  expect([...first.written].sort()).toEqual(Object.values(KEY_FILES).sort());
  expect(statSync(join(dir, KEY_FILES.merchantPrivateKey)).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, KEY_FILES.wechatpayPrivateKey)).mode & 0o777).toBe(0o600);
  expect(statSync(join(dir, KEY_FILES.apiV3Key)).mode & 0o777).toBe(0o600);
  expect(readFileSync(join(dir, KEY_FILES.apiV3Key), 'utf8')).toBe(`${first.apiV3Key}\n`);
  expect(first.apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(JSON.parse(readFileSync(join(dir, KEY_FILES.config), 'utf8'))).toEqual({ mchid: first.mchid, serial: first.serial, publicKeyId: first.publicKeyId });
  expect(first.serial).toMatch(/^[0-9A-F]{40}$/);
  expect(first.publicKeyId).toMatch(/^PUB_KEY_ID_\d{28}$/);
  const second = prepareKeys(dir);
  expect(second.written).toEqual([]);
  expect(second).toMatchObject({ mchid: first.mchid, serial: first.serial, publicKeyId: first.publicKeyId, merchantPrivateKey: first.merchantPrivateKey, wechatpayPublicKey: first.wechatpayPublicKey, apiV3Key: first.apiV3Key, dir });
});

test("a user's own keys and mock.json are used as they are; a missing public key is derived and written", () => {
  const merchant = pemPair();
  writeFileSync(join(dir, KEY_FILES.merchantPrivateKey), merchant.privateKey);
  writeFileSync(join(dir, KEY_FILES.config), JSON.stringify({ mchid: '1230000109', serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' }));
  const keys = prepareKeys(dir);
  expect(keys.merchantPrivateKey).toBe(merchant.privateKey);
  expect(keys.merchantPublicKey).toBe(merchant.publicKey);
  expect(keys).toMatchObject({ mchid: '1230000109', serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', publicKeyId: expect.stringMatching(/^PUB_KEY_ID_/) });
  expect([...keys.written].sort()).toEqual([KEY_FILES.merchantPublicKey, KEY_FILES.wechatpayPrivateKey, KEY_FILES.wechatpayPublicKey, KEY_FILES.apiV3Key].sort());
  expect(readFileSync(join(dir, KEY_FILES.merchantPublicKey), 'utf8')).toBe(merchant.publicKey);
});

test('a folder that does not exist is created', () => {
  const keys = prepareKeys(join(dir, 'a', 'b'));
  expect(keys.written).toContain(KEY_FILES.config);
});

test.each([
  ['a public key without its private key', (d: string) => writeFileSync(join(d, KEY_FILES.wechatpayPublicKey), pemPair().publicKey), /pub_key\.pem is there but wechatpay_key\.pem is not/],
  ['halves of two different pairs', (d: string) => {
    writeFileSync(join(d, KEY_FILES.merchantPrivateKey), pemPair().privateKey);
    writeFileSync(join(d, KEY_FILES.merchantPublicKey), pemPair().publicKey);
  }, /apiclient_pub\.pem does not belong to apiclient_key\.pem/],
  ['a file that is not a key', (d: string) => writeFileSync(join(d, KEY_FILES.merchantPrivateKey), 'hello'), /apiclient_key\.pem is not a PEM private key/],
  ['a broken mock.json', (d: string) => writeFileSync(join(d, KEY_FILES.config), '{"mchid":'), /mock\.json must be a JSON object/],
  ['an apiv3.key that is not 32 characters', (d: string) => writeFileSync(join(d, KEY_FILES.apiV3Key), 'tooShortSecretKey\n'), /apiv3\.key must hold the 32-character APIv3 key/],
  ['a mock.json with a number', (d: string) => writeFileSync(join(d, KEY_FILES.config), '{"mchid":1}'), /"mchid" must be a non-empty string/],
])('%s is a MockKeyError naming the file, never the key text', (_, setup, message) => {
  setup(dir);
  let thrown: unknown;
  try {
    prepareKeys(dir);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(MockKeyError);
  expect((thrown as Error).message).toMatch(message);
  expect(JSON.stringify({ ...(thrown as object), message: (thrown as Error).message })).not.toMatch(/BEGIN|PRIVATE|tooShortSecretKey/);
});

test('in-memory keys: given material kept, the rest generated, nothing written', () => {
  const merchant = pemPair();
  const keys = prepareKeys({ merchantPrivateKey: merchant.privateKey, mchid: '1900000002' });
  expect(keys).toMatchObject({ mchid: '1900000002', merchantPrivateKey: merchant.privateKey, merchantPublicKey: merchant.publicKey, written: [] });
  expect(keys.dir).toBeUndefined();
  expect(keys.wechatpayPrivateKey).toContain('BEGIN PRIVATE KEY');
});

test("a user's apiv3.key is used as it is (surrounding whitespace trimmed); in memory, a given apiV3Key is kept", () => {
  writeFileSync(join(dir, KEY_FILES.apiV3Key), ' a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb\r\n');
  const keys = prepareKeys(dir);
  expect(keys.apiV3Key).toBe('a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb');
  expect(keys.written).not.toContain(KEY_FILES.apiV3Key);
  expect(prepareKeys({ apiV3Key: 'a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb' }).apiV3Key).toBe('a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb');
  expect(prepareKeys({}).apiV3Key).toMatch(/^[A-Za-z0-9]{32}$/);
});
