/**
 * `importExtension: ".ts"` (flag --import-extension .ts): the generated client's relative imports name the
 * `.ts` files, so Node's own type stripping runs it as it is. Generated from the repo's specs into a scratch
 * ESM app; then
 *  - the strictest tsconfig (as in strict.test.ts) plus `rewriteRelativeImportExtensions` compiles it on
 *    TypeScript 5.8, 5.9 and 7 (6 left out for time: strict.test.ts has it), and the JavaScript 5.9 emits
 *    (`.js` specifiers again) runs on this Node;
 *  - Node 22 and 24 (registry binaries, see newer-node.ts) run the TypeScript directly against the mock on
 *    127.0.0.1: a signed call with encrypted fields, a verified and decrypted answer, a tampered answer
 *    refused, a notification parsed, and `nodeHandler` under node:http taking a notification from the mock's
 *    sender (204, callback gets the decrypted data) and refusing a tampered-signature one (401 FAIL);
 *  - Deno runs the same without --sloppy-imports;
 *  - `--check` with the other extension says the output is out of date, and why.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startMockServer, type MockServer } from '../../mock';
import { nodeBinary, TYPE_STRIPPING_NODES } from './newer-node';
import { EXPECTED_CALLS, paid, runHandlerRound, runtimeScript } from './runtime-script';
import { REPO, strictTsconfig, TYPESCRIPTS, tsc } from './strict-app';

const run = promisify(execFile);

const CONSUMER = `import { createClient, ValidationError, type WxPayClient } from './generated/index.ts';

export function client(key: string): WxPayClient {
  return createClient({ mchid: '1900000001', serial: 'ABC', privateKey: key, certs: { PUB_KEY_ID_0114232134912410000000000000: key } });
}
export const isValidation = (e: unknown): boolean => e instanceof ValidationError;
`;

let dir: string;
let mock: MockServer;
let tampered: MockServer;
const wxgen = (args: readonly string[]): Promise<{ code: number; out: string; err: string }> =>
  run(process.execPath, [join(REPO, 'bin', 'wxpay-gen.js'), '--spec', 'specs/wechatpay.yaml', '--out', join(dir, 'src', 'generated'), ...args], { cwd: REPO })
    .then((r) => ({ code: 0, out: r.stdout, err: r.stderr }), (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? '', err: e.stderr ?? '' }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxpay-strip-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'package.json'), '{"name":"strip-app","private":true,"type":"module"}\n');
  const base = strictTsconfig('esm', ['src']) as { compilerOptions: Record<string, unknown> };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...base, compilerOptions: { ...base.compilerOptions, rewriteRelativeImportExtensions: true } }));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const generated = await wxgen(['--import-extension', '.ts']);
  expect(generated.err).toBe('');
  expect(generated.code).toBe(0);
  writeFileSync(join(dir, 'src', 'app.ts'), CONSUMER);
  writeFileSync(join(dir, 'main.ts'), runtimeScript('./src/generated/index.ts'));
  mock = await startMockServer({ spec: join(REPO, 'specs', 'wechatpay.yaml'), keys: join(dir, 'keys') });
  tampered = await startMockServer({ spec: join(REPO, 'specs', 'wechatpay.yaml'), keys: join(dir, 'keys'), faults: { name: 'tampered-body' } });
}, 120_000);
afterAll(async () => {
  await mock?.close();
  await tampered?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the relative imports between .ts files name .ts; type-only imports of .d.ts files keep .js', () => {
  const index = readFileSync(join(dir, 'src', 'generated', 'index.ts'), 'utf8');
  expect(index).toContain("export * from './client.gen.ts';");
  expect(index).toContain("export * from './runtime/index.ts';");
  expect(index).not.toContain('schema.gen');
  const client = readFileSync(join(dir, 'src', 'generated', 'client.gen.ts'), 'utf8');
  expect(client).toContain("import type { WxPayClient } from './types.gen.js';");
  expect(client).toContain("export type * from './types.gen.js';");
  expect(readFileSync(join(dir, 'src', 'generated', 'runtime', 'request.ts'), 'utf8')).toMatch(/from '\.\/errors\.ts';/);
});

const TS = TYPESCRIPTS.filter((t) => t.name !== '6');
test(`strictest + rewriteRelativeImportExtensions: TypeScript ${TS.map((t) => t.name).join(', ')} compile it; the emitted JavaScript runs on Node ${process.versions.node}`, async () => {
  const results = await Promise.all(TS.map(async (t) => [t.name, await tsc(t.tsc, dir, ['--skipLibCheck', ...(t.name === '5.9' ? [] : ['--noEmit'])])] as const));
  expect(Object.fromEntries(results.map(([name, r]) => [name, r.output || (r.code === 0 ? '' : `exit ${r.code}`)]))).toEqual(Object.fromEntries(TS.map((t) => [t.name, ''])));
  expect(readFileSync(join(dir, 'dist', 'generated', 'index.js'), 'utf8')).toContain('export * from "./client.gen.js";');
  const probe = "const m = await import('./dist/app.js'); console.log(typeof m.client, m.isValidation(new Error('x')));";
  expect(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: dir, encoding: 'utf8' }).trim()).toBe('function false');
}, 180_000);

test.each(TYPE_STRIPPING_NODES)('Node $version runs the TypeScript as it is: calls, a notification, nodeHandler', async (release) => {
  const node = nodeBinary(release);
  expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${release.version}`);
  const before = mock.received.length;
  const r = await runHandlerRound(node, ['main.ts'], dir, mock, tampered, {});
  // what stderr may hold: Node 22's notice that type stripping is experimental, nothing else
  expect(r.stderr.split('\n').filter((l) => l.trim() !== '' && !/ExperimentalWarning: Type Stripping|--trace-warnings/.test(l))).toEqual([]);
  expect(r.calls).toEqual(EXPECTED_CALLS);
  expect(mock.received.slice(before).map((q) => q.path)).toEqual(['/v3/gov/subsidy/qualifications/passthrough/query', '/v3/facemch/users/{face_sid}']);
  expect(r.answers['fetch']).toBeUndefined();
  expect(r.answers['node']?.valid?.status).toBe(204);
  expect({ status: r.answers['node']?.tampered?.status, body: JSON.parse(r.answers['node']?.tampered?.body ?? 'null') }).toEqual({ status: 401, body: { code: 'FAIL', message: expect.any(String) } });
  expect(r.received).toEqual([{ via: 'node', event: 'TRANSACTION.SUCCESS', data: paid('T-node') }]);
}, 300_000);

test('Deno runs the .ts imports without --sloppy-imports: calls, a notification, fetchHandler on Deno.serve, nodeHandler', async () => {
  const deno = join(REPO, 'node_modules', '.bin', 'deno');
  const r = await runHandlerRound(deno, ['run', '--allow-read', '--allow-env', '--allow-net=127.0.0.1', '--no-config', 'main.ts'], dir, mock, tampered, { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, 'deno-cache') });
  expect(r.calls).toEqual(EXPECTED_CALLS);
  expect(Object.fromEntries(Object.entries(r.answers).map(([via, a]) => [via, [a.valid?.status, a.tampered?.status]]))).toEqual({ fetch: [204, 401], node: [204, 401] });
  expect(r.received).toEqual([
    { via: 'fetch', event: 'TRANSACTION.SUCCESS', data: paid('T-fetch') },
    { via: 'node', event: 'TRANSACTION.SUCCESS', data: paid('T-node') },
  ]);
}, 120_000);

test('--check notices the extension: the other one is out of date, and the message says why and what to do', async () => {
  expect((await wxgen(['--check', '--import-extension', '.ts'])).code).toBe(0);
  const other = await wxgen(['--check']);
  expect(other.code).toBe(3);
  expect(other.err).toContain('no spec changed: a generated file was edited by hand, or wxpay-gen itself changed (an upgrade, another import extension).');
}, 60_000);
