/**
 * Why the CommonJS strictest app (strict.test.ts) leaves out `verbatimModuleSyntax`: in a file whose output is
 * CommonJS, that flag lets values cross modules only as `import x = require()` / `export =`, and
 * `erasableSyntaxOnly` forbids exactly those — so with both, no CommonJS file can import or export a value,
 * whatever code it is (types still can: `import type`, `export type`). TypeScript's own answers, per version:
 * an ESM value import is TS1286 (5.8) / TS1295 (5.9+), an exported value declaration TS1287, `import = require`
 * and `export =` TS1294. Without `verbatimModuleSyntax` (the combination strict.test.ts compiles the generated
 * client under) the same ESM-syntax file is fine.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, strictTsconfig, TYPESCRIPTS, tsc } from './strict-app';

const ESM_SYNTAX = "import { readFileSync } from 'node:fs';\nimport type { Stats } from 'node:fs';\nexport const read = (p: string): string => readFileSync(p, 'utf8');\nexport type S = Stats;\n";
const CJS_SYNTAX = "import fs = require('node:fs');\nexport = fs;\n";

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function cjsApp(verbatim: boolean, files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-cjs-verbatim-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}\n');
  const base = strictTsconfig('cjs', ['src']) as { compilerOptions: Record<string, unknown> };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...base, compilerOptions: { ...base.compilerOptions, ...(verbatim ? { verbatimModuleSyntax: true } : {}) } }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'src', name), text);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const codes = (output: string): string[] => [...output.matchAll(/^(src\/[^(]+)\((\d+),\d+\): error (TS\d+)/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);

test('CommonJS + verbatimModuleSyntax + erasableSyntaxOnly: no way to import or export a value', async () => {
  const dir = cjsApp(true, { 'esm.ts': ESM_SYNTAX, 'cjs.ts': CJS_SYNTAX });
  const results = await Promise.all(TYPESCRIPTS.map(async (t) => [t.name, codes((await tsc(t.tsc, dir, ['--noEmit', '--skipLibCheck'])).output).filter((c) => !c.endsWith('TS9039'))] as const));
  const cjs = ['src/cjs.ts:1 TS1294', 'src/cjs.ts:2 TS1294'];
  expect(Object.fromEntries(results)).toEqual({
    '5.8': [...cjs, 'src/esm.ts:1 TS1286', 'src/esm.ts:3 TS1287'],
    '5.9': [...cjs, 'src/esm.ts:1 TS1295', 'src/esm.ts:3 TS1287'],
    '6': [...cjs, 'src/esm.ts:1 TS1295', 'src/esm.ts:3 TS1287'],
    '7': [...cjs, 'src/esm.ts:1 TS1295', 'src/esm.ts:3 TS1287'],
  });
}, 120_000);

test('the nearest working combination, without verbatimModuleSyntax: ESM syntax compiles to CommonJS', async () => {
  const dir = cjsApp(false, { 'esm.ts': ESM_SYNTAX });
  expect((await tsc(TYPESCRIPTS[1]!.tsc, dir, ['--noEmit', '--skipLibCheck'])).output).toBe('');
}, 60_000);
