/**
 * Builds throwaway apps that compile the generated client the way an app does: the files in the
 * app's own source tree, `@tsconfig/strictest` plus the flags an app may add, as an ESM (NodeNext)
 * or a CommonJS (node16) package. Shared by the strict-TypeScript test and the new-user test.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const REPO = resolve(__dirname, '..', '..');
const run = promisify(execFile);

export type ModuleKind = 'esm' | 'cjs';

/** The TypeScript versions checked: the registry's 5.x floor for erasableSyntaxOnly, the project's own, 6 and the newest. */
export const TYPESCRIPTS: readonly { readonly name: string; readonly tsc: string }[] = [
  { name: '5.8', tsc: join(REPO, 'node_modules', 'typescript-5.8', 'bin', 'tsc') },
  { name: '5.9', tsc: join(REPO, 'node_modules', 'typescript', 'bin', 'tsc') },
  { name: '6', tsc: join(REPO, 'node_modules', 'typescript-6', 'bin', 'tsc') },
  { name: '7', tsc: join(REPO, 'node_modules', 'typescript-7', 'bin', 'tsc') },
];

/**
 * The app's tsconfig. CommonJS leaves out `verbatimModuleSyntax`: in a file whose output is CommonJS it lets
 * values cross modules only as `import x = require()` / `export =`, which `erasableSyntaxOnly` forbids, so no
 * CommonJS TypeScript app can have both, whatever code it compiles (TS1286/TS1295, TS1287, TS1294:
 * cjs-verbatim.test.ts has TypeScript say so).
 */
export function strictTsconfig(kind: ModuleKind, include: readonly string[]): object {
  return {
    extends: '@tsconfig/strictest/tsconfig.json',
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: kind === 'esm' ? 'NodeNext' : 'Node16',
      moduleResolution: kind === 'esm' ? 'NodeNext' : 'Node16',
      types: ['node'],
      rootDir: 'src',
      outDir: 'dist',
      declaration: true,
      isolatedDeclarations: true,
      erasableSyntaxOnly: true,
      ...(kind === 'esm' ? { verbatimModuleSyntax: true } : {}),
      skipLibCheck: false,
    },
    include,
  };
}

/** Writes package.json (with the module type) and tsconfig.json into `dir`. */
export function writeAppSkeleton(dir: string, kind: ModuleKind, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const pkg = { name: `strict-${kind}-app`, version: '1.0.0', private: true, type: kind === 'esm' ? 'module' : 'commonjs', ...extra };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(strictTsconfig(kind, ['src']), null, 2)}\n`);
}

/** Runs a tsc (a path to its bin) in `dir`; resolves with its output, never rejects. */
export async function tsc(bin: string, dir: string, args: readonly string[] = []): Promise<{ code: number; output: string }> {
  try {
    const r = await run(process.execPath, [bin, '-p', dir, ...args], { cwd: dir, timeout: 120_000 });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}
