/**
 * One fuzz worker, a child process of the runner (so that even a native out-of-memory
 * abort ends only the worker): sets its target up, runs iterations [from, to) and reports
 * the start and end of each over IPC, so the runner can attribute a hang or a dying worker
 * to the iteration that caused it.
 */
import { getHeapStatistics } from 'node:v8';
import { Draw, iterationRng } from './rng';
import { openTarget } from './targets';
import type { Outcome, TargetEnv, TargetName } from './types';

export interface WorkerInput {
  readonly target: TargetName;
  readonly seed: number;
  readonly from: number;
  readonly to: number;
  readonly env: TargetEnv;
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'begin'; readonly n: number }
  | { readonly type: 'result'; readonly n: number; readonly outcome: Outcome; readonly ms: number; readonly heap: number; readonly detail?: string }
  | { readonly type: 'crash'; readonly n: number; readonly detail: string; readonly ms: number }
  | { readonly type: 'done' };

/** Name, message and a few stack lines: enough to find the bug, never the input. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const stack = (e.stack ?? '').split('\n').slice(1, 6).map((l) => l.trim()).join(' | ');
    return `${e.name}: ${e.message.slice(0, 300)}${stack ? ` @ ${stack}` : ''}`;
  }
  return `non-Error thrown: ${String(e).slice(0, 200)}`;
}

function send(m: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(m, undefined, undefined, () => resolve());
  });
}

async function main(input: WorkerInput): Promise<void> {
  const target = await openTarget(input.target, input.env);
  await send({ type: 'ready' });
  try {
    for (let n = input.from; n < input.to; n++) {
      await send({ type: 'begin', n });
      const draw = new Draw(iterationRng(input.seed, input.target, n));
      const start = performance.now();
      let message: WorkerMessage;
      try {
        const outcome = await target.run(draw, n);
        message = { type: 'result', n, outcome, ms: performance.now() - start, heap: getHeapStatistics().used_heap_size };
      } catch (e) {
        message = { type: 'crash', n, detail: describeError(e), ms: performance.now() - start };
      }
      await send(message);
    }
  } finally {
    await target.close();
  }
  await send({ type: 'done' });
}

process.once('message', (input: WorkerInput) => {
  main(input)
    .catch(async (e: unknown) => {
      // setup failed: a crash of the first iteration
      await send({ type: 'crash', n: input.from, detail: `setup: ${describeError(e)}`, ms: 0 });
      await send({ type: 'done' });
    })
    .finally(() => process.disconnect?.());
});
