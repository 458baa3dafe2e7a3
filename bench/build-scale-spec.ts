/**
 * A ≥ N-operation spec made from the 60 sample doc pages: they are imported once, then their
 * path files are repeated under distinct prefixes (`/v3/scale-g001/…`, `/v3/scale-g002/…`)
 * until the spec has at least `minOperations` operations. Real shapes throughout: uploads,
 * downloads, {#mix} pages, nested objects and arrays, enums and `x-encrypted` fields.
 *
 *   build-scale-spec [--out <dir>] [--min <operations>] [--pages <folder>]
 *
 * writes `<dir>/wechatpay.yaml` and `<dir>/paths/…`, and prints `{ root, operations, pathFiles, groups }`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { importPagesSync } from '../importer';
import { addPaths, ROOT_TEMPLATE } from '../importer/root';
import { writeAtomic } from '../importer/write';

export interface ScaleSpec {
  /** The root document to hand to the generator. */
  readonly root: string;
  readonly operations: number;
  readonly pathFiles: number;
  /** How many prefixed copies were added beside the imported pages. */
  readonly groups: number;
}

export interface ScaleOptions {
  /** Output folder (emptied first). */
  readonly out: string;
  /** At least this many operations. Default 1000. */
  readonly minOperations?: number;
  /** Folder of doc pages. Default DEFAULT_PAGES. */
  readonly pages?: string;
}

/** The sample pages beside the repository (found from this file, or from the working directory when bundled). */
export const DEFAULT_PAGES = [resolve(__dirname, '..', '..'), resolve(process.cwd(), '..'), resolve(__dirname, '..', '..', '..'), resolve(process.cwd(), '..', '..')]
  .map((base) => join(base, 'shared', 'docs-sample', 'openapi'))
  .find((dir) => existsSync(dir)) ?? resolve(__dirname, '..', '..', 'shared', 'docs-sample', 'openapi');

const toPosix = (p: string): string => p.split(sep).join('/');

/** Builds the scale spec; throws when a page cannot be imported (the sample must import cleanly). */
export function buildScaleSpec(options: ScaleOptions): ScaleSpec {
  const out = resolve(options.out);
  const min = options.minOperations ?? 1000;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const base = join(out, '.import');
  const imported = importPagesSync({ inputs: [options.pages ?? DEFAULT_PAGES], out: base, cwd: out });
  if (imported.errors.length > 0) {
    throw new Error(`the sample pages did not import: ${imported.errors.map((e) => `${e.page}:${e.line}: ${e.message}`).join('; ')}`);
  }
  const perCopy = imported.pages.reduce((n, p) => n + p.operations.length, 0);
  if (perCopy === 0) throw new Error('the pages hold no operation');
  const groups = Math.max(0, Math.ceil(min / perCopy) - 1);
  const rootFile = join(out, 'wechatpay.yaml');
  const entries: { path: string; ref: string }[] = [];

  const place = (urlPath: string, body: string): void => {
    const file = join(out, 'paths', ...urlPath.slice(1).split('/')) + '.yaml';
    const toRoot = toPosix(relative(dirname(file), rootFile));
    // drop the import marker (its checksum would no longer match) and re-point the $refs to the root
    const text = body.replace(/^# imported by wxpay-gen[^\n]*\n/, '').replace(/'(?:\.\.\/)+wechatpay\.yaml#/g, `'${toRoot}#`);
    writeAtomic(file, text);
    entries.push({ path: urlPath, ref: `./${toPosix(relative(out, file))}` });
  };

  for (const page of imported.pages) {
    const body = readFileSync(resolve(out, page.file), 'utf8');
    place(page.path, body);
    for (let g = 1; g <= groups; g++) {
      const prefix = `scale-g${String(g).padStart(3, '0')}`;
      place(page.path.replace(/^\/(v\d+)\//, `/$1/${prefix}/`), body);
    }
  }
  rmSync(base, { recursive: true, force: true });
  writeAtomic(rootFile, addPaths(ROOT_TEMPLATE, entries).text);
  return { root: rootFile, operations: perCopy * (groups + 1), pathFiles: entries.length, groups };
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const min = argValue(args, '--min');
  const pages = argValue(args, '--pages');
  const result = buildScaleSpec({
    out: argValue(args, '--out') ?? join(process.cwd(), 'bench', 'results', 'scale-spec'),
    ...(min !== undefined ? { minOperations: Number(min) } : {}),
    ...(pages !== undefined ? { pages } : {}),
  });
  process.stdout.write(`${JSON.stringify({ ...result, root: posix.normalize(toPosix(relative(process.cwd(), result.root))) })}\n`);
}
