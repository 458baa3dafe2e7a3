import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emitAll, type EmitSpec } from './emit';
import { changedSources, parseSources, SOURCES_FILE } from './emit/sources';
import { recordInputs } from './fingerprint/inputs';
import type { GenerateOptions, GenerateResult } from './generate';
import { loadSpec } from './load';
import { buildModel } from './model';
import { checkOutput, writeOutput } from './write';

/**
 * The spec loaded and modelled, keeping only what emitting needs (the model, and the spec files' names
 * and hashes): the loader's texts, parsed data, positions and the `$ref`-inlined document become garbage
 * before the emitters build their syntax trees, which lowers the peak memory of a large spec.
 */
function loadAndModel(root: string, cwd: string, limits: GenerateOptions['limits']): { spec: EmitSpec; model: ReturnType<typeof buildModel> } {
  const loaded = loadSpec(root, cwd, limits);
  const model = buildModel(loaded);
  return { spec: { specName: loaded.specName, files: loaded.files }, model };
}

/** load → model → emit → write (or compare): the full generation, which loads the parsers and the compilers. */
export async function generateFully(options: GenerateOptions & { readonly spec: string; readonly cwd: string; readonly out: string }): Promise<GenerateResult> {
  const { cwd } = options;
  // inputs are hashed before anything reads them: one changed meanwhile is then noticed by the next --check
  const inputs = recordInputs({ cwd, spec: options.spec, importExtension: options.importExtension });
  const { spec, model } = loadAndModel(options.spec, cwd, options.limits);
  const files = await emitAll(spec, model, { inputs, ...(options.importExtension !== undefined ? { importExtension: options.importExtension } : {}) });
  const outDir = resolve(cwd, options.out);
  const summary = {
    operations: model.operations.length,
    notifications: model.webhooks.length,
    encryptedFields: model.operations.reduce((n, op) => n + op.encrypted.request.length + op.encrypted.response.length, 0),
    files: [...files.keys()],
    ...(model.warnings ? { warnings: model.warnings } : {}),
  };
  if (options.check) {
    const check = checkOutput(files, outDir);
    const sourcesPath = join(outDir, SOURCES_FILE);
    const changedSpecs = changedSources(spec.files, parseSources(existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : undefined));
    return { ...summary, check, changedSpecs, upToDate: check.stale.length + check.missing.length + check.extra.length === 0 };
  }
  writeOutput(files, outDir);
  return { ...summary, upToDate: true };
}
