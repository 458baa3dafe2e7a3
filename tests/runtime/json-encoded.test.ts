/**
 * JSON-encoded string fields (`contentMediaType: application/json` + `contentSchema`): the model records
 * where they are, the client takes and gives their decoded value and puts JSON text on the wire, a
 * malformed inner JSON in an answer is a MalformedResponseError naming the field. The wire is checked by
 * a plain HTTP server (tests/runtime/support.ts) that signs with node:crypto; expectations written by hand.
 */
import { join, resolve } from 'node:path';
import { buildModel, loadSpec } from '../../generator';
import { descriptorOf } from '../../generator/emit/operations';
import { buildClient, MalformedResponseError, ValidationError } from '../../templates/runtime/index';
import type { OperationTable } from '../../templates/runtime/index';
import { MCHID, MERCHANT_KEY_PEM, MERCHANT_SERIAL, PLATFORM_PRIVATE, PLATFORM_PUBLIC_PEM, PUB_KEY_ID, json, oaepDecrypt, startServer } from './support';
import type { TestServer } from './support';

const ROOT = resolve(__dirname, '..', '..');
const model = buildModel(loadSpec(join('tests', 'fixtures', 'json-encoded', 'spec.yaml'), ROOT));
const byId = new Map(model.operations.map((op) => [op.id, op]));
const table: OperationTable = {};
for (const op of model.operations) (table as Record<string, Record<string, unknown>>)[op.key] = { ...(table[op.key] ?? {}), [op.method.toLowerCase()]: descriptorOf(op) };

type AnyClient = any; // the generated types are checked in tests/generator/schema-docs.test.ts
let server: TestServer;
let client: AnyClient;

beforeAll(async () => {
  server = await startServer(() => json({}));
  client = buildClient<AnyClient>(table, { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: MERCHANT_KEY_PEM, certs: { [PUB_KEY_ID]: PLATFORM_PUBLIC_PEM }, baseURL: server.baseURL });
});
afterAll(() => server.close());

describe('the model records where JSON-encoded fields are, as { in, pointer }', () => {
  it('a query parameter; answer fields outer before inner', () => {
    expect(byId.get('GET v3/records')?.jsonEncoded).toEqual({
      request: [{ in: 'query', pointer: '/partner' }],
      response: [{ in: 'body', pointer: '/requested_item_info' }, { in: 'body', pointer: '/requested_item_info/record_fields/*/repeated_field_data' }],
    });
  });

  it('a body field, with the sensitive field inside it located through it', () => {
    const op = byId.get('POST v3/records/submissions');
    expect(op?.jsonEncoded).toEqual({ request: [{ in: 'body', pointer: '/submit_data' }], response: [{ in: 'body', pointer: '/submission' }] });
    expect(op?.encrypted).toEqual({ request: [{ in: 'body', pointer: '/submit_data/record_fields/*/contact' }], response: [] });
  });
});

describe('the client encodes on the way out and parses on the way in', () => {
  it('a query parameter goes as its JSON text; nested answer fields come back as values', async () => {
    const answer = {
      extends: '{}',
      requested_item_info: JSON.stringify({ record_fields: [{ name: '门店', repeated_field_data: JSON.stringify([{ address: '深圳' }, { address: '广州' }]) }] }),
    };
    server.handler = () => json(answer);
    const res = await client.v3.records.get({ query: { partner: { type: 'APPID', appid: 'wx4e1916a585d1f4e9' } } });
    const r = server.received.at(-1)!;
    expect(r.auth.ok).toBe(true);
    expect(r.url).toBe(`/v3/records?partner=${encodeURIComponent('{"type":"APPID","appid":"wx4e1916a585d1f4e9"}')}`);
    // the plain string field stays a string; the encoded ones are values, the inner one too
    expect(res.data).toEqual({ extends: '{}', requested_item_info: { record_fields: [{ name: '门店', repeated_field_data: [{ address: '深圳' }, { address: '广州' }] }] } });
  });

  it('a body field goes as a string of JSON, with its sensitive field encrypted inside; the answer field is parsed', async () => {
    server.handler = () => json({ submission: '{"state":"ACCEPTED"}' });
    const res = await client.v3.records.submissions.post({ json: { submit_data: { record_fields: [{ item_id: 'A1', contact: '13800138000' }, { item_id: 'A2' }] } } });
    const r = server.received.at(-1)!;
    expect(r.auth.ok).toBe(true);
    expect(r.body.toString('utf8')).not.toContain('13800138000');
    const sent = JSON.parse(r.body.toString('utf8')) as { submit_data: unknown };
    expect(typeof sent.submit_data).toBe('string');
    const inner = JSON.parse(sent.submit_data as string) as { record_fields: { item_id: string; contact?: string }[] };
    expect(inner.record_fields.map((f) => f.item_id)).toEqual(['A1', 'A2']);
    expect(oaepDecrypt(inner.record_fields[0]!.contact!, PLATFORM_PRIVATE)).toBe('13800138000');
    expect(inner.record_fields[1]).toEqual({ item_id: 'A2' });
    expect(res.data).toEqual({ submission: { state: 'ACCEPTED' } });
  });

  it('the caller gives the value: a string where the object belongs is a ValidationError, nothing sent', async () => {
    const before = server.received.length;
    const err = await client.v3.records.submissions.post({ json: { submit_data: '{"record_fields":[]}' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path)).toEqual(['json.submit_data']);
    expect(server.received.length).toBe(before);
  });

  it('a value JSON cannot carry is a ValidationError naming the field', async () => {
    const loop: Record<string, unknown> = { item_id: 'A1' };
    loop['self'] = loop;
    const err = await client.v3.records.submissions.post({ json: { submit_data: { record_fields: [loop] } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]?.path).toMatch(/^json\.submit_data/);
  });

  it.each([
    ['not JSON', { requested_item_info: '{"record_fields":[' }, 'requested_item_info'],
    ['an object where the string belongs', { requested_item_info: { record_fields: [] } }, 'requested_item_info'],
    ['the inner field not JSON', { requested_item_info: JSON.stringify({ record_fields: [{ repeated_field_data: '[{' }] }) }, 'requested_item_info.record_fields[0].repeated_field_data'],
  ])('an answer whose encoded field is %s is a MalformedResponseError naming it', async (_what, body, field) => {
    server.handler = () => json(body);
    const err = await client.v3.records.get({ query: { partner: { type: 'MERCHANT' } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(err).toMatchObject({ part: 'json', field, status: 200 });
    expect((err as Error).message).toContain(field);
  });
});
