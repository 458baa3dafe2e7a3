/** What `import` prints: per-file lines, diffs of hand-edited files, the summary. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportIssue, ImportResult, PageResult } from '../../importer';
import type { CliIO } from '../io';

export function issueLine(issue: ImportIssue, kind: 'warning' | 'error'): string {
  return `${issue.page}${issue.line > 0 ? `:${issue.line}` : ''}: ${kind}: ${issue.message}`;
}

export function printPages(result: ImportResult, io: CliIO): void {
  for (const w of result.warnings) io.err(issueLine(w, 'warning'));
  for (const e of result.errors) io.err(issueLine(e, 'error'));
  for (const p of result.pages) {
    if (p.status === 'created' || p.status === 'updated' || p.status === 'overwritten') io.out(`  ${p.status.padEnd(11)} ${p.file}  (${p.operations.join(', ')})`);
  }
}

/** The overlay file that holds local fixes of `file` (`specs/paths/x.yaml` → `specs/overrides/paths/x.yaml`). */
export function overlayOf(file: string, specDir: string): string {
  const prefix = specDir === '.' ? '' : `${specDir}/`;
  return file.startsWith(prefix) ? `${prefix}overrides/${file.slice(prefix.length)}` : `overrides/${file}`;
}

/** Prints, for each hand-edited file, the difference between it and what the import would write. */
export function printDiffs(differing: readonly PageResult[], cwd: string, specDir: string, force: boolean, io: CliIO): void {
  if (differing.length === 0) return;
  const n = differing.length;
  io.err(`wxpay-gen: ${n} path file${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''} from the import: written or edited by hand. The differences (- the file now, + the import):`);
  // jsdiff is loaded only when there is a hand-edited file to show (an import that writes only fresh files never needs it)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  for (const p of differing) {
    const now = readFileSync(resolve(cwd, p.file), 'utf8');
    const page = /^# imported by wxpay-gen from (.+) \(sha256:/.exec(p.wanted ?? '')?.[1] ?? p.page;
    const patch = createTwoFilesPatch(p.file, `${p.file} (import of ${page})`, now, p.wanted ?? '', '', '', { context: 3 });
    for (const line of patch.split('\n').slice(1)) if (line !== '') io.err(line);
  }
  if (force) {
    io.err(`--force: the import replaces ${n === 1 ? 'it' : 'them'}; the edits above are dropped — keep a fix across re-imports in an overlay file instead:`);
  } else {
    io.err(`kept as ${n === 1 ? 'it is' : 'they are'}. To keep a fix across re-imports, move it into an overlay file (merged over the import when specs load; import never touches it), then rerun with --force:`);
  }
  for (const p of differing) io.err(`  ${p.file}  ->  overlay ${overlayOf(p.file, specDir)}`);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `15 operations, 5 notifications`: API operations and notification (webhook) event types counted apart. */
export function opsAndEvents(ops: number, events: number, opWord = 'operation', eventWord = 'notification'): string {
  return [...(ops > 0 || events === 0 ? [plural(ops, opWord)] : []), ...(events > 0 ? [plural(events, eventWord)] : [])].join(', ');
}

export function summary(result: ImportResult, outDir: string, forced: number): string {
  const count = (s: string): number => result.pages.filter((p) => p.status === s).length;
  const all = result.pages.flatMap((p) => p.operations);
  const events = all.filter((o) => o.startsWith('WEBHOOK ')).length;
  const parts = [['created', count('created')], ['updated', count('updated')], ['overwritten', count('overwritten') + forced], ['unchanged', count('unchanged')], ['differ', count('differs') - forced]]
    .filter(([, n]) => n !== 0)
    .map(([s, n]) => `${n} ${s}`);
  // the root's added entries: URL paths (`/v3/…`) under paths:, event types (`TRANSACTION.SUCCESS`) under webhooks:
  const addedPaths = result.root.added.filter((a) => a.startsWith('/')).length;
  const added = opsAndEvents(addedPaths, result.root.added.length - addedPaths, 'path', 'notification').split(', ').map((p) => `+${p}`).join(', ');
  const root = result.root.status === 'unchanged' ? 'unchanged' : result.root.status === 'failed' ? 'not written' : `${result.root.status} (${added})`;
  return `wxpay-gen: imported ${plural(result.pages.length, 'page')} (${opsAndEvents(all.length - events, events)}) into ${outDir}/: ${parts.join(', ') || 'nothing'}; root ${result.root.file} ${root}; ${plural(result.warnings.length, 'warning')}, ${plural(result.errors.length, 'error')}`;
}

/** Whether the import changed any spec file (a page file or the root). */
export function changedSpecs(result: ImportResult, forced: number): boolean {
  return forced > 0 || result.root.status === 'created' || result.root.status === 'updated' || result.pages.some((p) => p.status === 'created' || p.status === 'updated' || p.status === 'overwritten');
}
