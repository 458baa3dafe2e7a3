import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Model } from '../model';
import type { ClientFiles } from './client';

/** Emits types.gen.d.ts and client.gen.ts: in a worker thread when running compiled (so it overlaps the rest), else in-process. */
export interface ClientEmitter {
  emit(model: Model): Promise<ClientFiles>;
  /** Releases the worker when generation stops early (e.g. on spec errors). */
  cancel(): void;
}

/** Starts the emitter now, so the worker can load ts-morph while the spec is still being read. */
export function startClientEmitter(): ClientEmitter {
  const script = join(__dirname, 'client-worker.js');
  if (!__filename.endsWith('.js') || !existsSync(script)) {
    // in-process (under ts-jest): ts-morph is loaded here, only then; compiled, only the worker loads it
    return { emit: async (model) => (await import('./client')).emitClient(model), cancel: () => undefined };
  }
  const worker = new Worker(script);
  const result = new Promise<ClientFiles>((resolve, reject) => {
    worker.once('message', (m: { ok: true; files: ClientFiles } | { ok: false; message: string }) => {
      if (m.ok) resolve(m.files);
      else reject(new Error(`wxpay-gen: emitting client.gen.ts failed: ${m.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`wxpay-gen: the client emitter stopped (exit ${code}) before answering`)));
  });
  result.catch(() => undefined);
  return {
    emit: (model) => {
      worker.postMessage(model);
      return result.finally(() => void worker.terminate());
    },
    cancel: () => void worker.terminate(),
  };
}
