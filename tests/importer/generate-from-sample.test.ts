import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { buildScaleSpec } from '../../bench/build-scale-spec';
import { generate } from '../../generator';
import { importPagesSync } from '../../importer';
import { SAMPLE } from './support';

/**
 * The 60 sample doc pages → importer → generator → a client that compiles under strict tsc;
 * and the same at scale: the pages repeated under distinct prefixes to ≥ 1,000 operations
 * (bench/build-scale-spec.ts; time is the benchmark's business, not asserted here).
 */
const ROOT = resolve(__dirname, '..', '..');

/** Strict tsc over a generated client; the problems, if any. */
function typeCheck(index: string): string[] {
  const program = ts.createProgram([index], {
    strict: true, noUncheckedIndexedAccess: true, noEmit: true, target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], skipLibCheck: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], typeRoots: [join(ROOT, 'node_modules', '@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + (d.file ? ` (${d.file.fileName})` : ''));
}

describe('a client generated from the 60 imported sample pages', () => {
  const work = mkdtempSync(join(tmpdir(), 'wxpay-gen-import-gen-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('imports, generates and type-checks under strict TypeScript', async () => {
    const imported = importPagesSync({ inputs: [SAMPLE], out: join(work, 'specs'), cwd: work });
    expect(imported.errors).toEqual([]);
    expect(imported.pages).toHaveLength(60);

    const result = await generate({ spec: join(work, 'specs', 'wechatpay.yaml'), out: join(work, 'client'), cwd: work });
    expect(result.operations).toBe(imported.pages.reduce((n, p) => n + p.operations.length, 0));
    expect(result.encryptedFields).toBeGreaterThan(50);

    const index = join(work, 'client', 'index.ts');
    expect(existsSync(index)).toBe(true);
    expect(typeCheck(index)).toEqual([]);
  });
});

describe('the scale spec built from the sample pages', () => {
  const work = mkdtempSync(join(tmpdir(), 'wxpay-gen-import-scale-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds ≥ 1,000 operations under distinct prefixes; the client generated from it type-checks', async () => {
    const spec = buildScaleSpec({ out: join(work, 'scale'), minOperations: 1000 });
    expect(spec.operations).toBeGreaterThanOrEqual(1000);
    const result = await generate({ spec: spec.root, out: join(work, 'client'), cwd: work });
    expect(result.operations).toBe(spec.operations);
    expect(typeCheck(join(work, 'client', 'index.ts'))).toEqual([]);
  }, 120_000);
});
