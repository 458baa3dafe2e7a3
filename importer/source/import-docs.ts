/**
 * `import --from <folder | git URL> --only <globs>`: the docs fetched (git URLs into a cache),
 * the selected pages imported into the spec folder, each written file's doc commit recorded,
 * and the imported files whose page is gone (or no longer selected) found — and, with `prune`,
 * deleted together with their root entries. Never touches `<spec folder>/overrides/`.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { importPagesSync, type ImportResult } from '../import-pages';
import { fetchDocs, folderCommit, isGitUrl, DocSourceError } from './git';
import { deleteFiles, importedFiles, removeRootRefs } from './prune';
import { listDocPages, selectPages, type DocPage } from './select';

export interface ImportDocsOptions {
  /** A docs folder (holding `openapi/`, `webhook/`) or a git URL of the docs repository. */
  readonly from: string;
  /** With a git URL: the commit, branch or tag to import. Default the repository's HEAD. */
  readonly ref?: string;
  /** Globs over URL paths and event types. */
  readonly only: readonly string[];
  /** The root spec; path files go to `<its folder>/paths/`. */
  readonly root: string;
  /** Base of relative paths. Default the working directory. */
  readonly cwd?: string;
  /** Where git URLs are fetched to. Default `<cwd>/node_modules/.cache/wxpay-gen/docs`. */
  readonly cacheDir?: string;
  /** Delete the imported files whose page is gone or no longer selected. */
  readonly prune?: boolean;
  /** What the last import recorded: spec file (relative to cwd) → doc commit. */
  readonly previous?: Readonly<Record<string, string>>;
  /** Import the selected notification pages (webhook/v3) too; default true. `false`: API pages only. */
  readonly webhooks?: boolean;
}

export interface StalePage {
  /** The path file, relative to cwd. */
  readonly file: string;
  readonly page: string;
  readonly why: 'gone upstream' | 'no longer selected';
}

export interface ImportDocsResult {
  /** The docs folder read (the cache checkout for a git URL). */
  readonly docsDir: string;
  /** The doc commit imported, when the docs are a git checkout. */
  readonly commit: string | undefined;
  readonly selected: readonly DocPage[];
  /** Globs that matched no page. */
  readonly unmatched: readonly string[];
  /** Notification pages selected but not imported (the importer does not read them yet). */
  readonly skippedWebhooks: readonly DocPage[];
  readonly result: ImportResult;
  /** Imported files whose page is gone or no longer selected; deleted when `pruned`. */
  readonly stale: readonly StalePage[];
  readonly pruned: boolean;
  /** Spec file (relative to cwd) → the doc commit its content came from, for every file of the selection. */
  readonly files: Readonly<Record<string, string>>;
}

export { DocSourceError } from './git';

const posix = (p: string): string => p.split('\\').join('/');

/** Resolves `from` to a docs folder (fetching a git URL) and its commit. */
export async function docsFolder(from: string, ref: string | undefined, cwd: string, cacheDir?: string): Promise<{ dir: string; commit: string | undefined }> {
  if (isGitUrl(from)) return fetchDocs(from, ref, cacheDir ?? join(cwd, 'node_modules', '.cache', 'wxpay-gen', 'docs'));
  const dir = resolve(cwd, from);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DocSourceError(`${from}: no such folder (give a folder holding the docs' openapi/ folder, or a git URL)`);
  if (ref !== undefined) throw new DocSourceError('--ref needs a git URL in --from (a folder is read as it is; check out the commit there)');
  return { dir, commit: await folderCommit(dir) };
}

/** A hint: the page keys sharing the longest prefix with the glob's literal start. */
function closest(all: readonly DocPage[], glob: string): string {
  const literal = glob.replace(/^\/+/, '').replace(/^(openapi|webhook)\//, '').split(/[*?]/)[0] ?? '';
  for (let n = literal.length; n > 0; n--) {
    const hits = all.filter((p) => p.key.startsWith(literal.slice(0, n)));
    if (hits.length > 0) return `pages starting like it: ${hits.slice(0, 3).map((p) => p.key).join(', ')}${hits.length > 3 ? ', …' : ''}`;
  }
  return 'no page starts like it';
}

export async function importDocs(options: ImportDocsOptions): Promise<ImportDocsResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { dir, commit } = await docsFolder(options.from, options.ref, cwd, options.cacheDir);
  const all = listDocPages(dir);
  if (all.length === 0) throw new DocSourceError(`${options.from}: no doc pages found (expected an openapi/ folder of .md pages${isGitUrl(options.from) ? ' in the repository' : ''})`);
  const { pages, unmatched } = selectPages(all, options.only);
  if (unmatched.length > 0) {
    throw new DocSourceError(`--only ${unmatched.join(' ')} matched no page of ${options.from}${commit ? ` at ${commit.slice(0, 12)}` : ''}; nothing was imported (globs are over URL paths such as v3/refund/** and event types such as REFUND.*; ${closest(all, unmatched[0]!)})`);
  }
  const apiPages = pages.filter((p) => p.kind === 'api' || options.webhooks !== false);
  const skippedWebhooks = pages.filter((p) => p.kind === 'webhook' && options.webhooks === false);
  const rootFile = resolve(cwd, options.root);
  const specDir = dirname(rootFile);
  const result = apiPages.length > 0
    ? importPagesSync({ inputs: apiPages.map((p) => p.abs), out: specDir, root: rootFile, cwd })
    : { pages: [], warnings: [], errors: [], differing: [], root: { file: posix(relative(cwd, rootFile)), status: 'unchanged' as const, added: [] } };

  // which doc commit each file of the selection came from: unchanged files keep the one recorded
  const previous = options.previous ?? {};
  const files: Record<string, string> = {};
  for (const p of result.pages) {
    const keep = p.status === 'unchanged' || p.status === 'differs' ? previous[p.file] : undefined;
    const c = keep ?? commit;
    if (c !== undefined) files[p.file] = c;
  }

  // imported files whose page is gone upstream, or that the selection no longer takes
  const selectedRel = new Set(apiPages.map((p) => p.rel));
  const present = new Set(all.map((p) => p.rel));
  const written = new Set(result.pages.map((p) => p.file));
  const stale: StalePage[] = [];
  for (const f of importedFiles(specDir)) {
    const file = posix(relative(cwd, f.abs));
    if (written.has(file)) continue;
    // a file merged from twin pages is stale as soon as one of them is gone (the other's import writes its own file)
    const gone = f.pages.find((page) => !present.has(page));
    if (gone !== undefined) stale.push({ file, page: gone, why: 'gone upstream' });
    else if (f.pages.every((page) => selectedRel.has(page))) continue;
    else if (previous[file] !== undefined) stale.push({ file, page: f.page, why: 'no longer selected' });
  }
  if (options.prune === true && stale.length > 0) {
    const abs = stale.map((s) => resolve(cwd, s.file));
    if (existsSync(rootFile)) {
      const text = readFileSync(rootFile, 'utf8');
      const updated = removeRootRefs(text, rootFile, abs);
      if (updated.text !== text) writeFileSync(rootFile, updated.text);
    }
    deleteFiles(specDir, abs);
  }
  return { docsDir: dir, commit, selected: pages, unmatched, skippedWebhooks, result, stale, pruned: options.prune === true && stale.length > 0, files };
}
