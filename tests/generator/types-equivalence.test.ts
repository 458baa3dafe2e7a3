import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { buildModel, generate, loadSpec } from '../../generator';
import { equivalenceSource } from './types-equivalence';

/**
 * types.gen.d.ts writes each operation's types out from the model instead of indexing into `paths`; they
 * must stay identical to the `paths` ones (see types-equivalence.ts), on every spec the tests have, on a
 * spec of hostile names, texts and shapes, and (tests/corpus/sweep.test.ts) on the whole doc corpus.
 */
const ROOT = resolve(__dirname, '..', '..');
const golden = readdirSync(join(ROOT, 'tests', 'fixtures', 'golden')).map((f) => `tests/fixtures/golden/${f}/spec.yaml`);
const SPECS = ['specs/wechatpay.yaml', ...golden, 'tests/fixtures/schema-docs/spec.yaml', 'tests/fixtures/json-encoded/spec.yaml'];

const texts = ['plain', '  leading and trailing  ', 'a\nb', 'a\r\nb', 'tab\tin\n\tline', 'blank\n\nline', 'ends */ here', '/* opens', 'nbsp\u00a0\n\u00a0indented', '\u3000全角\n\u3000缩进', '中文描述，带标点：是的', 'back\\slash "quotes" \'single\'', '@tag inside', '\n\nstarts with breaks', '- `X`: looks like an enum line'];
const names = ['plain', 'with-dash', 'with space', '0', '200', '01', '1.5', '$dollar', '_under', 'ünï', '中文', 'quote"d', "sin'gle", 'back\\slash', 'a/b', 'x.y'];

/** A spec (JSON, which is YAML) of hostile names, texts and shapes, within what the model accepts. */
function hostileSpec(): Record<string, unknown> {
  const leaf = (k: number): Record<string, unknown> => ({ type: ['string', 'integer', 'number', 'boolean'][k % 4], description: texts[k % texts.length], ...(k % 5 === 0 ? { example: texts[k % texts.length] } : {}), ...(k % 7 === 0 ? { format: 'date-time' } : {}) });
  const object = (i: number, place: 'request' | 'response'): Record<string, unknown> => ({
    type: 'object',
    description: texts[i % texts.length],
    required: names.filter((_, k) => (k + i) % 3 === 0),
    properties: {
      ...Object.fromEntries(names.map((n, k) => [n, leaf(k + i)])),
      en_str: { type: 'string', enum: ['A', 'B "q"', '中', "it's", ''], 'x-enum-descriptions': { A: 'a', 'B "q"': 'quoted', 中: '中文', "it's": 'apostrophe', '': 'empty' } },
      en_one: { type: 'string', enum: ['ONLY'] },
      en_num: { type: 'integer', enum: [1, -2, 0, 30] },
      en_bool: { type: 'boolean', enum: [true] },
      en_arr: { type: 'array', items: { type: 'string', enum: ['X', 'Y'] } },
      nested_arr: { type: 'array', items: { type: 'array', items: { type: 'object', required: ['z'], properties: { z: { type: 'string', description: texts[i % texts.length] } } } } },
      deep_arr: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'integer' } } } },
      free: { type: 'object', additionalProperties: true },
      free_props: { type: 'object', additionalProperties: { type: 'string' }, properties: { p: { type: 'string' } } },
      free_arr: { type: 'array', items: { type: 'object', additionalProperties: true, properties: { p: { type: 'string' } } } },
      empty_obj: { type: 'object' },
      empty_props: { type: 'object', properties: {} },
      secret: { type: 'string', 'x-encrypted': 'rsa', description: '姓名', example: 'AAAAciphertextAAAA' },
      secrets: { type: 'array', items: { type: 'string', 'x-encrypted': 'rsa' } },
      encoded: { type: 'string', contentMediaType: 'application/json', description: 'JSON', example: '{"a":1}', contentSchema: { type: 'object', properties: { a: { type: 'integer', enum: [1, 2] }, deeper: { type: 'string', contentMediaType: 'application/json', contentSchema: { type: 'array', items: { type: 'string', format: 'binary' } } } } } },
      encoded_list: { type: 'array', items: { type: 'string', contentMediaType: 'application/json', contentSchema: { type: 'array', items: { type: 'integer' } } } },
      ...(place === 'request' ? { when: { type: 'string', format: 'binary', enum: ['a'] } } : {}),
    },
  });
  const paths: Record<string, unknown> = {};
  names.forEach((n, i) => {
    const param = `p${i}`;
    const body = i % 3 === 1
      ? { required: i % 2 === 0, content: { 'multipart/form-data': { schema: { type: 'object', required: i % 2 ? ['file'] : ['file', 'meta'], properties: { file: { type: 'string', format: 'binary' }, meta: object(i, 'request') } } } } }
      : { required: i % 2 === 0, content: { 'application/json': { schema: object(i, 'request') } } };
    const op: Record<string, unknown> = {
      summary: texts[i % texts.length],
      ...(i % 3 ? { description: texts[(i + 1) % texts.length] } : {}),
      ...(i % 4 === 0 ? { deprecated: true } : {}),
      ...(i % 2 ? { externalDocs: { url: `https://example.com/doc/${i}`, description: texts[i % texts.length] } } : {}),
      parameters: [
        { name: param, in: 'path', required: true, description: texts[i % texts.length], schema: i % 2 ? { type: 'string', enum: ['P', "Q'"] } : { type: 'integer' } },
        { name: n, in: 'query', required: i % 2 === 0, description: texts[(i + 3) % texts.length], schema: { type: 'string' } },
        { name: `${n}_list`, in: 'query', required: false, schema: { type: 'array', items: { type: 'string', enum: ['L', 'M'] } } },
        ...(i % 4 === 2 ? [{ name: 'filter', in: 'query', required: false, schema: { type: 'string', contentMediaType: 'application/json', contentSchema: { type: 'object', properties: { k: { type: 'string' } } } } }] : []),
        ...(i % 2 ? [{ name: 'Wechatpay-Serial', in: 'header', required: i % 3 === 0, schema: { type: 'string' } }] : []),
        ...(i % 5 === 0 ? [{ name: 'X-Trace', in: 'header', required: i % 10 === 0, description: texts[i % texts.length], schema: { type: 'string' } }] : []),
      ],
      ...(i % 4 !== 3 ? { requestBody: body } : {}),
      responses: i % 6 === 5
        ? { 204: { description: texts[i % texts.length] } }
        : i % 6 === 4
          ? { 200: { description: 'file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } }
          : { [String([200, 201, 202, 200][i % 4])]: { description: texts[i % texts.length], content: { 'application/json': { schema: object(i + 1, 'response') } } } },
    };
    const method = (i % 4 === 3 ? ['get', 'delete'] : ['post', 'put', 'patch'])[i % 2] as string;
    paths[`/v3/hostile${i}/{${param}}`] = { [method]: op };
  });
  return { openapi: '3.1.0', info: { title: 'hostile', version: '1' }, paths };
}

describe('types.gen.d.ts is self-contained and identical to the paths types', () => {
  const work = mkdtempSync(join(tmpdir(), 'wxpay-gen-types-eq-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const roots: string[] = [];

  beforeAll(async () => {
    writeFileSync(join(work, 'hostile.yaml'), JSON.stringify(hostileSpec(), null, 1));
    const specs = [...SPECS.map((s) => join(ROOT, s)), join(work, 'hostile.yaml')];
    for (const [i, spec] of specs.entries()) {
      const out = join(work, `c${i}`);
      await generate({ spec, out, cwd: ROOT });
      const file = join(work, `eq${i}.ts`);
      writeFileSync(file, equivalenceSource(buildModel(loadSpec(spec, ROOT)), `./c${i}/index`, `./c${i}/schema.gen`));
      roots.push(file);
    }
  }, 120_000);

  it('the hostile spec is modelled with every operation', () => {
    expect(buildModel(loadSpec(join(work, 'hostile.yaml'), ROOT)).operations).toHaveLength(names.length);
  });

  it('no client file imports schema.gen.d.ts; it is there for whoever imports `paths`', () => {
    for (let i = 0; i < roots.length; i++) {
      for (const f of ['types.gen.d.ts', 'client.gen.ts', 'index.ts']) expect(readFileSync(join(work, `c${i}`, f), 'utf8')).not.toContain('schema.gen');
    }
  });

  it('a doc page is a Markdown link, never `@see`/`@link` (whose comments every tsc run parses as JSDoc)', () => {
    const specs = readFileSync(join(work, 'c0', 'types.gen.d.ts'), 'utf8');
    expect(specs).toContain('   * `GET /v3/facemch/users/{face_sid}`\n   *\n   * See: [官方文档](https://pay.weixin.qq.com/wiki/doc/wxfacepay/develop/android/sid.html)\n   */\n  get(');
    const hostile = readFileSync(join(work, `c${roots.length - 1}`, 'types.gen.d.ts'), 'utf8');
    expect(hostile).toContain('   * See: [leading and trailing](https://example.com/doc/1)\n');
    expect(hostile).toContain('   * See: [blank line](https://example.com/doc/5)\n');
    expect(hostile).toContain('   * See: [back\\\\slash "quotes" \'single\'](https://example.com/doc/11)\n');
    for (let i = 0; i < roots.length; i++) expect(readFileSync(join(work, `c${i}`, 'types.gen.d.ts'), 'utf8')).not.toMatch(/@see|@link/i);
  });

  it('every operation: arguments (and whether they may be left out) and data identical, under strict TypeScript with skipLibCheck off', () => {
    const program = ts.createProgram(roots, {
      strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noEmit: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')],
      skipLibCheck: false, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    });
    const problems = ts.getPreEmitDiagnostics(program).slice(0, 30).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.replace(work, '')}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
