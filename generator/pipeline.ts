import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emitAll } from './emit';
import { startClientEmitter } from './emit/client-thread';
import { changedSources, parseSources, SOURCES_FILE } from './emit/sources';
import { recordInputs } from './fingerprint/inputs';
import type { GenerateOptions, GenerateResult } from './generate';
import { loadSpec } from './load';
import { buildModel } from './model';
import { checkOutput, writeOutput } from './write';

/** load → model → emit → write (or compare): the full generation, which loads the parsers and the compilers. */
export async function generateFully(options: GenerateOptions & { readonly spec: string; readonly cwd: string; readonly out: string }): Promise<GenerateResult> {
  const { cwd } = options;
  // inputs are hashed before anything reads them: one changed meanwhile is then noticed by the next --check
  const inputs = recordInputs({ cwd, spec: options.spec });
  const clientEmitter = startClientEmitter();
  let spec;
  let model;
  try {
    spec = loadSpec(options.spec, cwd);
    model = buildModel(spec);
  } catch (e) {
    clientEmitter.cancel();
    throw e;
  }
  const files = await emitAll(spec, model, { clientEmitter, inputs });
  const outDir = resolve(cwd, options.out);
  const summary = {
    operations: model.operations.length,
    encryptedFields: model.operations.reduce((n, op) => n + op.encrypted.request.length + op.encrypted.response.length, 0),
    files: [...files.keys()],
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
