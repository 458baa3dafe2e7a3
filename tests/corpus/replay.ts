/**
 * Helpers of the doc-change replay: what git says changed between two doc commits, what the
 * spec folder holds (file → text), and which operations a generated operations table holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { listFiles } from '../../generator/write';
import type { DocsClone } from './bundle';

/** The page folders the importer reads: the API pages and the notification pages. */
export const DOC_FOLDERS = ['openapi/v3', 'webhook/v3'] as const;

export interface PageChange {
  readonly status: 'A' | 'M' | 'D';
  /** `openapi/v3/….md` or `webhook/v3/….md`, relative to the checkout. */
  readonly page: string;
}

/** The last `count + 1` commits that touch the page folders, oldest first. */
export function docCommits(docs: DocsClone, count: number): string[] {
  return docs.git('log', `-${count + 1}`, '--format=%H', '--', ...DOC_FOLDERS).trim().split('\n').filter(Boolean).reverse();
}

/** Pages added, modified and deleted between two commits (renames as a deletion and an addition). */
export function pageChanges(docs: DocsClone, from: string, to: string): PageChange[] {
  const out: PageChange[] = [];
  for (const line of docs.git('diff', '--name-status', '--no-renames', from, to, '--', ...DOC_FOLDERS).split('\n')) {
    const [status, page] = line.split('\t');
    if (!page || !page.endsWith('.md') || /(^|\/)readme\.md$/i.test(page)) continue;
    if (status === 'A' || status === 'M' || status === 'D') out.push({ status, page });
  }
  return out;
}

/** Every file of a folder with its text (`/`-separated relative names). */
export function snapshot(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** Names whose text differs between two snapshots (added and removed included), sorted. */
export function changedNames(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

/** `METHOD key` → descriptor JSON, from a generated `operations.gen.ts` (compiled and evaluated alone). */
export function operationEntries(clientDir: string): Map<string, string> {
  const source = readFileSync(join(clientDir, 'operations.gen.ts'), 'utf8');
  const js = transformSync(source, { loader: 'ts', format: 'cjs' }).code;
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the generated table is data; it imports types only
  new Function('module', 'exports', 'require', js)(mod, mod.exports, () => ({}));
  const table = (mod.exports['operations'] ?? {}) as Record<string, Record<string, unknown>>;
  const out = new Map<string, string>();
  for (const [key, methods] of Object.entries(table)) for (const [m, d] of Object.entries(methods)) out.set(`${m.toUpperCase()} ${key}`, JSON.stringify(d));
  return out;
}
