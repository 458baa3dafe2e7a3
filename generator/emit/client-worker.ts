/**
 * Worker-thread entry: emits types.gen.d.ts and client.gen.ts for a model received by message, so that the
 * ts-morph work (and loading ts-morph's own TypeScript) runs on the second core while the
 * main thread loads the spec and runs openapi-typescript.
 */
import { parentPort } from 'node:worker_threads';
import type { Model } from '../model';
import { emitClient } from './client';

parentPort?.once('message', (model: Model) => {
  try {
    parentPort?.postMessage({ ok: true, files: emitClient(model) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
