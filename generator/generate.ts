import { resolve } from 'node:path';
import { fastCheck } from './fingerprint/check';
import type { CheckResult } from './write';

export interface GenerateOptions {
  /** Root spec. Default `specs/wechatpay.yaml`. */
  readonly spec?: string;
  /** Output folder. Default `generated`. */
  readonly out?: string;
  /** Compare instead of writing. */
  readonly check?: boolean;
  /** Folder that relative paths are taken from. Default the process's working directory. */
  readonly cwd?: string;
}

export interface GenerateResult {
  readonly operations: number;
  readonly encryptedFields: number;
  /** Output files, relative to the output folder. */
  readonly files: readonly string[];
  /** Present with `check`: what differs. */
  readonly check?: CheckResult;
  /** Present with `check`: spec files added, removed or changed since the output was generated. */
  readonly changedSpecs?: readonly string[];
  /** Whether the output folder is up to date (always true after writing). */
  readonly upToDate: boolean;
}

export const DEFAULT_SPEC = 'specs/wechatpay.yaml';
export const DEFAULT_OUT = 'generated';

/**
 * load → model → emit → write (or check). Throws SpecError listing every problem of the spec.
 * `check` first asks the fingerprint recorded by the last generation (generator/fingerprint): when every
 * input and output hashes as recorded, the answer is "up to date" without loading the spec or any compiler;
 * otherwise it generates in memory and compares file by file.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const full = { ...options, cwd, spec: options.spec ?? DEFAULT_SPEC, out: options.out ?? DEFAULT_OUT };
  if (full.check === true) {
    const fast = fastCheck({ cwd, spec: full.spec }, resolve(cwd, full.out));
    if (fast.upToDate) {
      return { operations: fast.operations, encryptedFields: fast.encryptedFields, files: fast.files, check: { stale: [], missing: [], extra: [] }, changedSpecs: [], upToDate: true };
    }
  }
  const { generateFully } = await import('./pipeline');
  return generateFully(full);
}
