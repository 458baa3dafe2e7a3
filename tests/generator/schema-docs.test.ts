import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { generate } from '../../generator';

/**
 * The TSDoc of the generated types comes from the model: enum meanings, "pass plaintext" on a
 * sensitive field, and no ciphertext example. The expectations are written by hand for the spec
 * tests/fixtures/schema-docs/spec.yaml.
 */
const ROOT = resolve(__dirname, '..', '..');
const SPEC = 'tests/fixtures/schema-docs/spec.yaml';
const ENCRYPTS = 'Sensitive (`x-encrypted: rsa`): pass the plaintext; the client encrypts it with the WeChat Pay public key before sending.';
const DECRYPTS = 'Sensitive (`x-encrypted: rsa`): sent encrypted; the client decrypts it, so this is the plaintext.';

/** The members of an object type, array element types, `SerialOptional<…>` and `MultipartArgs<…>` looked through. */
function membersOf(type: ts.TypeNode | undefined): ts.NodeArray<ts.TypeElement> | undefined {
  while (type && (ts.isTypeOperatorNode(type) || ts.isArrayTypeNode(type) || ts.isParenthesizedTypeNode(type) || (ts.isTypeReferenceNode(type) && type.typeArguments?.length === 1))) {
    type = ts.isArrayTypeNode(type) ? type.elementType : ts.isTypeReferenceNode(type) ? type.typeArguments![0] : type.type;
  }
  return type && ts.isTypeLiteralNode(type) ? type.members : undefined;
}

/**
 * The member at `names` below the declaration `root` (the `paths` interface of schema.gen.d.ts, or an
 * `…Args` interface / `…Data` type of types.gen.d.ts).
 */
function member(file: ts.SourceFile, names: readonly string[], root = 'paths'): ts.PropertySignature {
  const decl = file.statements.find((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === root);
  if (!decl) throw new Error(`no declaration ${root}`);
  let members = ts.isInterfaceDeclaration(decl) ? decl.members : membersOf(decl.type);
  let found: ts.PropertySignature | undefined;
  for (const name of names) {
    found = members?.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && (ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) || ts.isNumericLiteral(m.name)) && m.name.text === name);
    if (!found) throw new Error(`no member ${name} in ${root} › ${names.join(' › ')}`);
    members = membersOf(found.type);
  }
  return found!;
}

/** The member's doc comment, without the comment markers and the indentation openapi-typescript adds. */
function docOf(file: ts.SourceFile, names: readonly string[], root?: string): string {
  const node = member(file, names, root);
  const raw = file.text.slice(node.getFullStart(), node.getStart(file)).trim();
  return raw
    .replace(/^\/\*\*\s*/, '')
    .replace(/\s*\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .filter((l) => l !== '')
    .join('\n');
}

describe('types from the model: field TSDoc', () => {
  const work = mkdtempSync(join(tmpdir(), 'wxpay-gen-schema-docs-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let file: ts.SourceFile;
  let types: ts.SourceFile;
  const op = ['/v3/people/{person_id}', 'post'];
  const body = [...op, 'requestBody', 'content', 'application/json'];
  const answer = [...op, 'responses', '200', 'content', 'application/json'];
  const ARGS = 'V3PeoplePersonIdPostArgs';
  const DATA = 'V3PeoplePersonIdPostData';

  let jsonFile: ts.SourceFile;
  let jsonTypes: ts.SourceFile;

  const parse = (dir: string, name: string): ts.SourceFile => ts.createSourceFile(name, readFileSync(join(work, dir, name), 'utf8'), ts.ScriptTarget.ES2022, true);

  beforeAll(async () => {
    await generate({ spec: SPEC, out: join(work, 'out'), cwd: ROOT });
    await generate({ spec: 'tests/fixtures/json-encoded/spec.yaml', out: join(work, 'json'), cwd: ROOT });
    jsonFile = parse('json', 'schema.gen.d.ts');
    jsonTypes = parse('json', 'types.gen.d.ts');
    file = parse('out', 'schema.gen.d.ts');
    types = parse('out', 'types.gen.d.ts');
  });

  // each field's doc is the same in schema.gen.d.ts (`paths`) and in the client's types (what a call's hover shows)

  it('a sensitive request field says the caller passes plaintext, and shows no (ciphertext) example', () => {
    expect(docOf(file, [...body, 'mobile'])).toBe(`@description 手机号\n${ENCRYPTS}`);
    expect(docOf(types, ['json', 'mobile'], ARGS)).toBe(`@description 手机号\n${ENCRYPTS}`);
  });

  it('an array of sensitive strings says so for every element, without the example list', () => {
    const doc = '@description 证件号列表\nSensitive (`x-encrypted: rsa`, every element): pass the plaintext; the client encrypts each element with the WeChat Pay public key before sending.';
    expect(docOf(file, [...body, 'id_numbers'])).toBe(doc);
    expect(docOf(types, ['json', 'id_numbers'], ARGS)).toBe(doc);
  });

  it('a sensitive answer field says the client decrypts it', () => {
    expect(docOf(file, [...answer, 'name'])).toBe(`@description 姓名\n${DECRYPTS}`);
    expect(docOf(types, ['name'], DATA)).toBe(`@description 姓名\n${DECRYPTS}`);
  });

  it('an enum field lists each value with its meaning, in enum order', () => {
    expect(docOf(file, [...body, 'state'])).toBe('@description 状态\n- `ON`: 启用\n- `OFF`: 停用\n@example ON\n@enum {string}');
    expect(docOf(file, [...answer, 'level'])).toBe('@description 级别\n- `1`: 初级\n- `2`: 高级\n@enum {integer}');
    expect(docOf(file, [...op, 'parameters', 'query', 'kind'])).toBe('@description 人员类型\n- `STAFF`: 员工\n- `GUEST`: 访客');
    expect(docOf(types, ['json', 'state'], ARGS)).toBe('@description 状态\n- `ON`: 启用\n- `OFF`: 停用\n@example ON\n@enum {string}');
    expect(docOf(types, ['level'], DATA)).toBe('@description 级别\n- `1`: 初级\n- `2`: 高级\n@enum {integer}');
    expect(docOf(types, ['query', 'kind'], ARGS)).toBe('@description 人员类型\n- `STAFF`: 员工\n- `GUEST`: 访客');
  });

  it('a plain field keeps its description and example', () => {
    expect(docOf(file, [...body, 'mchid'])).toBe('@description 商户号\n@example 1900000109');
    expect(docOf(types, ['json', 'mchid'], ARGS)).toBe('@description 商户号\n@example 1900000109');
  });

  it('a path parameter of the arguments has its description', () => {
    expect(docOf(types, ['person_id'], ARGS)).toBe('人员编号');
  });

  it('no ciphertext example is anywhere in the emitted types', () => {
    for (const cipher of ['1axtI9EZUr0343c89xQznxau', 'OEimkKuua8igpd', 'AAAAciphertextAAAA']) {
      expect(file.text).not.toContain(cipher);
      expect(types.text).not.toContain(cipher);
    }
  });

  it('a JSON-encoded string field says the client encodes it (request) or parses it (answer)', () => {
    const encodes = '@description 商户提交资料内容\nJSON-encoded on the wire (`contentMediaType: application/json`): pass the value; the client sends it as a JSON string.';
    const parses = '@description 需要提交的资料项\nJSON-encoded on the wire (`contentMediaType: application/json`): the client parses the JSON string, so this is the value.';
    // the string's own example is JSON text, not an example of the value
    const query = '@description 合作方信息`JSON`格式字符串\nJSON-encoded on the wire (`contentMediaType: application/json`): pass the value; the client sends it as a JSON string.';
    expect(docOf(jsonFile, ['/v3/records/submissions', 'post', 'requestBody', 'content', 'application/json', 'submit_data'])).toBe(encodes);
    expect(docOf(jsonFile, ['/v3/records', 'get', 'responses', '200', 'content', 'application/json', 'requested_item_info'])).toBe(parses);
    expect(docOf(jsonFile, ['/v3/records', 'get', 'parameters', 'query', 'partner'])).toBe(query);
    expect(docOf(jsonTypes, ['json', 'submit_data'], 'V3RecordsSubmissionsPostArgs')).toBe(encodes);
    expect(docOf(jsonTypes, ['requested_item_info'], 'V3RecordsGetData')).toBe(parses);
    expect(docOf(jsonTypes, ['query', 'partner'], 'V3RecordsGetArgs')).toBe(query);
  });

  it('a consumer passing plaintext values and decoded JSON values type-checks; a wrong enum value or JSON text does not', () => {
    const consumer = join(work, 'consumer.ts');
    writeFileSync(consumer, [
      "import type { paths } from './out/schema.gen.js';",
      "type Body = paths['/v3/people/{person_id}']['post']['requestBody']['content']['application/json'];",
      "type Answer = paths['/v3/people/{person_id}']['post']['responses'][200]['content']['application/json'];",
      "export const body: Body = { mobile: '13800138000', state: 'ON', id_numbers: ['110101199003074477'] };",
      "export const level: NonNullable<Answer['level']> = 2;",
      '// @ts-expect-error not one of the enum values',
      "export const bad: Body['state'] = 'MAYBE';",
      "import type { paths as J } from './json/schema.gen.js';",
      "type Submit = J['/v3/records/submissions']['post']['requestBody']['content']['application/json'];",
      "export const submit: Submit = { submit_data: { record_fields: [{ item_id: 'A1', contact: '13800138000' }] } };",
      '// @ts-expect-error the client takes the value, not its JSON text',
      "export const text: Submit = { submit_data: '{\"record_fields\":[]}' };",
      "type Records = J['/v3/records']['get'];",
      "export const query: Records['parameters']['query'] = { partner: { type: 'APPID' } };",
      "export const address = (d: Records['responses'][200]['content']['application/json']): string | undefined => d.requested_item_info?.record_fields?.[0]?.repeated_field_data?.[0]?.address;",
      "export const plain = (d: Records['responses'][200]['content']['application/json']): string | undefined => d.extends;",
      // the same through the client's own types (types.gen.d.ts, which does not import paths)
      "import type { V3PeoplePersonIdPostArgs } from './out/index.js';",
      "import type { V3RecordsSubmissionsPostArgs, V3RecordsGetData } from './json/index.js';",
      "export const args: V3PeoplePersonIdPostArgs = { person_id: 'P1', query: { kind: 'GUEST' }, json: { mobile: '13800138000', state: 'OFF' } };",
      '// @ts-expect-error not one of the enum values',
      "export const badArgs: V3PeoplePersonIdPostArgs = { person_id: 'P1', json: { mobile: '13800138000', state: 'MAYBE' } };",
      '// @ts-expect-error the required mobile is missing',
      "export const missing: V3PeoplePersonIdPostArgs = { person_id: 'P1', json: { state: 'ON' } };",
      "export const submitArgs: V3RecordsSubmissionsPostArgs['json'] = { submit_data: { record_fields: [] } };",
      '// @ts-expect-error the client takes the value, not its JSON text',
      "export const textArgs: V3RecordsSubmissionsPostArgs['json'] = { submit_data: '{}' };",
      "export const fromData = (d: V3RecordsGetData): string | undefined => d.requested_item_info?.record_fields?.[0]?.repeated_field_data?.[0]?.address;",
      '',
    ].join('\n'));
    const program = ts.createProgram([consumer], {
      strict: true, noEmit: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});
