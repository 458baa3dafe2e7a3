import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importPagesSync } from '../../importer';
import { REPO, SAMPLE, SEEDS, tempDir } from './support';

/**
 * The four seed pages, imported, give the same specs as the hand-written ones in specs/:
 * same fields, types, required flags, enums, encrypted fields, parameters, responses and
 * documentation URL. Descriptions, examples and x-enum-descriptions (which the pages do not
 * carry) may differ and are left out of the comparison.
 */
type Json = unknown;

const root = parse(readFileSync(join(REPO, 'specs', 'wechatpay.yaml'), 'utf8')) as { components: { parameters: Record<string, Json> } };

/** Drops the keys that may differ and resolves the Wechatpay-Serial `$ref` into the parameter it names. */
function normalise(value: Json): Json {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, Json>;
  const ref = obj['$ref'];
  if (typeof ref === 'string' && ref.endsWith('wechatpay.yaml#/components/parameters/WechatpaySerial')) {
    return normalise(root.components.parameters['WechatpaySerial']);
  }
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'description' || k === 'example' || k === 'x-enum-descriptions') continue;
    out[k] = normalise(v);
  }
  return out;
}

describe('the four seed pages import to the hand-written specs', () => {
  const work = tempDir('import-seeds');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const result = importPagesSync({ inputs: SEEDS.map((s) => join(SAMPLE, `${s}.md`)), out: join(work, 'specs'), cwd: work });

  it('imports them cleanly', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.pages.map((p) => p.operations).flat().sort()).toEqual([
      'GET /v3/edu-papay/user/{openid}/contracts',
      'GET /v3/facemch/users/{face_sid}',
      'POST /v3/gov/subsidy/qualifications/passthrough/query',
      'POST /v3/gov/subsidy/zhejiang/authcode/issue',
    ]);
  });

  it.each(SEEDS)('%s equals the hand-written path file in content', (seed) => {
    const imported = parse(readFileSync(join(work, 'specs', 'paths', `${seed}.yaml`), 'utf8')) as Json;
    const handWritten = parse(readFileSync(join(REPO, 'specs', 'paths', `${seed}.yaml`), 'utf8')) as Json;
    expect(normalise(imported)).toEqual(normalise(handWritten));
  });

  it('the comparison is not vacuous: it sees types, required lists, enums and x-encrypted', () => {
    const issue = normalise(parse(readFileSync(join(work, 'specs', 'paths', 'v3/gov/subsidy/zhejiang/authcode/issue.yaml'), 'utf8'))) as {
      post: { requestBody: { content: { 'application/json': { schema: { required: string[]; properties: Record<string, Record<string, Json>> } } } } };
    };
    const schema = issue.post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['category_id', 'name', 'mobile', 'add_code', 'cert_type', 'cert_no', 'req_ssn']);
    expect(schema.properties['cert_type']).toEqual({ type: 'string', enum: ['1', '2', '3', '4', '5'] });
    expect(schema.properties['name']).toEqual({ type: 'string', 'x-encrypted': 'rsa' });
  });

  it('the root lists the four paths, sorted, with the components of specs/wechatpay.yaml', () => {
    type Root = { openapi: string; servers: Json; paths: Record<string, { $ref: string }>; components: Json };
    const created = parse(readFileSync(join(work, 'specs', 'wechatpay.yaml'), 'utf8')) as Root;
    const handRoot = parse(readFileSync(join(REPO, 'specs', 'wechatpay.yaml'), 'utf8')) as Root;
    expect(created.paths).toEqual(handRoot.paths);
    expect(Object.keys(created.paths)).toEqual([...Object.keys(created.paths)].sort());
    expect(created.components).toEqual(handRoot.components);
    expect(created.servers).toEqual(handRoot.servers);
    expect(created.openapi).toBe(handRoot.openapi);
  });
});
