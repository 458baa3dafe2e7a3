import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { generate } from '../../generator';
import { importPagesSync, type ImportResult } from '../../importer';
import { importDocs, type ImportDocsResult } from '../../importer/source/import-docs';
import { cloneDocs, type DocsClone } from './bundle';
import { changedNames, docCommits, DOC_FOLDERS, operationEntries, pageChanges, snapshot, type PageChange } from './replay';

/**
 * "Regenerate when the docs change", replayed on real history: the last 20 transitions between
 * doc commits of the bundle. At the oldest commit the whole corpus is imported (and a focus spec
 * — the pages the window touches plus a fixed sample of others — generated); then, commit by
 * commit, only the pages git names as changed are imported again, and:
 * - the whole spec's diff is exactly the path files of those pages (and the root when pages are added);
 * - `--check` on the focus spec names exactly the changed spec files, and regenerating changes
 *   only the operations of the changed pages;
 * At the end the incremental spec is byte for byte a fresh import of the newest commit. Then pages
 * removed upstream, through `import --from` (importDocs) as a user runs it: at the newest commit it
 * reports exactly the pages git says the window deleted (none: the v3 folders only grow in these
 * commits); history is then run backwards, the newest commit back to the oldest (every page the
 * window added is deleted), and `import` reports exactly the files of the pages git says were
 * deleted, keeping them; `import --prune` deletes exactly those files and their root entries, after
 * which the spec is what the import at the oldest commit gave (files byte for byte, root entries equal).
 * API and notification pages (openapi/v3, webhook/v3) alike.
 * Anything unexpected is collected and fails the test, with the commit it happened at.
 */
const TRANSITIONS = 20;
/** Every SAMPLE_EVERY-th page of the corpus joins the focus spec: operations no change touches. */
const SAMPLE_EVERY = 30;

let docs: DocsClone;
let work: string;
let commits: string[];

beforeAll(() => {
  docs = cloneDocs('replay');
  work = join(docs.dir, '..');
  commits = docCommits(docs, TRANSITIONS);
});
afterAll(() => docs?.remove());

const abs = (page: string): string => join(docs.dir, page);

/** Every page of the page folders at the checked-out commit, relative to the checkout. */
function allPages(): string[] {
  return docs.git('ls-files', '--', ...DOC_FOLDERS).split('\n').filter((p) => p.endsWith('.md') && !/(^|\/)readme\.md$/i.test(p)).sort();
}

/** Imported path and webhook files whose page (named by the marker line) is not in the checkout. */
function pagesGone(specDir: string): string[] {
  const present = new Set(allPages());
  const out: string[] = [];
  const files: [string, string][] = [];
  for (const folder of ['paths', 'webhooks']) for (const [f, t] of snapshot(join(specDir, folder))) files.push([`${folder}/${f}`, t]);
  for (const [file, text] of files) {
    // a file merged from twin pages names each (`a.md + b.md`): gone when one of them is
    const pages = /^# imported by wxpay-gen from (.+) \(sha256:[0-9a-f]{16}\)\n/.exec(text)?.[1]?.split(' + ');
    if (pages !== undefined && pages.some((page) => !present.has(page))) out.push(file);
  }
  return out.sort();
}

function importInto(specDir: string, pages: readonly string[]): ImportResult {
  return importPagesSync({ inputs: pages.map(abs), out: specDir, cwd: work });
}

/** The files of a spec folder an import wrote or should have written (relative to the folder). */
function expectedChanges(specDir: string, r: ImportResult): string[] {
  const files = r.pages.filter((p) => p.status === 'created' || p.status === 'updated').map((p) => relative(specDir, join(work, p.file)).split('\\').join('/'));
  if (r.root.added.length > 0) files.push('wechatpay.yaml');
  // twin pages merged into one file report it each
  return [...new Set(files)].sort();
}

describe(`doc changes replayed over ${TRANSITIONS} consecutive doc commits`, () => {
  it('each import, --check and regeneration changes exactly what the changed pages change', async () => {
    expect(commits).toHaveLength(TRANSITIONS + 1);
    const unexpected: string[] = [];
    const figures = { pagesChanged: 0, added: 0, noSpecEffect: 0, operationsChanged: 0, removed: 0, pruned: 0 };
    const whole = join(work, 'whole');
    const focus = join(work, 'focus');
    const client = join(work, 'focus-client');

    docs.git('checkout', '--quiet', commits[0] ?? '');
    const first = importInto(whole, [...DOC_FOLDERS]);
    expect(first.root.status).toBe('created');
    const firstSnapshot = snapshot(whole);
    /** Pages the importer skipped as "Moved to" stubs (they have no file, so nothing to report when removed). */
    const stubs = new Set<string>();
    const noteStubs = (r: ImportResult | undefined): void => {
      for (const w of r?.warnings ?? []) if (/"Moved to .*" stub: skipped/.test(w.message)) stubs.add(relative(docs.dir, join(work, w.page)).split('\\').join('/'));
    };
    noteStubs(first);
    const window = new Set<string>();
    for (let i = 1; i < commits.length; i++) for (const c of pageChanges(docs, commits[i - 1] ?? '', commits[i] ?? '')) window.add(c.page);
    const sample = allPages().filter((_, i) => i % SAMPLE_EVERY === 0);
    const focusPages = [...new Set([...window, ...sample])].filter((p) => existsSync(abs(p))).sort();
    importInto(focus, focusPages);
    await generate({ spec: join(focus, 'wechatpay.yaml'), out: client, cwd: work });

    for (let i = 1; i < commits.length; i++) {
      const at = `${(commits[i] ?? '').slice(0, 7)} (${i}/${TRANSITIONS})`;
      const changes: PageChange[] = pageChanges(docs, commits[i - 1] ?? '', commits[i] ?? '');
      docs.git('checkout', '--quiet', commits[i] ?? '');
      const present = changes.filter((c) => c.status !== 'D').map((c) => c.page);
      figures.pagesChanged += changes.length;
      figures.added += changes.filter((c) => c.status === 'A').length;

      // the whole corpus: only the changed pages imported again
      const before = snapshot(whole);
      const r = present.length > 0 ? importInto(whole, present) : undefined;
      const after = snapshot(whole);
      noteStubs(r);
      const changed = changedNames(before, after);
      const expected = r ? expectedChanges(whole, r) : [];
      if (changed.join() !== expected.join()) unexpected.push(`${at}: the spec diff is [${changed.join(', ')}], the changed pages wrote [${expected.join(', ')}]`);
      for (const p of r?.pages ?? []) if (p.status === 'differs' || p.status === 'overwritten') unexpected.push(`${at}: ${p.file} ${p.status}`);
      const accounted = new Set([...(r?.pages ?? []).map((p) => p.page), ...(r?.errors ?? []).map((e) => e.page), ...(r?.warnings ?? []).filter((w) => /"Moved to .*" stub: skipped/.test(w.message)).map((w) => w.page)]);
      for (const c of changes) if (c.status !== 'D' && !accounted.has(relative(work, abs(c.page)).split('\\').join('/'))) unexpected.push(`${at}: ${c.page} (${c.status}) neither imported nor reported`);
      for (const c of changes.filter((x) => x.status === 'A')) {
        const res = r?.pages.find((p) => p.page.endsWith(c.page));
        if (res && res.status !== 'created') unexpected.push(`${at}: added page ${c.page} gave ${res.status}, not created`);
      }
      figures.noSpecEffect += (r?.pages ?? []).filter((p) => p.status === 'unchanged').length;
      const gone = pagesGone(whole);
      const deleted = changes.filter((c) => c.status === 'D').length;
      if (gone.length < deleted) unexpected.push(`${at}: ${deleted} pages deleted upstream, ${gone.length} reported gone`);

      // the focus spec: --check names the changed spec files, regenerating changes only their operations
      const fBefore = snapshot(focus);
      const rf = present.length > 0 ? importInto(focus, present) : undefined;
      const fChanged = changedNames(fBefore, snapshot(focus)).map((f) => `focus/${f}`);
      const check = await generate({ spec: join(focus, 'wechatpay.yaml'), out: client, cwd: work, check: true });
      if ((check.changedSpecs ?? []).join() !== fChanged.join()) unexpected.push(`${at}: --check names [${(check.changedSpecs ?? []).join(', ')}], the spec diff is [${fChanged.join(', ')}]`);
      if (check.upToDate !== (fChanged.length === 0)) unexpected.push(`${at}: --check says ${check.upToDate ? 'up to date' : 'out of date'} with ${fChanged.length} spec files changed`);
      const opsBefore = operationEntries(client);
      await generate({ spec: join(focus, 'wechatpay.yaml'), out: client, cwd: work });
      const opsAfter = operationEntries(client);
      // operations of the table (notifications, `WEBHOOK X`, are not in it; their files are checked above)
      const allowed = new Set((rf?.pages ?? []).flatMap((p) => p.operations.filter((o) => !o.startsWith('WEBHOOK ')).map((o) => o.replace(' /', ' '))));
      for (const op of changedNames(opsBefore, opsAfter)) {
        figures.operationsChanged++;
        if (!allowed.has(op)) unexpected.push(`${at}: regenerating changed ${op}, which no changed page documents`);
      }
      for (const op of allowed) if (!opsAfter.has(op)) unexpected.push(`${at}: ${op} of a changed page is not in the regenerated client`);
    }

    // the incremental spec is what a fresh import of the newest commit gives
    const fresh = join(work, 'fresh');
    importInto(fresh, [...DOC_FOLDERS]);
    const drift = changedNames(snapshot(whole), snapshot(fresh));
    if (drift.length > 0) unexpected.push(`the incremental spec differs from a fresh import in ${drift.length} files: ${drift.slice(0, 5).join(', ')}`);

    // pages removed upstream, through import --from as a user runs it; first at the newest commit
    const root = join(whole, 'wechatpay.yaml');
    const fromDocs = (prune: boolean): Promise<ImportDocsResult> => importDocs({ from: docs.dir, only: ['v3/**'], root, cwd: work, prune });
    const deletedForward = new Set<string>();
    for (let i = 1; i < commits.length; i++) for (const c of pageChanges(docs, commits[i - 1] ?? '', commits[i] ?? '')) if (c.status === 'D') deletedForward.add(c.page);
    const atNewest = await fromDocs(false);
    const staleNewest = atNewest.stale.map((x) => x.page).sort();
    if (staleNewest.join() !== [...deletedForward].sort().join()) unexpected.push(`at the newest commit: import reports gone [${staleNewest.join(', ')}], git deleted [${[...deletedForward].join(', ')}]`);
    if (pagesGone(whole).length !== staleNewest.length) unexpected.push(`at the newest commit: ${pagesGone(whole).length} files name a page that is not there, import reports ${staleNewest.length}`);

    // history run backwards, the newest commit back to the oldest: every page the window added is removed
    const oldest = commits[0] ?? '';
    const reverse = pageChanges(docs, commits.at(-1) ?? '', oldest);
    // a removed "Moved to" stub had no file: nothing to report
    const removed = reverse.filter((c) => c.status === 'D' && !stubs.has(c.page)).map((c) => c.page).sort();
    docs.git('checkout', '--quiet', oldest);
    const kept = await fromDocs(false);
    const stalePages = kept.stale.map((x) => x.page).sort();
    if (stalePages.join() !== removed.join()) unexpected.push(`back at ${oldest.slice(0, 7)}: import reports gone [${stalePages.join(', ')}], git deleted [${removed.join(', ')}]`);
    for (const x of kept.stale) {
      if (x.why !== 'gone upstream') unexpected.push(`back at ${oldest.slice(0, 7)}: ${x.file} reported ${x.why}`);
      if (!existsSync(join(work, x.file))) unexpected.push(`back at ${oldest.slice(0, 7)}: ${x.file} was deleted without --prune`);
    }
    if (kept.pruned) unexpected.push(`back at ${oldest.slice(0, 7)}: import without --prune says it pruned`);
    const staleFiles = kept.stale.map((x) => relative(whole, join(work, x.file)).split('\\').join('/')).sort();
    const pruned = await fromDocs(true);
    if (pruned.stale.map((x) => x.file).sort().join() !== kept.stale.map((x) => x.file).sort().join()) unexpected.push(`back at ${oldest.slice(0, 7)}: --prune deleted [${pruned.stale.map((x) => x.file).join(', ')}], not the reported files`);
    for (const f of staleFiles) if (existsSync(join(whole, f))) unexpected.push(`back at ${oldest.slice(0, 7)}: ${f} is still there after --prune`);
    // the pruned spec is the import of the oldest commit: every file byte for byte, the root's entries equal
    const pruneDrift = changedNames(firstSnapshot, snapshot(whole)).filter((f) => f !== 'wechatpay.yaml');
    if (pruneDrift.length > 0) unexpected.push(`back at ${oldest.slice(0, 7)}: after --prune the spec differs from the import at that commit in ${pruneDrift.length} files: ${pruneDrift.slice(0, 5).join(', ')}`);
    const entries = (text: string | undefined): string => {
      const doc = parse(text ?? '') as { paths?: Record<string, unknown>; webhooks?: Record<string, unknown> };
      return JSON.stringify([Object.entries(doc.paths ?? {}).sort(), Object.entries(doc.webhooks ?? {}).sort()]);
    };
    if (entries(snapshot(whole).get('wechatpay.yaml')) !== entries(firstSnapshot.get('wechatpay.yaml'))) unexpected.push(`back at ${oldest.slice(0, 7)}: after --prune the root's paths/webhooks entries differ from the import at that commit`);
    figures.removed = removed.length;
    figures.pruned = pruned.stale.length;

    process.stdout.write(`\ndoc-change replay over ${TRANSITIONS} transitions (${(commits[0] ?? '').slice(0, 7)}..${(commits.at(-1) ?? '').slice(0, 7)}): ` +
      `${figures.pagesChanged} page changes (${figures.added} added), ${figures.noSpecEffect} without effect on the spec, ${figures.operationsChanged} operations regenerated; history run back to the oldest: ${figures.removed} pages removed upstream, reported and kept, then ${figures.pruned} files deleted by --prune\n`);
    expect(unexpected).toEqual([]);
  }, 400_000);
});
