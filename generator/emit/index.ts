import type { LoadedSpec } from '../load';
import type { Model } from '../model';
import { withBanner } from './banner';
import { emitOperations } from './operations';
import { readRuntimeFiles, withRuntimePragma } from './runtime';
import { emitSchemaTypes } from './schema';
import { emitTypes } from './types';
import { createHash } from 'node:crypto';
import { recordInputs } from '../fingerprint/inputs';
import { emitSources, SOURCES_FILE } from './sources';
import { emitWebhooks, WEBHOOK_TYPES_FILE, WEBHOOKS_FILE } from './webhooks';
import { DEFAULT_IMPORT_EXTENSION, withImportExtension, type ImportExtension } from './import-extension';

const INDEX = [
  "export * from './client.gen.js';",
  "export { operations } from './operations.gen.js';",
  "export * from './runtime/index.js';",
  '',
].join('\n');

/** What the emitters read of a loaded spec besides its model: the spec files (for sources.gen.ts). */
export type EmitSpec = Pick<LoadedSpec, 'specName' | 'files'>;

export interface EmitOptions {
  /** The non-spec inputs, hashed before generation started (default: hashed now, for the spec's own folder). */
  readonly inputs?: ReadonlyMap<string, string>;
  /** The extension of relative imports between the generated files (see import-extension.ts). Default `.js`. */
  readonly importExtension?: ImportExtension;
}

/** Model → every output file (relative path → text). No disk writes. sources.gen.ts, made last, records the hash of all the others. */
export async function emitAll(spec: EmitSpec, model: Model, options: EmitOptions = {}): Promise<Map<string, string>> {
  const name = model.specName;
  let files = new Map<string, string>();
  const webhooks = emitWebhooks(model);
  files.set('index.ts', withBanner(name, webhooks === undefined ? INDEX : `${INDEX.trimEnd()}\nexport * from './webhooks.gen.js';\n`));
  if (webhooks !== undefined) {
    files.set(WEBHOOKS_FILE, withBanner(name, webhooks.module));
    files.set(WEBHOOK_TYPES_FILE, withBanner(name, webhooks.types));
  }
  files.set('operations.gen.ts', withBanner(name, emitOperations(model)));
  files.set('schema.gen.d.ts', withBanner(name, emitSchemaTypes(model)));
  for (const [file, text] of readRuntimeFiles()) files.set(`runtime/${file}`, withBanner(name, withRuntimePragma(text)));
  files.set('types.gen.d.ts', withBanner(name, emitTypes(model)));
  // ts-morph (its compiler) is loaded only now, for the one module printed from its structures
  files.set('client.gen.ts', withBanner(name, (await import('./client')).emitClientModule(model)));
  const importExtension = options.importExtension ?? DEFAULT_IMPORT_EXTENSION;
  files = withImportExtension(files, importExtension);
  const outputs = new Map([...files].map(([file, text]) => [file, createHash('sha256').update(text, 'utf8').digest('hex')]));
  const fingerprint = {
    operations: model.operations.length,
    encryptedFields: model.operations.reduce((n, op) => n + op.encrypted.request.length + op.encrypted.response.length, 0),
    inputs: options.inputs ?? recordInputs({ cwd: process.cwd(), spec: spec.specName, importExtension }),
    outputs,
  };
  files.set(SOURCES_FILE, withBanner(name, emitSources(new Map(spec.files.map((f) => [f.name, f.hash])), fingerprint)));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
