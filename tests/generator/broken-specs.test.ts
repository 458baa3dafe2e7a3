import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generate, SpecError } from '../../generator';
import { listFiles } from '../../generator/write';

/** A minimal valid root whose paths entry points at paths/x.yaml. */
const ROOT = `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /v3/x/{id}:
    $ref: './paths/x.yaml'
`;
/** A valid path file; cases replace parts of it. */
const OP = `get:
  summary: s
  parameters:
    - name: id
      in: path
      required: true
      schema: { type: string }
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema:
            type: object
            properties:
              a: { type: string }
`;

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly file: string;
  readonly line: number;
  readonly message: RegExp;
}

const json = (schema: string): string => `post:
  requestBody:
    content:
      application/json:
        schema:
${schema.replace(/^/gm, '          ')}
  responses:
    '204': { description: done }
`;
const root1 = (path: string): string => ROOT.replace('/v3/x/{id}', path);

const cases: Case[] = [
  { name: 'bad YAML (bad indentation)', files: { 'root.yaml': 'openapi: 3.1.0\ninfo:\n  title: t\n version: 1\npaths: {}\n' }, file: 'root.yaml', line: 4, message: /invalid YAML/ },
  { name: 'bad YAML in a path file', files: { 'root.yaml': ROOT, 'paths/x.yaml': 'get:\n  summary: [unclosed\n' }, file: 'paths/x.yaml', line: 3, message: /invalid YAML/ },
  { name: 'duplicate key', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace('  summary: s\n', '  summary: s\n  summary: t\n') }, file: 'paths/x.yaml', line: 3, message: /invalid YAML.*(unique|duplicate)/i },
  { name: 'unresolvable $ref to a missing file', files: { 'root.yaml': ROOT.replace('x.yaml', 'y.yaml') }, file: 'root.yaml', line: 5, message: /paths\/y\.yaml, which does not exist/ },
  { name: 'unresolvable $ref pointer', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace("schema: { type: string }", "schema: { $ref: '../root.yaml#/components/schemas/Id' }") }, file: 'paths/x.yaml', line: 7, message: /points at nothing: root\.yaml has no node at \/components\/schemas\/Id/ },
  { name: 'cyclic $ref', files: { 'root.yaml': `${ROOT}components:\n  schemas:\n    A: { $ref: '#/components/schemas/B' }\n    B: { $ref: '#/components/schemas/A' }\n`, 'paths/x.yaml': OP }, file: 'root.yaml', line: 8, message: /cycle/ },
  { name: 'x-encrypted on an integer', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': json('type: object\nproperties:\n  n: { type: integer, x-encrypted: rsa }') }, file: 'paths/x.yaml', line: 8, message: /x-encrypted is only allowed on `type: string`/ },
  { name: 'unknown x-encrypted value', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': json('type: object\nproperties:\n  n:\n    type: string\n    x-encrypted: aes') }, file: 'paths/x.yaml', line: 10, message: /unknown x-encrypted value "aes"/ },
  { name: 'path parameter missing from the path', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': OP }, file: 'paths/x.yaml', line: 4, message: /path parameter "id" does not appear in the path \/v3\/x/ },
  { name: 'path template parameter not declared', files: { 'root.yaml': root1('/v3/x/{id}/{sub}'), 'paths/x.yaml': OP }, file: 'paths/x.yaml', line: 4, message: /has \{sub\} but the operation declares no `in: path` parameter "sub"/ },
  { name: 'duplicate parameter', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace('      schema: { type: string }\n', '      schema: { type: string }\n    - name: id\n      in: path\n      required: true\n      schema: { type: string }\n') }, file: 'paths/x.yaml', line: 8, message: /duplicate parameter "id" in path/ },
  { name: 'unknown type', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace(' a: { type: string }', ' a: { type: text }') }, file: 'paths/x.yaml', line: 16, message: /unknown type "text"; use one of string, integer/ },
  { name: 'schema without type', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace(' a: { type: string }', ' a: { description: d }') }, file: 'paths/x.yaml', line: 16, message: /schema has no `type`/ },
  { name: 'response without schema', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace(/ {6}content:[\s\S]*$/, '') }, file: 'paths/x.yaml', line: 10, message: /response 200 has no `content` schema/ },
  { name: 'no 2xx response', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace("'200'", "'400'") }, file: 'paths/x.yaml', line: 9, message: /no 2xx response/ },
  { name: 'operation without responses', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace(/ {2}responses:[\s\S]*$/, '') }, file: 'paths/x.yaml', line: 2, message: /needs `responses`/ },
  { name: 'array without items', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace(' a: { type: string }', ' a: { type: array }') }, file: 'paths/x.yaml', line: 16, message: /`type: array` needs `items`/ },
  { name: 'required names a missing property', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': json('type: object\nrequired: [a, b]\nproperties:\n  a: { type: string }') }, file: 'paths/x.yaml', line: 7, message: /required field "b" is not among the object's properties/ },
  { name: 'enum value of the wrong type', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': json('type: object\nproperties:\n  t:\n    type: string\n    enum: [A, 1]') }, file: 'paths/x.yaml', line: 10, message: /enum value 1 is not a string/ },
  { name: 'cookie parameter', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace('    - name: id\n', '    - name: c\n      in: cookie\n      schema: { type: string }\n    - name: id\n') }, file: 'paths/x.yaml', line: 5, message: /`in: cookie`; use path, query or header/ },
  { name: 'parameter without schema', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace('      schema: { type: string }\n', '') }, file: 'paths/x.yaml', line: 4, message: /parameter "id" has no `schema`/ },
  { name: 'path parameter not required', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace('required: true', 'required: false') }, file: 'paths/x.yaml', line: 6, message: /path parameter "id" must have `required: true`/ },
  { name: 'unsupported request media type', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': json('type: object').replace('application/json', 'application/xml') }, file: 'paths/x.yaml', line: 4, message: /request body media types \[application\/xml\] are not supported/ },
  { name: 'GET with a body', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': json('type: object').replace('post:', 'get:') }, file: 'paths/x.yaml', line: 3, message: /GET operation cannot have a requestBody/ },
  { name: 'unsupported method', files: { 'root.yaml': ROOT, 'paths/x.yaml': `${OP}head:\n  responses: {}\n` }, file: 'paths/x.yaml', line: 18, message: /the HEAD method is not used/ },
  { name: 'oneOf is not supported', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace(' a: { type: string }', ' a: { type: string, oneOf: [] }') }, file: 'paths/x.yaml', line: 16, message: /`oneOf` is not supported/ },
  { name: 'wrong openapi version', files: { 'root.yaml': ROOT.replace('3.1.0', '2.0'), 'paths/x.yaml': OP }, file: 'root.yaml', line: 1, message: /`openapi` must be "3\.1\.0"/ },
  { name: 'path with an empty segment', files: { 'root.yaml': root1('/v3//x'), 'paths/x.yaml': OP }, file: 'root.yaml', line: 5, message: /must start with "\/" and have no empty segment, query or fragment \(one trailing slash is allowed\)/ },
  {
    name: 'two paths that differ only in parameter names (named with both files)',
    files: {
      'root.yaml': `${ROOT}  /v3/x/{other}:\n    $ref: './paths/y.yaml'\n`,
      'paths/x.yaml': OP,
      'paths/y.yaml': OP.replace('name: id', 'name: other'),
    },
    file: 'root.yaml',
    line: 7,
    message: /paths \/v3\/x\/\{id\} \(paths\/x\.yaml\) and \/v3\/x\/\{other\} \(paths\/y\.yaml\) differ only in their parameter names/,
  },
  { name: 'a server URL with variables', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace('get:\n', "get:\n  servers:\n    - url: 'https://{region}.example'\n") }, file: 'paths/x.yaml', line: 3, message: /uses server variables, which wxpay-gen does not support/ },
  { name: 'a server URL that is not absolute', files: { 'root.yaml': ROOT, 'paths/x.yaml': OP.replace('get:\n', 'get:\n  servers:\n    - url: /hk\n') }, file: 'paths/x.yaml', line: 3, message: /server "\/hk" is not an absolute URL/ },
  { name: 'two paths on one client chain', files: { 'root.yaml': `${root1('/v3/a-b')}  /v3/aB:\n    $ref: './paths/x.yaml'\n`, 'paths/x.yaml': json('type: object') }, file: 'root.yaml', line: 7, message: /both become the client property chain v3\.aB/ },
  { name: 'x-enum-descriptions names an unknown value', files: { 'root.yaml': root1('/v3/x'), 'paths/x.yaml': json('type: object\nproperties:\n  t:\n    type: string\n    enum: [A]\n    x-enum-descriptions: { B: bee }') }, file: 'paths/x.yaml', line: 11, message: /describes "B", which is not one of the enum values/ },
];

describe('broken specs: every problem located by file, line and message; the previous output untouched', () => {
  let dir: string;
  let previous: Map<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-broken-'));
    // a good output folder that a failed run must leave exactly as it is
    writeFileSync(join(dir, 'good.yaml'), ROOT.replace('./paths/x.yaml', './paths/good.yaml'));
    mkdirSync(join(dir, 'paths'));
    writeFileSync(join(dir, 'paths/good.yaml'), OP);
    await generate({ spec: 'good.yaml', out: 'out', cwd: dir });
    previous = new Map(listFiles(join(dir, 'out')).map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8')]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));


  it.each(cases)('$name', async (c) => {
    const caseDir = mkdtempSync(join(dir, 'case-'));
    for (const [name, text] of Object.entries(c.files)) {
      mkdirSync(dirname(join(caseDir, name)), { recursive: true });
      writeFileSync(join(caseDir, name), text);
    }
    const err = await generate({ spec: join(caseDir, 'root.yaml'), out: join(dir, 'out'), cwd: caseDir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SpecError);
    const problems = (err as SpecError).problems;
    const hit = problems.find((p) => c.message.test(p.message));
    expect({ problems }).toEqual({ problems: expect.arrayContaining([expect.objectContaining({ file: c.file, line: c.line, message: expect.stringMatching(c.message) })]) });
    expect(hit?.column).toBeGreaterThan(0);
    const after = new Map(listFiles(join(dir, 'out')).map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8')]));
    expect(after).toEqual(previous);
  });

  it('reports every problem of a spec at once, sorted by file and line', async () => {
    const caseDir = mkdtempSync(join(dir, 'many-'));
    mkdirSync(join(caseDir, 'paths'));
    writeFileSync(join(caseDir, 'root.yaml'), root1('/v3/x'));
    writeFileSync(join(caseDir, 'paths/x.yaml'), json('type: object\nproperties:\n  n: { type: integer, x-encrypted: rsa }\n  m: { type: wat }'));
    const err = (await generate({ spec: 'root.yaml', out: 'out', cwd: caseDir }).catch((e: unknown) => e)) as SpecError;
    expect(err.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['paths/x.yaml:8', 'paths/x.yaml:9']);
    expect(err.message).toContain('2 problems in the spec');
  });
});
