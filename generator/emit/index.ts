import type { LoadedSpec } from '../load';
import type { Model } from '../model';
import { withBanner } from './banner';
import type { ClientEmitter } from './client-thread';
import { emitClient } from './client';
import { emitOperations } from './operations';
import { readRuntimeFiles } from './runtime';
import { emitSchemaTypes } from './schema';
import { emitSources, SOURCES_FILE } from './sources';

const INDEX = [
  "export * from './client.gen.js';",
  "export { operations } from './operations.gen.js';",
  "export type { paths } from './schema.gen.js';",
  "export * from './runtime/index.js';",
  '',
].join('\n');

/** Model → every output file (relative path → text). No disk writes. */
export async function emitAll(spec: LoadedSpec, model: Model, clientEmitter?: ClientEmitter): Promise<Map<string, string>> {
  const name = model.specName;
  const files = new Map<string, string>();
  const client = clientEmitter ? clientEmitter.emit(model) : Promise.resolve(emitClient(model));
  files.set('index.ts', withBanner(name, INDEX));
  files.set('operations.gen.ts', withBanner(name, emitOperations(model)));
  files.set('schema.gen.d.ts', withBanner(name, emitSchemaTypes(spec.bundled())));
  files.set(SOURCES_FILE, withBanner(name, emitSources(spec)));
  for (const [file, text] of readRuntimeFiles()) files.set(`runtime/${file}`, withBanner(name, text));
  const { types, client: clientModule } = await client;
  files.set('types.gen.d.ts', withBanner(name, types));
  files.set('client.gen.ts', withBanner(name, clientModule));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
