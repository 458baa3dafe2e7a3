/**
 * Specs that load but must not generate: typos that would silently drop a body or send a
 * sensitive field in plaintext, and specs whose output would not compile. Each is a SpecError
 * at the right file and line, naming what is wrong (and, for a clash, both places).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildModel, loadSpec, SpecError, type Model } from '../../generator';

const root = (paths: readonly string[]): string => `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
${paths.map((p, i) => `  ${p}:\n    $ref: './p${i}.yaml'`).join('\n')}
`;
const post = (schema: string, extra = ''): string => `post:
${extra}  requestBody:
    content:
      application/json:
        schema:
${schema.replace(/^/gm, '          ')}
  responses:
    '204': { description: done }
`;
const getWith = (param: string): string => `get:
  parameters:
    - { name: ${param}, in: path, required: true, schema: { type: string } }
  responses:
    '204': { description: done }
`;

let base: string;
beforeAll(() => (base = mkdtempSync(join(tmpdir(), 'wxpay-gen-model-'))));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function build(files: Readonly<Record<string, string>>): Model | SpecError {
  const dir = mkdtempSync(join(base, 'case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  try {
    return buildModel(loadSpec('root.yaml', dir));
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
}

function expectProblem(got: Model | SpecError, file: string, line: number, message: RegExp): void {
  expect(got).toBeInstanceOf(SpecError);
  expect({ problems: (got as SpecError).problems }).toEqual({ problems: expect.arrayContaining([expect.objectContaining({ file, line, message: expect.stringMatching(message) })]) });
}

describe('unknown keys', () => {
  it('requestBdy: an error with a did-you-mean, not an operation without a body', () => {
    const got = build({ 'root.yaml': root(['/v3/x']), 'p0.yaml': post('type: object').replace('requestBody:', 'requestBdy:') });
    expectProblem(got, 'p0.yaml', 3, /unknown key "requestBdy" in an operation; did you mean "requestBody"\?/);
  });

  it.each(['x-encypted', 'x-encrypt', 'x-Encrypted', 'encrypted', 'x-encrpyted'])('%s: rsa is an error (the field would go out in plaintext)', (key) => {
    const got = build({ 'root.yaml': root(['/v3/x']), 'p0.yaml': post(`type: object\nproperties:\n  phone: { type: string, ${key}: rsa }`) });
    expectProblem(got, 'p0.yaml', 8, /did you mean "x-encrypted"\? A misspelt mark would send the field in plaintext/);
  });

  it.each([
    ['a parameter', getWith('id').replace('in: path,', 'in: path, requird: true,'), 3, /unknown key "requird" in a parameter; did you mean "required"\?/],
    ['a schema', post('type: object\nproperites: {}'), 7, /unknown key "properites" in a schema; did you mean "properties"\?/],
    ['a response', post('type: object').replace("{ description: done }", "{ descripton: done }"), 8, /unknown key "descripton" in a response; did you mean "description"\?/],
    ['a request body', post('type: object').replace('  requestBody:\n', '  requestBody:\n    requierd: true\n'), 3, /unknown key "requierd" in a request body; did you mean "required"\?/],
  ] as const)('a typo in %s', (_kind, text, line, message) => {
    const paths = text.startsWith('get') ? ['/v3/x/{id}'] : ['/v3/x'];
    expectProblem(build({ 'root.yaml': root(paths), 'p0.yaml': text }), 'p0.yaml', line, message);
  });

  it('an unknown vendor extension is a located warning; the standard keywords real specs use are accepted', () => {
    const got = build({ 'root.yaml': root(['/v3/x']), 'p0.yaml': post('type: object\nx-vendor-note: hi\ntitle: T\nadditionalProperties: false\nproperties:\n  a: { type: string, maxLength: 32, pattern: "^a", deprecated: true, examples: [a], readOnly: true }', '  operationId: x\n  tags: [t]\n  deprecated: false\n') });
    expect(got).not.toBeInstanceOf(SpecError);
    expect((got as Model).warnings).toEqual([expect.objectContaining({ file: 'p0.yaml', line: 10, message: expect.stringMatching(/vendor extension "x-vendor-note" is not one wxpay-gen knows/) })]);
  });
});

describe('output that would not compile', () => {
  it.each(['timeout', 'json', 'signal', 'query', 'headers', 'decryptKey', 'retry', 'multipart', 'maxResponseBytes'])('a path parameter named {%s} (the Args type would not extend CallOptions)', (name) => {
    const got = build({ 'root.yaml': root([`/v3/x/{${name}}`]), 'p0.yaml': getWith(name) });
    expectProblem(got, 'p0.yaml', 3, new RegExp(`path parameter "${name}" of /v3/x/\\{${name}\\} has the name of the call's \`${name}\``));
  });

  it('*/ in a path (it would end a doc comment)', () => {
    expectProblem(build({ 'root.yaml': root(['/v3/a*/b']), 'p0.yaml': post('type: object') }), 'root.yaml', 5, /path "\/v3\/a\*\/b" has the character "\*"/);
  });

  it('a path segment "chain" at the root', () => {
    expectProblem(build({ 'root.yaml': root(['/chain/x']), 'p0.yaml': post('type: object') }), 'root.yaml', 5, /first segment "chain" of \/chain\/x is taken on the client's root/);
  });

  it('/v3/a/get/b beside GET /v3/a: the segment "get" collides with the method, both paths named', () => {
    const got = build({ 'root.yaml': root(['/v3/a', '/v3/a/get/b']), 'p0.yaml': getWith('id').replace(/ {2}parameters:\n.*\n/, ''), 'p1.yaml': post('type: object') });
    expectProblem(got, 'root.yaml', 7, /the segment "get" of \/v3\/a\/get\/b collides with the GET method of \/v3\/a/);
  });

  it('a duplicate operationId names both operations', () => {
    const got = build({ 'root.yaml': root(['/v3/a', '/v3/b']), 'p0.yaml': post('type: object', '  operationId: same\n'), 'p1.yaml': post('type: object', '  operationId: same\n') });
    expectProblem(got, 'p1.yaml', 2, /operationId "same" of POST \/v3\/b is already the operationId of POST \/v3\/a/);
  });

  it('__proto__ as a property name stays a property, x-encrypted and all; the prototype is untouched', () => {
    const got = build({ 'root.yaml': root(['/v3/x']), 'p0.yaml': post('type: object\nproperties:\n  __proto__: { type: string, x-encrypted: rsa }\n  b: { type: string }') }) as Model;
    expect(got).not.toBeInstanceOf(SpecError);
    const props = got.operations[0]?.bodySchema?.properties ?? {};
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.keys(props)).toEqual(['__proto__', 'b']);
    expect(got.operations[0]?.encrypted.request).toEqual([{ in: 'body', pointer: '/__proto__' }]);
  });
});
