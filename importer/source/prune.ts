/**
 * Imported path and webhook files whose page is gone: found by their marker line (`# imported by
 * wxpay-gen from openapi/v3/….md`, `… from webhook/v3/REFUND.SUCCESS.md`), listed by `import`,
 * deleted (with their root `paths:` / `webhooks:` entry) by `import --prune`.
 * Overlay files (`<spec folder>/overrides/`) and hand-written files (no marker) are never touched.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { MARKER_PREFIX, markerPages } from '../emit-yaml';

export interface ImportedFile {
  /** Absolute path of the path file. */
  readonly abs: string;
  /** The page named by its marker (`openapi/v3/refund/domestic/refunds.md`); the first of a merged file's. */
  readonly page: string;
  /** Every page the marker names (several for twins merged into one file). */
  readonly pages: readonly string[];
}

/** Every file under `<specDir>/paths/` and `<specDir>/webhooks/` that the importer wrote (its first line is the marker). */
export function importedFiles(specDir: string): ImportedFile[] {
  const out: ImportedFile[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && e.name.endsWith('.yaml')) {
        const text = readFileSync(full, 'utf8');
        const first = text.slice(0, text.indexOf('\n'));
        const m = /^# imported by wxpay-gen from (.+) \(sha256:[0-9a-f]{16}\)$/.exec(first);
        if (first.startsWith(MARKER_PREFIX) && m) {
          const pages = markerPages(m[1]!);
          out.push({ abs: full, page: pages[0]!, pages });
        }
      }
    }
  };
  walk(join(specDir, 'paths'));
  walk(join(specDir, 'webhooks'));
  return out.sort((a, b) => (a.abs < b.abs ? -1 : 1));
}

const posix = (p: string): string => p.split('\\').join('/');

/** Removes the `paths` and `webhooks` entries of the root whose `$ref` names one of `files`; returns the new text (unchanged when none). */
export function removeRootRefs(rootText: string, rootFile: string, files: readonly string[]): { text: string; removed: string[] } {
  const refs = new Set(files.map((f) => {
    const rel = posix(relative(dirname(rootFile), f));
    return rel.startsWith('../') ? rel : `./${rel}`;
  }));
  const doc = parseDocument(rootText);
  const removed: string[] = [];
  for (const section of ['paths', 'webhooks']) {
    const map = isMap(doc.contents) ? doc.contents.get(section, true) : undefined;
    if (!isMap(map)) continue;
    for (const item of [...map.items]) {
      const v = item.value;
      const ref = isMap(v) ? v.get('$ref') : undefined;
      const norm = typeof ref === 'string' ? (ref.startsWith('./') || ref.startsWith('../') ? ref : `./${ref}`) : undefined;
      if (norm !== undefined && refs.has(norm) && isScalar(item.key)) {
        map.delete(item.key);
        removed.push(String(item.key.value));
      }
    }
  }
  if (removed.length === 0) return { text: rootText, removed };
  return { text: doc.toString({ lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false }), removed };
}

/** Deletes the files (and folders they leave empty, up to `<specDir>/paths`). */
export function deleteFiles(specDir: string, files: readonly string[]): void {
  const stop = join(specDir, 'paths');
  for (const f of files) {
    rmSync(f, { force: true });
    let d = dirname(f);
    while (d.startsWith(stop) && d !== stop && readdirSync(d).length === 0) {
      rmSync(d, { recursive: true });
      d = dirname(d);
    }
  }
}
