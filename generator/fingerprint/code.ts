import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

const SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;

/** The file a relative specifier names, as TypeScript or Node would find it (`.ts` source or `.js` build). */
function resolveRelative(from: string, spec: string, ext: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}${ext}`, join(base, `index${ext}`)]) if (existsSync(candidate)) return candidate;
  return undefined;
}

/** `name@version` of the installed package a bare specifier names (scoped names kept whole). */
function packageVersion(from: string, spec: string): string {
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
  let dir: string;
  try {
    dir = dirname(require.resolve(spec, { paths: [dirname(from)] }));
  } catch {
    return `${name}@missing`;
  }
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (json.name === name) return `${name}@${json.version ?? '?'}`;
    }
    const up = dirname(dir);
    if (up === dir) return `${name}@unknown`;
    dir = up;
  }
}

/**
 * sha256 identifying the generator that runs: the text of every module reachable by relative imports from
 * `roots` (so a stale or unrelated file beside them changes nothing), and the name@version of every package
 * they import. Runs on whichever form is running — `.ts` sources under ts-jest, `.js` from dist/ — so the two
 * give different values; each only ever compares with output it made itself.
 * Reads files only: no module is loaded.
 */
export function codeIdentity(roots: readonly string[]): string {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const ext = file.endsWith('.ts') ? '.ts' : '.js';
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1] ?? '';
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec, ext);
        if (target) queue.push(target);
      } else if (!spec.startsWith('node:')) {
        packages.add(packageVersion(file, spec));
      }
    }
  }
  const hash = createHash('sha256');
  const base = dirname(dirname(roots[0] ?? '.'));
  for (const file of [...seen].sort()) hash.update(`${file.slice(base.length).split(sep).join('/')}\0`).update(readFileSync(file)).update('\0');
  for (const pkg of [...packages].sort()) hash.update(`${pkg}\0`);
  return hash.digest('hex');
}
