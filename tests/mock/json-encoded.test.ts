/**
 * The mock and JSON-encoded string fields: on the wire it takes and gives the encoded string (as WeChat
 * Pay does), checks what the string holds against contentSchema, and records the decoded value.
 * Expectations written by hand from tests/fixtures/json-encoded/spec.yaml.
 */
import { join, resolve } from 'node:path';
import { buildModel, loadSpec } from '../../generator';
import { descriptorOf } from '../../generator/emit/operations';
import { prepareKeys, startMockServer } from '../../mock';
import type { MockServer } from '../../mock';
import { buildClient } from '../../templates/runtime/index';
import type { OperationTable } from '../../templates/runtime/index';
import { encrypt, signed } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const model = buildModel(loadSpec(join('tests', 'fixtures', 'json-encoded', 'spec.yaml'), ROOT));
const table: OperationTable = {};
for (const op of model.operations) (table as Record<string, Record<string, unknown>>)[op.key] = { ...(table[op.key] ?? {}), [op.method.toLowerCase()]: descriptorOf(op) };
const keys = prepareKeys({});
const signer = { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey };

let server: MockServer;
let client: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the runtime is under test here

beforeAll(async () => {
  server = await startMockServer({ model, keys });
  client = buildClient(table, { mchid: keys.mchid, serial: keys.serial, privateKey: keys.merchantPrivateKey, certs: { [keys.publicKeyId]: keys.wechatpayPublicKey }, baseURL: server.url });
});
afterAll(() => server.close());

it('answers with the encoded strings (nested too) and the client gets the values', async () => {
  const raw = await signed(server.url, signer, 'GET', `/v3/records?partner=${encodeURIComponent('{"type":"APPID"}')}`);
  expect(raw.status).toBe(200);
  const wire = JSON.parse(raw.text) as Record<string, unknown>;
  expect(wire['extends']).toBe('{}');
  expect(typeof wire['requested_item_info']).toBe('string');
  const info = JSON.parse(wire['requested_item_info'] as string) as { record_fields: { name: string; repeated_field_data: unknown }[] };
  expect(info.record_fields[0]?.name).toBe('门店');
  expect(JSON.parse(info.record_fields[0]?.repeated_field_data as string)).toEqual([{ address: '深圳' }]);

  const res = await client.v3.records.get({ query: { partner: { type: 'MERCHANT', appid: 'wx1' } } });
  expect(res.data).toEqual({ extends: '{}', requested_item_info: { record_fields: [{ name: '门店', repeated_field_data: [{ address: '深圳' }] }] } });
  expect(server.received.at(-1)).toMatchObject({ verdict: 'ok', query: { partner: { type: 'MERCHANT', appid: 'wx1' } } });
});

it('takes the encoded body field, decrypts the sensitive field inside it, records the value', async () => {
  const res = await client.v3.records.submissions.post({ json: { submit_data: { record_fields: [{ item_id: 'A1', contact: '13800138000' }] } } });
  expect(res.data).toEqual({ submission: { state: 'ACCEPTED' } });
  expect(server.received.at(-1)).toMatchObject({ verdict: 'ok', decrypted: true, json: { submit_data: { record_fields: [{ item_id: 'A1', contact: '13800138000' }] } } });
});

it.each([
  ['an object instead of its JSON text', { record_fields: [] }, 'must be a string'],
  ['text that is not JSON', '{"record_fields":', 'is not valid JSON'],
  ['JSON that breaks contentSchema', '{"record_fields":[{"contact":"x"}]}', 'is required but missing'],
])('refuses %s with PARAM_ERROR naming the field', async (_what, value, issue) => {
  const res = await signed(server.url, signer, 'POST', '/v3/records/submissions', { submit_data: value }, { 'Wechatpay-Serial': keys.publicKeyId });
  expect(res.status).toBe(400);
  const body = JSON.parse(res.text) as { code: string; detail: { field: string; issue: string } };
  expect(body.code).toBe('PARAM_ERROR');
  expect(body.detail.field).toMatch(/^\/submit_data/);
  expect(body.detail.issue).toContain(issue);
});

it('a sensitive field inside the encoded string must be ciphertext there', async () => {
  const good = { submit_data: JSON.stringify({ record_fields: [{ item_id: 'A1', contact: encrypt(keys.wechatpayPublicKey, '张三') }] }) };
  const ok = await signed(server.url, signer, 'POST', '/v3/records/submissions', good, { 'Wechatpay-Serial': keys.publicKeyId });
  expect(ok.status).toBe(200);
  expect(server.received.at(-1)).toMatchObject({ json: { submit_data: { record_fields: [{ contact: '张三' }] } } });
  const plain = { submit_data: JSON.stringify({ record_fields: [{ item_id: 'A1', contact: '张三' }] }) };
  const refused = await signed(server.url, signer, 'POST', '/v3/records/submissions', plain, { 'Wechatpay-Serial': keys.publicKeyId });
  expect(refused.status).toBe(400);
  expect((JSON.parse(refused.text) as { detail: { field: string } }).detail.field).toBe('/submit_data/record_fields/0/contact');
});
