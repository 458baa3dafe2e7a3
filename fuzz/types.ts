/** What a fuzz target is: set up once per worker, then one hostile input per iteration. */
import type { Draw } from './rng';

export type TargetName = 'generator' | 'importer' | 'mock';
export const TARGET_NAMES: readonly TargetName[] = ['generator', 'importer', 'mock'];

/**
 * How one iteration ended, when it did not crash: `accepted` (the input was fine),
 * `rejected` (a typed, located error — the intended answer to bad input), or `internal`
 * (the code under test caught its own failure, e.g. the mock's 500 for a handler error:
 * no crash, but a defect to report).
 */
export type Outcome = 'accepted' | 'rejected' | 'internal';

export interface FuzzTarget {
  /** Runs one iteration; throwing anything means a crash (an untyped error escaped, or an invariant broke). */
  run(draw: Draw, n: number): Promise<Outcome> | Outcome;
  /** Releases what setup made (servers, temporary folders). */
  close(): Promise<void> | void;
}

/** Where a target finds the repository (specs/, the sample doc pages). */
export interface TargetEnv {
  readonly repo: string;
  readonly docs: string;
}

/** An iteration that crashed or hung, with what is needed to replay it. */
export interface Finding {
  readonly target: TargetName;
  readonly iteration: number;
  readonly kind: 'crash' | 'hang' | 'internal' | 'out-of-memory';
  /** Error name and message (first lines of the stack), never an input. */
  readonly detail: string;
}

export interface TargetReport {
  readonly target: TargetName;
  /** Iterations that ran. */
  readonly iterations: number;
  /** Iterations asked for, when fewer ran (stopped by --max-seconds or a signal, or too many restarts). */
  readonly planned?: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly internal: number;
  readonly crashes: number;
  readonly hangs: number;
  /** Slowest iteration, milliseconds. */
  readonly slowestMs: number;
  readonly slowestIteration: number;
  /** Largest V8 heap of the worker seen after an iteration, bytes. */
  readonly peakHeapBytes: number;
  /** Largest resident set of a worker process (its high-water mark), bytes. */
  readonly peakRssBytes: number;
  readonly seconds: number;
}

export interface FuzzReport {
  readonly seed: number;
  readonly targets: readonly TargetReport[];
  readonly findings: readonly Finding[];
  /** Largest resident set of the runner or any worker, bytes. */
  readonly peakRssBytes: number;
  readonly seconds: number;
}
