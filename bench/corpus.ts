/**
 * The whole doc corpus as the scale spec: ../shared/docs/wechatpay-docs.bundle cloned into the run's temp
 * folder, its openapi/v3 pages imported with `wxpay-gen import` (the import row measures that step against
 * openapi-typescript on the imported spec), then the root trimmed of the few paths the generator rejects
 * (each named in the report), so that generation runs on everything else.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { run, runOk } from './exec';

export interface Corpus {
  /** The cloned doc repository and the pages folder imported. */
  readonly pages: string;
  readonly pageCount: number;
  /** Root spec made by the import (untrimmed), and the trimmed copy generation runs on. */
  readonly importedRoot: string;
  readonly root: string;
  readonly operations: number;
  readonly pathFiles: number;
  /** Paths left out of the trimmed root, with the generator's reason. */
  readonly dropped: readonly string[];
}

/** Finds the bundle walking up from the repository (worktrees sit deeper than the main checkout). */
export function findBundle(repo: string): string | undefined {
  let dir = repo;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'shared', 'docs', 'wechatpay-docs.bundle');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export function countFiles(dir: string, ext: string): number {
  let n = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(ext) && e.name !== 'README.md') n++;
    }
  };
  walk(dir);
  return n;
}

/** Clones the bundle; returns the pages folder to import. */
export async function cloneCorpus(bundle: string, tmp: string): Promise<{ pages: string; pageCount: number }> {
  const clone = join(tmp, 'docs');
  await runOk('git', ['clone', '--quiet', bundle, clone], { cwd: tmp, timeoutMs: 300_000 });
  const pages = join(clone, 'openapi', 'v3');
  return { pages, pageCount: countFiles(pages, '.md') };
}

/** Removes `paths` entries (two-space-indented keys and their block) from an importer-written root. */
function dropPaths(rootText: string, drop: (key: string, ref: string) => boolean): { text: string; dropped: string[] } {
  const lines = rootText.split('\n');
  const out: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {2}(\/\S*):\s*$/.exec(lines[i] ?? '');
    if (m) {
      const ref = /^ {4}\$ref:\s*['"]?([^'"]+)['"]?\s*$/.exec(lines[i + 1] ?? '')?.[1] ?? '';
      if (drop(m[1] ?? '', ref)) {
        dropped.push(m[1] ?? '');
        while (i + 1 < lines.length && /^ {4}/.test(lines[i + 1] ?? '')) i++;
        continue;
      }
    }
    out.push(lines[i] ?? '');
  }
  return { text: out.join('\n'), dropped };
}

/**
 * Makes `trimmedRoot` from `importedRoot`: generates once; for every problem reported, leaves out the path
 * it is in (named by its pointer in the root, or by its path file); repeats (at most 4 times) until it generates.
 */
export async function trimForGeneration(wxpayGen: string, importedRoot: string, trimmedRoot: string, out: string, env: NodeJS.ProcessEnv): Promise<{ operations: number; dropped: string[] }> {
  const specDir = dirname(importedRoot);
  let text = readFileSync(importedRoot, 'utf8');
  const dropped: string[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    writeFileSync(trimmedRoot, text);
    rmSync(out, { recursive: true, force: true });
    const r = await run(process.execPath, [wxpayGen, '--spec', trimmedRoot, '--out', out], { cwd: specDir, env, timeoutMs: 600_000 });
    if (r.code === 0) {
      const ops = Number(/\((\d+) operations?/.exec(r.stdout)?.[1] ?? NaN);
      return { operations: ops, dropped };
    }
    const keys = new Set<string>();
    const files = new Set<string>();
    for (const line of r.stderr.split('\n')) {
      const m = /^(\S+?):\d+:\d+\s+(\S+)\s+(.*)$/.exec(line);
      if (!m) continue;
      const [, file = '', pointer = '', why = ''] = m;
      const abs = resolve(specDir, file);
      if (abs === resolve(trimmedRoot)) {
        const key = /^\/paths\/([^/]+)/.exec(pointer)?.[1];
        if (key) keys.add(key.replace(/~1/g, '/').replace(/~0/g, '~'));
      } else {
        files.add(abs);
      }
      if (dropped.length < 50) dropped.push(`${relative(specDir, abs)} ${pointer}: ${why}`);
    }
    if (keys.size === 0 && files.size === 0) throw new Error(`the corpus spec does not generate and the problems name no path:\n${r.stderr.split('\n').slice(-10).join('\n')}`);
    text = dropPaths(text, (key, ref) => keys.has(key) || (ref !== '' && files.has(resolve(specDir, ref)))).text;
  }
  throw new Error('the corpus spec still does not generate after 4 rounds of leaving out failing paths');
}
