/**
 * `importPages`: doc pages (files or folders) → path files under `<out>/paths/` and their
 * entries in the root document. Reads every page first, writes only at the end, never
 * prints and never exits: the result carries what happened, the warnings and the errors.
 */
import { movedNote, movedStubTarget } from './moved';
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isUntouchedImport, PAGE_SEPARATOR, toYaml, withMarker } from './emit-yaml';
import { compareIssues, PageError, PageIssues, type ImportIssue } from './issues';
import { fileOfPath, readPage } from './page';
import { importLimits, type ImportLimits } from './limits';
import { buildPathItem, urlPath } from './path-item';
import { addPaths, DEFAULT_SERVER, RootError, ROOT_TEMPLATE } from './root';
import { makeFolders, readIfExists, writeAtomic } from './write';
import { prepareWebhook, webhookEventOf, type PreparedWebhook } from './webhook-import';
import { twinFiles } from './twin-files';
import { mergeTwins, pathShape, type TwinPage } from './twins';

export interface ImportOptions {
  /** Doc pages (`.md`) and folders holding them (searched recursively; README.md files are skipped). */
  readonly inputs: readonly string[];
  /** Spec folder; path files go to `<out>/paths/<url path>.yaml`. Default `specs`. */
  readonly out?: string;
  /** Root document. Default `<out>/wechatpay.yaml`; created from the built-in template when missing. */
  readonly root?: string;
  /** Overwrite path files that differ from the import and were not written by it (hand-written or edited). */
  readonly force?: boolean;
  /** Base for relative inputs/outputs and for the page names in messages. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Bounds on what one page may hold (defaults: DEFAULT_IMPORT_LIMITS). */
  readonly limits?: Partial<ImportLimits>;
}

export type PageStatus = 'created' | 'updated' | 'unchanged' | 'differs' | 'overwritten';

export interface PageResult {
  /** The page as named in messages. */
  readonly page: string;
  /** `/v3/…` */
  readonly path: string;
  /** The path file, relative to cwd, `/`-separated. */
  readonly file: string;
  /** What happened to the path file (`differs`: left alone, it was not written by the importer; use force). */
  readonly status: PageStatus;
  /** `POST /v3/…` for each operation of the page. */
  readonly operations: readonly string[];
  /** With `differs`: the text the import would have written (so a caller can show the difference). */
  readonly wanted?: string;
}

export interface ImportResult {
  /** One entry per page that could be read, sorted by page. */
  readonly pages: readonly PageResult[];
  readonly warnings: readonly ImportIssue[];
  /** Pages that could not be imported at all, and root/IO problems. */
  readonly errors: readonly ImportIssue[];
  /** Path files (relative to cwd) left alone because they differ from the import and were not written by it. */
  readonly differing: readonly string[];
  readonly root: { readonly file: string; readonly status: 'created' | 'updated' | 'unchanged' | 'failed'; readonly added: readonly string[] };
}

interface Prepared {
  readonly page: string;
  readonly path: string;
  readonly abs: string;
  readonly text: string;
  readonly operations: string[];
  /** The other pages merged into this file (twins: paths that differ only in parameter names). */
  readonly alsoPages?: readonly string[];
}

/** An API page read and built, before twins are merged. */
interface BuiltPage extends TwinPage {
  readonly pageId: string;
  readonly line: number;
  /** The page's methods, in page order. */
  readonly methods: readonly string[];
}

export async function importPages(options: ImportOptions): Promise<ImportResult> {
  return importPagesSync(options);
}

/** The synchronous core of importPages. */
export function importPagesSync(options: ImportOptions): ImportResult {
  const cwd = resolve(options.cwd ?? process.cwd());
  const outDir = resolve(cwd, options.out ?? 'specs');
  const rootFile = resolve(cwd, options.root ?? join(outDir, 'wechatpay.yaml'));
  const show = (abs: string): string => display(cwd, abs);
  const warnings: ImportIssue[] = [];
  const errors: ImportIssue[] = [];
  const limits = importLimits(options.limits);

  const pages = collectPages(options.inputs, cwd, errors);
  const prepared: Prepared[] = [];
  const hooks: (PreparedWebhook & { readonly page: string })[] = [];
  const byPath = new Map<string, string>();
  /**
   * Path with its parameter names blanked (`/v3/a/{}/cancel`) → where its file is in `prepared`,
   * and the pages documenting such a path. A page's file is written out as soon as it is read and
   * its path item let go (a whole-corpus import held ~900 of them, ~20 MB, until the end); only
   * when a second page of the same shape turns up (twins, to be merged) is the first one built
   * again from its file.
   */
  const byShape = new Map<string, { readonly index: number; readonly first: PageFile; built?: BuiltPage[] }>();
  const build = (p: PageFile, issues: PageIssues): BuiltPage | undefined => {
    const source = readPageFile(p.abs, limits.maxPageBytes, issues);
    const movedTo = movedStubTarget(source);
    if (movedTo !== undefined) {
      issues.warn(1, movedNote(movedTo, 'operation'));
      return undefined;
    }
    const doc = readPage(source, p.filePath, issues, limits);
    const urlP = urlPath(doc);
    const abs = pathFile(outDir, urlP);
    const rootRef = posix(relative(dirname(abs), rootFile));
    const item = buildPathItem(doc, { issues, rootRef, defaultServer: DEFAULT_SERVER });
    return { page: show(p.abs), pageId: p.pageId, path: urlP, line: doc.pathLine, item, methods: doc.operations.map((o) => o.method.toUpperCase()) };
  };
  for (const p of pages) {
    const name = show(p.abs);
    const issues = new PageIssues(name);
    try {
      const eventType = webhookEventOf(p.abs);
      if (eventType !== undefined) {
        const w = prepareWebhook(readPageFile(p.abs, limits.maxPageBytes, issues), eventType, p.pageId, outDir, issues);
        if (w) hooks.push({ ...w, page: name });
        warnings.push(...issues.warnings);
        continue;
      }
      const built = build(p, issues);
      if (built === undefined) {
        warnings.push(...issues.warnings);
        continue;
      }
      const first = byPath.get(built.path);
      if (first !== undefined) issues.fail(1, `the page documents ${built.path}, which ${first} already documents; skipped (merge the two pages into one {#mix} page)`);
      byPath.set(built.path, name);
      const shape = pathShape(built.path);
      const known = byShape.get(shape);
      if (known === undefined) {
        byShape.set(shape, { index: prepared.length, first: p });
        prepared.push(preparePaths([built], outDir, warnings));
      } else {
        // the first page of this shape was read without problems once: built again, its issues are not repeated
        if (known.built === undefined) {
          const again = build(known.first, new PageIssues(show(known.first.abs)));
          known.built = again ? [again] : [];
        }
        known.built.push(built);
      }
    } catch (e) {
      if (e instanceof PageError) errors.push({ page: name, line: e.line, message: e.message });
      else if (e instanceof RangeError) errors.push({ page: name, line: 0, message: 'cannot import the page: it is too deeply nested or too large for the importer (an internal limit was hit); please report it' });
      else errors.push({ page: name, line: 0, message: `cannot import the page: ${(e as Error).message}` });
    }
    warnings.push(...issues.warnings);
  }
  // twins: one merged file in the place of the first page's
  for (const group of byShape.values()) if (group.built && group.built.length > 1) prepared[group.index] = preparePaths(group.built, outDir, warnings);

  // the root first: if it cannot take the paths, nothing is written
  const rootName = show(rootFile);
  let rootText: string | undefined;
  let rootStatus: ImportResult['root']['status'] = 'unchanged';
  let added: readonly string[] = [];
  try {
    const existing = readIfExists(rootFile);
    const withPaths = addPaths(existing ?? ROOT_TEMPLATE, prepared.map((p) => ({ path: p.path, ref: refFromRoot(rootFile, p.abs) })));
    const withHooks = hooks.length > 0 ? addPaths(withPaths.text, hooks.map((h) => ({ path: h.eventType, ref: refFromRoot(rootFile, h.abs) })), 'webhooks') : undefined;
    const update = withHooks
      ? { text: withHooks.text, conflicts: [...withPaths.conflicts, ...withHooks.conflicts], added: [...withPaths.added, ...withHooks.added] }
      : withPaths;
    // the webhook files are written like path files
    prepared.push(...hooks.map((h) => ({ page: h.page, path: h.eventType, abs: h.abs, text: h.text, operations: [`WEBHOOK ${h.eventType}`] })));
    for (const c of update.conflicts) {
      warnings.push({ page: rootName, line: 0, message: `the root lists ${c.path} as ${c.existing}, not ${c.wanted}; left as it is` });
    }
    added = update.added;
    if (existing === undefined) {
      rootText = update.text;
      rootStatus = 'created';
    } else if (update.text !== existing) {
      rootText = update.text;
      rootStatus = 'updated';
    }
  } catch (e) {
    rootStatus = 'failed';
    errors.push({ page: rootName, line: e instanceof RootError ? e.line : 0, message: e instanceof RootError ? e.message : `cannot read the root document: ${(e as Error).message}` });
  }

  const results: PageResult[] = [];
  const differing: string[] = [];
  if (rootStatus !== 'failed') {
    let fresh: ReadonlySet<string> = new Set();
    try {
      fresh = makeFolders(prepared.map((p) => p.abs));
    } catch {
      // reported per file below, where writing into the folder fails
    }
    for (const p of prepared) {
      const file = show(p.abs);
      let status: PageStatus;
      try {
        // a folder made just now holds no file yet: no read to find that out
        const existing = fresh.has(dirname(p.abs)) ? undefined : readIfExists(p.abs);
        if (existing === undefined) status = 'created';
        else if (existing === p.text) status = 'unchanged';
        else if (isUntouchedImport(existing)) status = 'updated';
        else if (options.force) status = 'overwritten';
        else status = 'differs';
        if (status === 'created' || status === 'updated' || status === 'overwritten') writeAtomic(p.abs, p.text);
      } catch (e) {
        errors.push({ page: p.page, line: 0, message: `cannot write ${file}: ${(e as Error).message}` });
        continue;
      }
      if (status === 'differs') differing.push(file);
      for (const page of [p.page, ...(p.alsoPages ?? [])]) {
        results.push({ page, path: p.path, file, status, operations: p.operations, ...(status === 'differs' ? { wanted: p.text } : {}) });
      }
    }
    if (rootText !== undefined) {
      try {
        writeAtomic(rootFile, rootText);
      } catch (e) {
        rootStatus = 'failed';
        errors.push({ page: rootName, line: 0, message: `cannot write the root document: ${(e as Error).message}` });
      }
    }
  }
  return {
    pages: results.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0)),
    warnings: warnings.sort(compareIssues),
    errors: errors.sort(compareIssues),
    differing: differing.sort(),
    root: { file: rootName, status: rootStatus, added },
  };
}

/** The path file of a URL path: `<out>/paths/v3/….yaml`. */
function pathFile(outDir: string, urlP: string): string {
  return join(outDir, 'paths', ...fileOfPath(urlP.replace(/^\//, '')).split('/')) + '.yaml';
}

/**
 * The file of one path shape: a page alone as built, or twin pages (paths that differ only in
 * parameter names, which OpenAPI allows once) merged into one path item, with a warning on each
 * later page and one for every difference the merge could not reconcile.
 */
function preparePaths(group: readonly BuiltPage[], outDir: string, warnings: ImportIssue[]): Prepared {
  const first = group[0]!;
  const operationsOf = (path: string, pages: readonly BuiltPage[]): string[] => [...new Set(pages.flatMap((g) => g.methods))].map((m) => `${m} ${path}`);
  if (group.length === 1) {
    return { page: first.page, path: first.path, abs: pathFile(outDir, first.path), text: withMarker(first.pageId, toYaml(first.item)), operations: operationsOf(first.path, group) };
  }
  const merged = mergeTwins(group.map((g) => ({ page: g.pageId, path: g.path, item: g.item })));
  const others = group.slice(1);
  for (const g of others) {
    warnings.push({
      page: g.page,
      line: g.line,
      message: `the page documents ${g.path}, which differs from ${first.path} (${first.page}) only in its parameter names (the same URL; OpenAPI allows one of them): both pages are merged into one operation, ${merged.path}`,
    });
  }
  const byId = new Map(group.map((g) => [g.pageId, g]));
  for (const c of merged.conflicts) {
    const g = byId.get(c.page) ?? first;
    warnings.push({ page: g.page, line: g.line, message: `merging with ${first.page} (paths differing only in parameter names): ${c.where} differs incompatibly, ${c.message}; the first page's is kept` });
  }
  return {
    page: first.page,
    path: merged.path,
    abs: pathFile(outDir, merged.path),
    text: withMarker(group.map((g) => g.pageId).join(PAGE_SEPARATOR), toYaml(merged.item)),
    operations: operationsOf(merged.path, group),
    alsoPages: others.map((g) => g.page),
  };
}

interface PageFile {
  readonly abs: string;
  /** Path template from the file name (`v3/…`), when the file sits under a `v<N>/` folder. */
  readonly filePath?: string;
  /** Name of the page in the marker comment: from its `openapi/` folder on, else relative to the input folder. */
  readonly pageId: string;
}

function collectPages(inputs: readonly string[], cwd: string, errors: ImportIssue[]): PageFile[] {
  const seen = new Map<string, PageFile>();
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      errors.push({ page: display(cwd, abs), line: 0, message: 'no such page or folder' });
      continue;
    }
    const files = isDir ? walk(abs) : [abs];
    for (const f of files) {
      if (seen.has(f)) continue;
      const rel = posix(relative(isDir ? abs : dirname(abs), f));
      const filePath = pathFromFile(f);
      seen.set(f, { abs: f, ...(filePath !== undefined ? { filePath } : {}), pageId: pageIdOf(f, rel) });
    }
  }
  // a page's twins (paths that differ only in parameter names) are read with it, to be merged
  for (const f of [...seen.keys()]) {
    if (webhookEventOf(f) !== undefined) continue;
    for (const twin of twinFiles(f)) {
      if (seen.has(twin)) continue;
      const filePath = pathFromFile(twin);
      seen.set(twin, { abs: twin, ...(filePath !== undefined ? { filePath } : {}), pageId: pageIdOf(twin, basename(twin)) });
    }
  }
  return [...seen.values()].sort((a, b) => (display(cwd, a.abs) < display(cwd, b.abs) ? -1 : 1));
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.') && e.name !== 'node_modules') out.push(...walk(full));
    } else if (e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md') {
      out.push(full);
    }
  }
  return out;
}

/** `…/openapi/v3/a/{b}.md` → `v3/a/{b}` (from the last `v<N>` folder on). */
function pathFromFile(abs: string): string | undefined {
  const segs = posix(abs).replace(/\.md$/, '').split('/');
  for (let i = segs.length - 2; i >= 0; i--) {
    if (/^v\d+$/.test(segs[i] ?? '')) return segs.slice(i).join('/');
  }
  return undefined;
}

function pageIdOf(abs: string, rel: string): string {
  const p = posix(abs);
  const i = Math.max(p.lastIndexOf('/openapi/'), p.lastIndexOf('/webhook/'));
  if (i >= 0) return p.slice(i + 1);
  return rel.startsWith('..') || rel === '' ? basename(abs) : rel;
}

function refFromRoot(rootFile: string, pathFile: string): string {
  const rel = posix(relative(dirname(rootFile), pathFile));
  return rel.startsWith('../') ? rel : `./${rel}`;
}

function display(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return posix(rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel);
}

function posix(p: string): string {
  return p.split(sep).join('/');
}

/**
 * A page's text: a regular file of at most `maxBytes` bytes, read through one descriptor
 * (no window between the size check and the read), never more than the limit plus one byte.
 */
function readPageFile(abs: string, maxBytes: number, issues: PageIssues): string {
  // checked before opening too: opening a FIFO would block until something writes to it
  if (!statSync(abs).isFile()) issues.fail(0, 'is not a regular file');
  const fd = openSync(abs, 'r');
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) issues.fail(0, 'is not a regular file');
    if (st.size > maxBytes) issues.fail(0, `is ${st.size} bytes, more than the importer's limit of ${maxBytes} bytes per page (limits.maxPageBytes)`);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    if (n > maxBytes) issues.fail(0, `grew past the importer's limit of ${maxBytes} bytes per page while being read (limits.maxPageBytes)`);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
