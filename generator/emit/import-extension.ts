/**
 * The extension of the relative imports between generated files. `.js` (the default) is what tsc wants under
 * NodeNext/Node16: it resolves `./x.js` to `x.ts`. `.ts` is what runs the sources as they are — Node's own type
 * stripping (Node ≥ 22.18 / 23.6, 22.6 with --experimental-strip-types), Deno, Bun — which resolve no extension
 * swap; tsc then needs `allowImportingTsExtensions` (with noEmit) or `rewriteRelativeImportExtensions` (TS ≥ 5.7,
 * which writes `.js` into the emitted JavaScript).
 */
import { posix } from 'node:path';

export const IMPORT_EXTENSIONS = ['.js', '.ts'] as const;
export type ImportExtension = (typeof IMPORT_EXTENSIONS)[number];
export const DEFAULT_IMPORT_EXTENSION: ImportExtension = '.js';

export const isImportExtension = (v: unknown): v is ImportExtension => v === '.js' || v === '.ts';

// `from './x.js'`, `import './x.js'`, `import('./x.js')`: a relative specifier ending in .js
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"\n]*?)\.js\2/g;

/**
 * Each file's relative `.js` specifiers that name a `.ts` file of the output rewritten to `.ts`. Specifiers of
 * declaration files (`./types.gen.js` → types.gen.d.ts) stay `.js`: they are only ever imported with
 * `import type`, which every stripper erases and tsc resolves as before. `.js` returns the files as they are.
 */
export function withImportExtension(files: ReadonlyMap<string, string>, ext: ImportExtension): Map<string, string> {
  if (ext === '.js') return new Map(files);
  const out = new Map<string, string>();
  for (const [file, text] of files) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) {
      out.set(file, text);
      continue;
    }
    const dir = posix.dirname(file);
    out.set(file, text.replace(SPECIFIER, (whole: string, lead: string, quote: string, stem: string) => {
      const target = posix.normalize(posix.join(dir, `${stem}.ts`));
      return files.has(target) ? `${lead}${quote}${stem}.ts${quote}` : whole;
    }));
  }
  return out;
}
