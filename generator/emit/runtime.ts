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
