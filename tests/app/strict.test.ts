/**
 * The committed generated/ (runtime included, its `// @ts-nocheck` lines taken out) compiles inside an app's own source tree under
 * @tsconfig/strictest + isolatedDeclarations + erasableSyntaxOnly (+ verbatimModuleSyntax for ESM),
 * as an ESM (NodeNext) and a CommonJS (node16) app, on TypeScript 5.8, 5.9, 6 and 7, and the
 * emitted JavaScript loads and builds a client in both module systems.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { RUNTIME_PRAGMA } from '../../generator/emit/runtime';
import { REPO, TYPESCRIPTS, tsc, writeAppSkeleton, type ModuleKind } from './strict-app';

const CONSUMER = `import { createClient, ValidationError, type WxPayClient } from './generated/index.js';

declare const pem: string;
export function client(key: string): WxPayClient {
  return createClient({ mchid: '1900000001', serial: 'ABC', privateKey: key, certs: { PUB_KEY_ID_0114232134912410000000000000: key } });
}
export async function faceInfo(wxpay: WxPayClient): Promise<string | undefined> {
  const r = await wxpay.v3.facemch.users._face_sid_.get({ face_sid: 'aabbccdd12345', query: { info_type: 'ASK_REAL_NAME', appid: 'wx2b029c08a6233333' } });
  return r.data.real_name_info?.encrypted_real_name;
}
export const isValidation = (e: unknown): boolean => e instanceof ValidationError;
export const lazy = (): WxPayClient => client(pem);
`;

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function app(kind: ModuleKind): string {
  const dir = mkdtempSync(join(tmpdir(), `wxpay-strict-${kind}-`));
  dirs.push(dir);
  writeAppSkeleton(dir, kind);
  cpSync(join(REPO, 'generated'), join(dir, 'src', 'generated'), { recursive: true });
  // the runtime files' `// @ts-nocheck` line is taken out, so that these compilers check the runtime too
  const runtime = join(dir, 'src', 'generated', 'runtime');
  for (const f of readdirSync(runtime)) {
    const text = readFileSync(join(runtime, f), 'utf8');
    const at = text.indexOf(`\n${RUNTIME_PRAGMA}`);
    expect(at).toBeGreaterThan(0);
    writeFileSync(join(runtime, f), text.slice(0, at + 1) + text.slice(at + 1 + RUNTIME_PRAGMA.length));
  }
  writeFileSync(join(dir, 'src', 'app.ts'), CONSUMER);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe.each(['esm', 'cjs'] as const)('generated/ in a strictest %s app', (kind) => {
  const dir = app(kind);
  test(`TypeScript ${TYPESCRIPTS.map((t) => t.name).join(', ')}: no errors`, async () => {
    // skipLibCheck off for the project's own TypeScript (declarations checked too), on for the others as
    // in @tsconfig/strictest: checking @types/node on every version would double the time for nothing of ours
    const results = await Promise.all(TYPESCRIPTS.map(async (t) => [t.name, await tsc(t.tsc, dir, ['--noEmit', ...(t.name === '5.9' ? [] : ['--skipLibCheck'])])] as const));
    const outputs = Object.fromEntries(results.map(([name, r]) => [name, r.code === 0 ? r.output : r.output || `exit ${r.code}`]));
    expect(outputs).toEqual(Object.fromEntries(TYPESCRIPTS.map((t) => [t.name, ''])));
  }, 180_000);
  test('the emitted JavaScript loads and builds a client', async () => {
    const r = await tsc(TYPESCRIPTS[1]!.tsc, dir);
    expect(r.output).toBe('');
    const probe = kind === 'esm'
      ? `const m = await import('./dist/app.js'); console.log(typeof m.client, m.isValidation(new Error('x')));`
      : `const m = require('./dist/app.js'); console.log(typeof m.client, m.isValidation(new Error('x')));`;
    const out = execFileSync(process.execPath, kind === 'esm' ? ['--input-type=module', '-e', probe] : ['-e', probe], { cwd: dir, encoding: 'utf8' });
    expect(out.trim()).toBe('function false');
  }, 120_000);
});
