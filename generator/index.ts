import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emitAll } from './emit';
import { startClientEmitter } from './emit/client-thread';
import { changedSources, parseSources, SOURCES_FILE } from './emit/sources';
import { loadSpec } from './load';
import { buildModel } from './model';
import { checkOutput, writeOutput, type CheckResult } from './write';

export { SpecError, formatProblem, type SpecProblem } from './errors';
export { OutputFolderError, type CheckResult } from './write';
export { loadSpec, type LoadedSpec } from './load';
export { buildModel, type Model, type ModelOperation, type ModelParameter, type ModelResponse, type ModelSchema } from './model';
export { emitAll } from './emit';

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

/** load → model → emit → write (or check). Throws SpecError listing every problem of the spec. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const clientEmitter = startClientEmitter();
  let spec;
  let model;
  try {
    spec = loadSpec(options.spec ?? DEFAULT_SPEC, cwd);
    model = buildModel(spec);
  } catch (e) {
    clientEmitter.cancel();
    throw e;
  }
  const files = await emitAll(spec, model, clientEmitter);
  const outDir = resolve(cwd, options.out ?? DEFAULT_OUT);
  const summary = {
    operations: model.operations.length,
    encryptedFields: model.operations.reduce((n, op) => n + op.encrypted.request.length + op.encrypted.response.length, 0),
    files: [...files.keys()],
  };
  if (options.check) {
    const check = checkOutput(files, outDir);
    const sourcesPath = join(outDir, SOURCES_FILE);
    const changedSpecs = changedSources(spec, parseSources(existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : undefined));
    return { ...summary, check, changedSpecs, upToDate: check.stale.length + check.missing.length + check.extra.length === 0 };
  }
  writeOutput(files, outDir);
  return { ...summary, upToDate: true };
}
