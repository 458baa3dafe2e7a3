/**
 * generator/emit/schema-print.ts against what it replaces: openapi-typescript's transformSchema and
 * TypeScript's printer on the same model document, with the options emitSchemaTypes used
 * (immutable, `format: binary` → Uint8Array). Byte-identical on specs/, on every golden fixture, on the
 * whole doc corpus (openapi/v3 + webhook/v3 imported from the bundle), and on hostile names and texts.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSchema, astToString, resolveRef, type OpenAPI3, type OpenAPITSOptions } from 'openapi-typescript';
import ts from 'typescript';
import { buildModel, loadSpec, SpecError, type Model } from '../../generator';
import { modelDocument } from '../../generator/emit/model-document';
import { printSchemaTypes } from '../../generator/emit/schema-print';
import { importPagesSync } from '../../importer/import-pages';
import { DOCS_BUNDLE } from '../app/docs';
import { tempDir } from '../importer/support';

const REPO = resolve(__dirname, '..', '..');

/** The schema emitter before schema-print.ts: openapi-typescript's AST, printed by TypeScript. */
function openapiTypescript(doc: Record<string, unknown>): string {
  const schema = JSON.parse(JSON.stringify(doc)) as OpenAPI3;
  const ctx = {
    additionalProperties: false, alphabetize: false, arrayLength: false, defaultNonNullable: true,
    discriminators: { objects: {}, refsHandled: [] }, emptyObjectsUnknown: false, enum: false, enumValues: false,
    conditionalEnums: false, dedupeEnums: false, excludeDeprecated: false, exportType: false, immutable: true,
    rootTypes: false, rootTypesNoSchemaPrefix: false, rootTypesKeepCasing: false, injectFooter: [], pathParamsAsTypes: false,
    postTransform: undefined, propertiesRequiredByDefault: false, redoc: undefined, silent: true, inject: undefined,
    transform: (s: { format?: string }) => (s.format === 'binary' ? ts.factory.createTypeReferenceNode('Uint8Array') : undefined),
    transformProperty: undefined, makePathsEnum: false, generatePathParams: false, readWriteMarkers: false,
    resolve: (ref: string) => resolveRef(schema, ref, { silent: true }),
  } as unknown as Parameters<typeof transformSchema>[1] & OpenAPITSOptions;
  return astToString(transformSchema(schema, ctx));
}

function same(doc: Record<string, unknown>): void {
  const ours = printSchemaTypes(doc);
  const theirs = openapiTypescript(doc);
  if (ours !== theirs) {
    // the first differing line, for a readable failure
    const a = ours.split('\n');
    const b = theirs.split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    expect({ line: i + 1, ours: a.slice(Math.max(0, i - 3), i + 3) }).toEqual({ line: i + 1, ours: b.slice(Math.max(0, i - 3), i + 3) });
  }
  expect(ours).toBe(theirs);
  expect(ours.length).toBeGreaterThan(100);
}

const modelOf = (root: string): Model => buildModel(loadSpec(root, REPO));

describe('schema.gen.d.ts printed directly = openapi-typescript + TypeScript printer', () => {
  test('specs/', () => same(modelDocument(modelOf('specs/wechatpay.yaml'))));

  const golden = join(REPO, 'tests', 'fixtures', 'golden');
  test.each(readdirSync(golden))('golden fixture %s', (name) => same(modelDocument(modelOf(`tests/fixtures/golden/${name}/spec.yaml`))));

  test('no operations', () => same({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} }));

  test('hostile names, texts, examples, enums and shapes', () => {
    const texts = ['', ' ', 'plain', '  leading and trailing  ', 'a\nb', 'a\r\nb', 'lone\rcr', 'ls\u2028ps\u2029end', 'tab\tin\n\tline', 'blank\n\nline', 'ends */ here', '/* opens', '*/', 'nbsp\u00a0\n\u00a0indented', '\u3000全角\n\u3000缩进', 'zwsp\n\u200bx', 'nel\n\u0085x', 'trailing \n  spaces  \n', '中文描述，带标点：是的', 'emoji 😀', 'back\\slash "quotes" \'single\'', '@tag inside', '\n\nstarts with breaks'];
    const names = ['plain', 'with-dash', 'with space', '0', '200', '-1', '1e3', '01', '1.5', 'NaN', 'Infinity', '$dollar', '_under', 'ünï', '中文', 'quote"d', "sin'gle", 'back\\slash', 'new\nline', 'tab\t', 'nul\u0000', 'nul\u00001', 'bell\u0007', 'ls\u2028', '😀', 'a/b', 'application/json', '*/*', 'x.y'];
    const schema = (i: number): Record<string, unknown> => ({
      type: 'object',
      description: texts[i % texts.length],
      required: names.filter((_, k) => k % 3 === 0),
      properties: {
        ...Object.fromEntries(names.map((n, k) => [n, { type: ['string', 'integer', 'number', 'boolean'][k % 4], description: texts[(k + i) % texts.length], ...(k % 5 === 0 ? { example: texts[k % texts.length] } : {}), ...(k % 7 === 0 ? { format: 'date-time' } : {}) }])),
        ex_obj: { type: 'string', example: { a: [1, { b: 'x\ny' }], c: null } },
        ex_arr: { type: 'string', example: ['a', 1, true] },
        ex_null: { type: 'string', example: null },
        ex_empty: { type: 'string', example: '' },
        ex_zero: { type: 'integer', example: 0 },
        ex_false: { type: 'boolean', example: false },
        en_str: { type: 'string', enum: ['A', 'B "q"', '中', 'x\ny', ''], description: 'e\n- `A`: a' },
        en_one: { type: 'string', enum: ['ONLY'] },
        en_num: { type: 'integer', enum: [1, -2, 0, 3.5, -0.25, 1e21] },
        en_bool: { type: 'boolean', enum: [true, false] },
        en_arr: { type: 'array', items: { type: 'string', enum: ['X', 'Y'] } },
        en_arr_one: { type: 'array', items: { type: 'string', enum: ['X'] } },
        nested_arr: { type: 'array', items: { type: 'array', items: { type: 'object', properties: { z: { type: 'string' } } } } },
        deep_arr: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'integer' } } } },
        no_items: { type: 'array' },
        obj_arr: { type: 'array', description: 'list', items: { type: 'object', required: ['k'], properties: { k: { type: 'string', description: 'k' } } } },
        free: { type: 'object', additionalProperties: true },
        free_props: { type: 'object', additionalProperties: true, properties: { p: { type: 'string' } } },
        free_arr: { type: 'array', items: { type: 'object', additionalProperties: true, properties: { p: { type: 'string' } } } },
        empty_obj: { type: 'object' },
        empty_props: { type: 'object', properties: {} },
        bin: { type: 'string', format: 'binary', description: 'file' },
        bin_arr: { type: 'array', items: { type: 'string', format: 'binary' } },
        bin_enum: { type: 'string', format: 'binary', enum: ['a'] },
      },
    });
    const param = (inn: string, name: string, required: boolean, i: number): Record<string, unknown> => ({ name, in: inn, required, ...(i % 2 ? { description: texts[i % texts.length] } : {}), schema: i % 3 === 0 ? { type: 'string', enum: ['P', 'Q'] } : i % 3 === 1 ? { type: 'integer', format: 'int64' } : { type: 'string', format: 'binary' } });
    const paths: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const op: Record<string, unknown> = {
        ...(i % 2 ? { summary: texts[i % texts.length] } : {}),
        ...(i % 3 ? { description: texts[(i + 1) % texts.length] } : {}),
        ...(i % 4 === 0 ? { deprecated: true } : {}),
        parameters: [param('path', n, true, i), param('query', `${n}_q`, i % 2 === 0, i + 1), param('query', 'second', true, i + 2), param('header', 'Wechatpay-Serial', i % 3 === 0, i), ...(i % 5 === 0 ? [{ name: 'noschema', in: 'query', required: false }] : [])],
        ...(i % 3 !== 2 ? { requestBody: { required: i % 2 === 0, content: { [i % 4 === 1 ? 'multipart/form-data' : 'application/json']: { schema: schema(i) } } } } : {}),
        responses: { [String([200, 201, 204, 202][i % 4])]: { description: texts[i % texts.length], ...(i % 4 === 2 ? {} : { content: { 'application/json': { schema: schema(i + 1) } } }) } },
      };
      paths[`/v3/${n}/{${n}}`] = { [['get', 'post', 'put', 'patch', 'delete'][i % 5] as string]: op, ...(i % 6 === 0 ? { head: { responses: { 200: { description: '' } } } } : {}) };
    });
    same({ openapi: '3.1.0', info: { title: 'hostile', version: '1' }, paths });
  });
});

describe('the whole doc corpus', () => {
  const dir = tempDir('schema-print-corpus');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('openapi/v3 + webhook/v3 imported, modelled (paths the generator refuses left out), printed', () => {
    const site = join(dir, 'site');
    execFileSync('git', ['clone', '--quiet', DOCS_BUNDLE, site], { stdio: 'ignore' });
    importPagesSync({ inputs: [join(site, 'openapi', 'v3'), join(site, 'webhook', 'v3')], out: 'specs', cwd: dir });
    const root = join(dir, 'specs', 'wechatpay.yaml');
    let model: Model | undefined;
    for (let round = 0; round < 5 && model === undefined; round++) {
      try {
        model = buildModel(loadSpec(root, dir));
      } catch (e) {
        if (!(e instanceof SpecError)) throw e;
        // leave out each path a problem is reported at (in the root, by pointer, or in its path file)
        const text = readFileSync(root, 'utf8');
        const bad = new Set<string>();
        for (const p of e.problems) {
          const key = /^\/paths\/([^/]+)/.exec(p.pointer)?.[1];
          if (p.file.endsWith('wechatpay.yaml') && key) bad.add(key.replace(/~1/g, '/').replace(/~0/g, '~'));
          const m = /paths\/(.*)\.yaml$/.exec(p.file);
          if (m?.[1]) bad.add(`/${m[1]}`);
        }
        expect(bad.size).toBeGreaterThan(0);
        const lines = text.split('\n');
        writeFileSync(root, lines.filter((l, i) => !bad.has(/^ {2}(\/\S*):\s*$/.exec(l)?.[1] ?? '') && !bad.has(/^ {2}(\/\S*):\s*$/.exec(lines[i - 1] ?? '')?.[1] ?? '')).join('\n'));
      }
    }
    expect(model?.operations.length ?? 0).toBeGreaterThan(900);
    same(modelDocument(model as Model));
  }, 180_000);
});
