import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of the runtime sources, found from this module whether it runs from source or from dist/. */
export function runtimeDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'templates', 'runtime');
    if (existsSync(join(candidate, 'index.ts'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`wxpay-gen: cannot find templates/runtime above ${__dirname}; the package is incomplete`);
    dir = parent;
  }
}

/** The runtime sources (tests excluded), by file name, in name order. */
export function readRuntimeFiles(dir: string = runtimeDir()): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).sort()) {
    files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return files;
}

/**
 * The line each runtime file of the output opens with, after the banner. The runtime is the same code in
 * every client and is type-checked here (templates/runtime under strict; tests/app/strict.test.ts checks the
 * generated copy without this line under @tsconfig/strictest on four TypeScript versions), so a consumer's
 * `tsc` need not check its function bodies on every build: with the pragma it treats these files as it
 * treats declaration files under `skipLibCheck` (types still read where the app uses them). That was about
 * two thirds of the checker's time for a consumer of a 1,000-operation client.
 */
export const RUNTIME_PRAGMA = '// @ts-nocheck: checked where wxpay-gen is built; see "What gets generated" in its README\n';

/** A runtime file's text as the output holds it: the pragma line first. */
export function withRuntimePragma(text: string): string {
  return RUNTIME_PRAGMA + text;
}
