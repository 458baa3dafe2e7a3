import { relative, resolve } from 'node:path';
import { DEFAULT_OUT, DEFAULT_SPEC, findConfig } from '../config';
import { fastCheck } from './fingerprint/check';
import type { SpecProblem } from './errors';
import type { LoadLimits } from './load/limits';
import type { CheckResult } from './write';
import type { ImportExtension } from './emit/import-extension';

export interface GenerateOptions {
  /** Root spec. Default: `spec` of wxpay-gen.config.json (found from `cwd` up), else `specs/wechatpay.yaml`. */
  readonly spec?: string;
  /** Output folder. Default: `out` of wxpay-gen.config.json, else `generated`. */
  readonly out?: string;
  /** Compare instead of writing. */
  readonly check?: boolean;
  /** Folder that relative paths are taken from. Default the process's working directory. */
  readonly cwd?: string;
  /** Changes to the loader's limits (file size, nesting, expansion budget): see DEFAULT_LIMITS. They decide only whether a spec is accepted, never what is generated. */
  readonly limits?: Partial<LoadLimits>;
  /**
   * The extension of the relative imports between generated files: `.js` (tsc under NodeNext/Node16) or `.ts`
   * (run as it is by Node's type stripping, Deno or Bun; tsc with rewriteRelativeImportExtensions).
   * Default: `importExtension` of wxpay-gen.config.json, else `.js`.
   */
  readonly importExtension?: ImportExtension;
}

export interface GenerateResult {
  readonly operations: number;
  /** Notification event types (webhooks) of the spec; absent when `--check` answered from the fingerprint alone. */
  readonly notifications?: number;
  readonly encryptedFields: number;
  /** Output files, relative to the output folder. */
  readonly files: readonly string[];
  /** Present with `check`: what differs. */
  readonly check?: CheckResult;
  /** Present with `check`: spec files added, removed or changed since the output was generated. */
  readonly changedSpecs?: readonly string[];
  /** Whether the output folder is up to date (always true after writing). */
  readonly upToDate: boolean;
  /** What the spec has that was ignored (unknown vendor extensions), located like problems. */
  readonly warnings?: readonly SpecProblem[];
}

export { DEFAULT_SPEC, DEFAULT_OUT } from '../config';

/** Where to read and write: the options, else wxpay-gen.config.json (found from `cwd` up), else the defaults. */
function placesOf(options: GenerateOptions, cwd: string): { spec: string; out: string; importExtension?: ImportExtension } {
  if (options.spec !== undefined && options.out !== undefined && options.importExtension !== undefined) return { spec: options.spec, out: options.out, importExtension: options.importExtension };
  const { dir, config } = findConfig(cwd);
  const importExtension = options.importExtension ?? config.importExtension;
  return {
    spec: options.spec ?? (relative(cwd, resolve(dir, config.spec ?? DEFAULT_SPEC)) || '.'),
    out: options.out ?? (relative(cwd, resolve(dir, config.out ?? DEFAULT_OUT)) || '.'),
    ...(importExtension !== undefined ? { importExtension } : {}),
  };
}

/**
 * load → model → emit → write (or check). Throws SpecError listing every problem of the spec.
 * `check` first asks the fingerprint recorded by the last generation (generator/fingerprint): when every
 * input and output hashes as recorded, the answer is "up to date" without loading the spec or any compiler;
 * otherwise it generates in memory and compares file by file.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const full = { ...options, cwd, ...placesOf(options, cwd) };
  if (full.check === true) {
    const fast = fastCheck({ cwd, spec: full.spec, importExtension: full.importExtension }, resolve(cwd, full.out));
    if (fast.upToDate) {
      return { operations: fast.operations, encryptedFields: fast.encryptedFields, files: fast.files, check: { stale: [], missing: [], extra: [] }, changedSpecs: [], upToDate: true };
    }
  }
  const { generateFully } = await import('./pipeline');
  return generateFully(full);
}
