/**
 * The user's pipeline on a whole doc corpus: import the pages, let the generator judge the
 * spec (paths it refuses are taken out of the root, each with the generator's reason, and
 * counted as failures by the caller), generate the client and compile it to one JS file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { parse } from 'yaml';
import { buildModel, formatProblem, generate, loadSpec, SpecError, type Model } from '../../generator';
import { importPagesSync, type ImportResult } from '../../importer';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface RefusedPath {
  readonly path: string;
  /** `POST /v3/…` of each operation the path file holds. */
  readonly operations: readonly string[];
  /** The generator's problems naming this path (file:line:col pointer message). */
  readonly problems: readonly string[];
}

export interface CorpusBuild {
  readonly imported: ImportResult;
  readonly specRoot: string;
  readonly model: Model;
  readonly refused: readonly RefusedPath[];
  /** The generated client folder (TypeScript). */
  readonly clientDir: string;
  /** The generated client compiled to one CommonJS file. */
  readonly clientJs: string;
}

/** Root `paths` entries (`/v3/…` → `./paths/….yaml`), read from the root's text. */
function rootRefs(rootText: string): Map<string, string> {
  const doc = parse(rootText) as { paths?: Record<string, { $ref?: string }> };
  return new Map(Object.entries(doc.paths ?? {}).map(([p, v]) => [p, v.$ref ?? '']));
}

/** Removes `paths` entries from the importer's root (two lines each: `  /v3/…:` and its `$ref`). */
function dropPaths(rootFile: string, paths: ReadonlySet<string>): void {
  const lines = readFileSync(rootFile, 'utf8').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {2}(\/\S*):\s*$/.exec(lines[i] ?? '');
    if (m?.[1] !== undefined && paths.has(m[1]) && /^\s{4}\$ref:/.test(lines[i + 1] ?? '')) {
      i++;
      continue;
    }
    out.push(lines[i] ?? '');
  }
  writeFileSync(rootFile, out.join('\n'));
}

/** Operations of a path file, as `METHOD /path`. */
function operationsOf(file: string, path: string): string[] {
  try {
    const item = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return METHODS.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`);
  } catch {
    return [];
  }
}

/** The model, after taking out every path the generator refuses (at most 5 rounds). */
function judge(specRoot: string, cwd: string): { model: Model; refused: RefusedPath[] } {
  const refused: RefusedPath[] = [];
  for (let round = 0; round < 5; round++) {
    try {
      return { model: buildModel(loadSpec(specRoot, cwd)), refused };
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      const refs = rootRefs(readFileSync(specRoot, 'utf8'));
      const byFile = new Map([...refs].map(([p, ref]) => [resolve(dirname(specRoot), ref), p]));
      const blamed = new Map<string, string[]>();
      for (const problem of e.problems) {
        const fromPointer = /^\/paths\/([^/]+)/.exec(problem.pointer)?.[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
        const path = byFile.get(resolve(cwd, problem.file)) ?? (fromPointer !== undefined && refs.has(fromPointer) ? fromPointer : undefined);
        if (path === undefined) throw e;
        // a problem naming two paths blames the one it is reported at; the message names both
        blamed.set(path, [...(blamed.get(path) ?? []), formatProblem(problem)]);
      }
      for (const [path, problems] of blamed) {
        refused.push({ path, operations: operationsOf(resolve(dirname(specRoot), refs.get(path) ?? ''), path), problems });
      }
      dropPaths(specRoot, new Set(blamed.keys()));
    }
  }
  throw new Error('the generator still refuses the spec after 5 rounds of taking out paths');
}

/** Imports `inputs` (doc folders) into `work/specs`, generates into `work/client`, compiles it. */
export async function buildCorpus(inputs: readonly string[], work: string): Promise<CorpusBuild> {
  const specs = join(work, 'specs');
  const imported = importPagesSync({ inputs, out: specs, cwd: work });
  const specRoot = join(specs, 'wechatpay.yaml');
  const { model, refused } = judge(specRoot, work);
  const clientDir = join(work, 'client');
  await generate({ spec: specRoot, out: clientDir, cwd: work });
  const clientJs = join(work, 'client.js');
  await build({ entryPoints: [join(clientDir, 'index.ts')], outfile: clientJs, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  return { imported, specRoot, model, refused, clientDir, clientJs };
}
