/**
 * Overlays: `<spec folder>/overrides/<same path>` merged over the spec file when specs load, with
 * problems located in the overlay, unused overlays reported, and --check noticing a new overlay.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatProblem, SpecError } from '../../generator';
import { loadSpec } from '../../generator/load';
import { mergePatch } from '../../generator/load/overlay';
import { cli, tempDirs } from './cli-support';
import { REPO } from './strict-app';

const temp = tempDirs('wxpay-overlay-');
const FACE = 'paths/v3/facemch/users/{face_sid}.yaml';

function app(): string {
  const dir = temp();
  cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
  return dir;
}
function overlay(dir: string, rel: string, text: string): void {
  const f = join(dir, 'specs', 'overrides', rel);
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, text);
}
const problems = (dir: string): string[] => {
  try {
    loadSpec('specs/wechatpay.yaml', dir);
    return [];
  } catch (e) {
    if (e instanceof SpecError) return e.problems.map(formatProblem);
    throw e;
  }
};

test('merge: mappings key by key, null deletes, lists replace; named lists (parameters) merge by name + in', () => {
  expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { b: { c: 9, d: null }, e: [3], f: 'x' })).toEqual({ a: 1, b: { c: 9 }, e: [3], f: 'x' });
  const params = [{ name: 'a', in: 'query', schema: { type: 'string' } }, { name: 'a', in: 'header', required: true }];
  expect(mergePatch({ parameters: params }, { parameters: [{ name: 'a', in: 'header', required: false }, { name: 'z', in: 'query' }] })).toEqual({
    parameters: [params[0], { name: 'a', in: 'header', required: false }, { name: 'z', in: 'query' }],
  });
});

test('merge: a `__proto__` key of an overlay is an ordinary property, never the prototype', () => {
  const patch = JSON.parse('{"properties": {"__proto__": {"type": "string"}, "n": {"type": "integer"}}}') as unknown;
  const out = mergePatch({ properties: { n: { type: 'string' } } }, patch) as { properties: Record<string, unknown> };
  expect(Object.getPrototypeOf(out.properties)).toBe(Object.prototype);
  expect(Object.keys(out.properties).sort()).toEqual(['__proto__', 'n']);
  expect(Object.getOwnPropertyDescriptor(out.properties, '__proto__')?.value).toEqual({ type: 'string' });
  expect(out.properties['n']).toEqual({ type: 'integer' });
});

test('an overlay fixes an imported file: the generated client has the fix', async () => {
  const dir = app();
  overlay(dir, FACE, `get:
  parameters:
    - name: info_type
      in: query
      schema:
        enum: [ASK_UNIONID, ASK_REAL_NAME, ASK_PHONE]
`);
  expect(problems(dir)).toEqual([]);
  const spec = loadSpec('specs/wechatpay.yaml', dir);
  const op = ((spec.document['paths'] as Record<string, { get: { parameters: { name: string; schema: { enum?: string[]; type?: string } }[] } }>)['/v3/facemch/users/{face_sid}']!).get;
  expect(op.parameters.find((p) => p.name === 'info_type')?.schema).toMatchObject({ type: 'string', enum: ['ASK_UNIONID', 'ASK_REAL_NAME', 'ASK_PHONE'] });
  expect(spec.files.map((f) => f.name)).toContain(`specs/overrides/${FACE}`);
  const g = await cli(dir, []);
  expect(g.code).toBe(0);
}, 60_000);

test("a problem in the overlay's value is reported at the overlay's file:line", async () => {
  const dir = app();
  overlay(dir, FACE, `get:
  parameters:
    - name: info_type
      in: query
      schema:
        type: strin
`);
  const r = await cli(dir, []);
  expect(r.code).toBe(1);
  expect(r.err.split('\n')[0]).toMatch(/^specs\/overrides\/paths\/v3\/facemch\/users\/\{face_sid\}\.yaml:6:\d+ {2}\/get\/parameters\/1\/schema\/type {2}/);
});

test('an overlay of a file the spec does not use is a problem (after a rename or --prune)', () => {
  const dir = app();
  overlay(dir, 'paths/v3/nothing/here.yaml', 'get:\n  summary: x\n');
  expect(problems(dir)).toEqual(['specs/overrides/paths/v3/nothing/here.yaml:1:1  /  overlay of specs/paths/v3/nothing/here.yaml, which the spec does not use (no $ref reaches it); move it to the overlaid file\'s path under overrides/, or delete it']);
});

test('--check notices an added overlay (and is clean again once generated)', async () => {
  const dir = app();
  expect((await cli(dir, [])).code).toBe(0);
  expect((await cli(dir, ['--check'])).code).toBe(0);
  overlay(dir, FACE, 'get:\n  summary: 查询用户授权的实名信息 (local)\n');
  const r = await cli(dir, ['--check']);
  expect(r.code).toBe(3);
  expect(r.err).toMatch(/spec changed {2}specs\/overrides\/paths\/v3\/facemch\/users\/\{face_sid\}\.yaml/);
  expect((await cli(dir, [])).code).toBe(0);
  expect((await cli(dir, ['--check'])).code).toBe(0);
}, 60_000);
