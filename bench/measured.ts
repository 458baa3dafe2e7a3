/**
 * Whole Node processes timed and weighed: wall ms from spawn to exit, and the peak resident memory of the
 * process (every thread: `process.resourceUsage().maxRSS`, read at exit by a preloaded module), medians of
 * repetitions that alternate between the tools compared, so load on the shared machine hits both alike.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './exec';
import { median } from './stats';

export interface Measured {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  readonly runsMiB: readonly number[];
  readonly medianMiB: number;
}

const PRELOAD = `'use strict';
const { appendFileSync } = require('node:fs');
process.once('exit', () => { try { appendFileSync(process.env.WXPAY_BENCH_RSS_FILE, process.resourceUsage().maxRSS + '\\n'); } catch {} });
`;

/** One measured step: a Node script with arguments, run in `cwd`; `before` runs untimed first (e.g. emptying an output folder). */
export interface Step {
  readonly label: string;
  readonly script: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly before?: () => void;
  /** Exit codes taken as success (default 0). */
  readonly ok?: readonly number[];
}

export class Meter {
  private readonly preload: string;
  private n = 0;
  constructor(private readonly dir: string, private readonly env: NodeJS.ProcessEnv) {
    mkdirSync(dir, { recursive: true });
    this.preload = join(dir, 'rss-preload.js');
    writeFileSync(this.preload, PRELOAD);
  }

  /** Runs `step` once: wall ms and peak RSS in MiB. */
  async once(step: Step, nodeArgs: readonly string[] = []): Promise<{ ms: number; mib: number }> {
    step.before?.();
    const file = join(this.dir, `rss-${this.n++}.txt`);
    rmSync(file, { force: true });
    const args = ['--require', this.preload, ...nodeArgs, step.script, ...step.args];
    const r = await runOkOr(step, args, { cwd: step.cwd, env: { ...this.env, WXPAY_BENCH_RSS_FILE: file } });
    const kib = existsSync(file) ? Number(readFileSync(file, 'utf8').trim().split('\n').pop()) : NaN;
    return { ms: r.ms, mib: kib / 1024 };
  }

  /** Runs the steps in turn, `reps` rounds (a first untimed round warms the file cache), medians per step. */
  async alternate(steps: readonly Step[], reps: number): Promise<Measured[]> {
    const ms: number[][] = steps.map(() => []);
    const mib: number[][] = steps.map(() => []);
    for (const s of steps) await this.once(s);
    for (let r = 0; r < reps; r++) {
      for (const [i, s] of steps.entries()) {
        const m = await this.once(s);
        ms[i]?.push(m.ms);
        mib[i]?.push(m.mib);
      }
    }
    return steps.map((_, i) => ({ runsMs: ms[i] ?? [], medianMs: median(ms[i] ?? []), runsMiB: mib[i] ?? [], medianMiB: median(mib[i] ?? []) }));
  }
}

async function runOkOr(step: Step, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ ms: number }> {
  const accepted = step.ok ?? [0];
  if (accepted.length === 1 && accepted[0] === 0) return runOk(process.execPath, args, { ...options, timeoutMs: 600_000 });
  const { run } = await import('./exec');
  const r = await run(process.execPath, args, { ...options, timeoutMs: 600_000 });
  if (!accepted.includes(r.code ?? -1)) throw new Error(`${step.label}: exited with ${String(r.code)}:\n${(r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n')}`);
  return r;
}
