import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { listOverlays } from '../overlay-files';
import { runtimeDir } from '../emit/runtime';
import { codeIdentity } from './code';
import type { ImportExtension } from '../emit/import-extension';

/** What an input's hash is computed from: known before anything is loaded. */
export interface InputContext {
  readonly cwd: string;
  /** Root spec as given (relative to `cwd` or absolute). */
  readonly spec: string;
  /** The extension of the generated files' relative imports; undefined is the default `.js`. */
  readonly importExtension?: ImportExtension | undefined;
}

/** One kind of input that generation depends on. Its entries are recorded as `'<kind>:<name>': '<sha256>'`. */
export interface InputKind {
  readonly kind: string;
  /**
   * Every name this kind has now (a folder's files, a fixed name), known without generating: recorded at the
   * start of a generation, and in `--check`'s fast path the recorded names must be exactly these, so an added
   * or removed file is noticed. `undefined` only for the spec files, whose names follow from inputs that are
   * themselves recorded (they are what the unchanged recorded spec files `$ref`) and are recorded with the
   * hash of the very text the loader parsed.
   */
  names(ctx: InputContext): readonly string[] | undefined;
  /** sha256 of the input now, `'absent'` when it does not exist. Cheap: no parsing, no compiler, no module loading. */
  hash(ctx: InputContext, name: string): string;
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Hash of a text file with LF line endings (what the loader hashes), `'absent'` when missing. */
export function textHash(path: string): string {
  if (!existsSync(path)) return 'absent';
  return sha256(readFileSync(path, 'utf8').replace(/\r\n?/g, '\n'));
}

/** The root spec's name as the loader records it: relative to cwd, `/`-separated. */
export function specName(ctx: InputContext): string {
  return relative(ctx.cwd, resolve(ctx.cwd, ctx.spec)).split(sep).join('/');
}

/** The options that change what is generated, as recorded. Add an option here when it starts to change output. */
export function outputOptions(ctx: InputContext): Readonly<Record<string, unknown>> {
  // recorded only when not the default, so the record of a default generation is what it was before the option
  return { spec: specName(ctx), ...(ctx.importExtension === '.ts' ? { importExtension: '.ts' } : {}) };
}

/** Every file under the root spec's overrides/ folder, relative to cwd. */
function overlayNames(ctx: InputContext): string[] {
  const specDir = dirname(resolve(ctx.cwd, ctx.spec));
  return listOverlays(specDir).map((o) => relative(ctx.cwd, o.overlay).split(sep).join('/'));
}

const runtimeNames = (): string[] => readdirSync(runtimeDir()).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).sort();

/**
 * The modules that generation starts from; everything they import is part of the generator's identity
 * (generate imports the pipeline and this fast path).
 */
export function generatorRoots(): string[] {
  const ext = __filename.endsWith('.ts') ? '.ts' : '.js';
  return [join(__dirname, '..', `generate${ext}`)];
}

/**
 * EVERYTHING generation depends on, as one list. `--check` is fast only because of it and exact only if it is
 * complete: when generation starts reading something new (an overlay folder, a webhook file, a config file,
 * an environment variable, a new option), add a kind here — with `names` when files can appear or disappear —
 * and generation records it and `--check` compares it, with no other change. A test (tests/generator/
 * fingerprint.test.ts) changes every recorded input and output by one byte and expects `--check` to notice.
 */
export const INPUTS: readonly InputKind[] = [
  // the spec files the loader read: the root and every file it $refs (names follow from their content)
  { kind: 'spec', names: () => undefined, hash: (ctx, name) => textHash(resolve(ctx.cwd, name)) },
  // the generator's own code and the versions of the packages it uses
  { kind: 'generator', names: () => ['code'], hash: () => codeIdentity(generatorRoots()) },
  // the options that shape the output
  { kind: 'options', names: () => ['output'], hash: (ctx) => sha256(JSON.stringify(outputOptions(ctx))) },
  // overlay files (generator/load/overlay.ts): listed, so an added or removed overlay is noticed
  { kind: 'overlay', names: overlayNames, hash: (ctx, name) => textHash(resolve(ctx.cwd, name)) },
  // the runtime templates copied into runtime/
  { kind: 'runtime', names: runtimeNames, hash: (_ctx, name) => textHash(join(runtimeDir(), name)) },
];

/**
 * `'<kind>:<name>'` → sha256 of every input but the spec files, taken before generation reads any of them
 * (so an input that changes while generating is recorded as it was before, and noticed next time).
 */
export function recordInputs(ctx: InputContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of INPUTS) {
    for (const name of kind.names(ctx) ?? []) out.set(`${kind.kind}:${name}`, kind.hash(ctx, name));
  }
  return out;
}
