/**
 * Runs a fuzz target's iterations in a child process, bounded every way: a fixed iteration
 * count, a hang budget per iteration (the worker is killed and restarted past it), a heap
 * limit per worker (running out of memory, even a native abort, is a finding, not the end
 * of the run), a cap on restarts. Peak memory: the runner's own, and each worker's
 * high-water mark (VmHWM from /proc, sampled; the worker's heap where /proc is missing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkerInput, WorkerMessage } from './worker';
import type { Finding, FuzzReport, TargetEnv, TargetName, TargetReport } from './types';

export interface RunOptions {
  readonly targets: readonly TargetName[];
  /** Iterations in total, shared out evenly between the targets. */
  readonly iterations: number;
  readonly seed: number;
  /** First iteration number (to replay one: `from: n, iterations: 1`). */
  readonly from?: number;
  readonly env: TargetEnv;
  /** An iteration running longer than this is a hang. Default 15 s. */
  readonly hangMs?: number;
  /** Old-space limit of each worker, MB. Default 1024. */
  readonly maxHeapMb?: number;
  /** Worker restarts (after a crash that kills it, a hang, out of memory) before a target is given up. Default 50. */
  readonly maxRestarts?: number;
  /** Called with one line now and then (progress). */
  readonly log?: (line: string) => void;
  /** Stop starting iterations after this many seconds in all (the report says how many ran). */
  readonly maxSeconds?: number;
  /** Stops the run early, e.g. on SIGINT (the report says how many ran). */
  readonly stop?: { stopped: boolean };
}

const POLL_MS = 100;

/**
 * A worker process: node with the heap limit, under `ulimit -v` (three times the heap,
 * at least 3 GiB) where a POSIX shell is there, so that not even memory outside the V8 heap
 * (buffers, huge strings) can grow without bound on a shared machine.
 */
function startWorker(maxHeapMb: number): ChildProcess {
  const node = process.execPath;
  const script = join(__dirname, 'worker.js');
  const heap = `--max-old-space-size=${maxHeapMb}`;
  const stdio: ['ignore', 'ignore', 'pipe', 'ipc'] = ['ignore', 'ignore', 'pipe', 'ipc'];
  if (process.platform === 'win32') return spawn(node, [heap, script], { stdio });
  const vmKb = Math.max(3 * 1024 * 1024, maxHeapMb * 3 * 1024);
  return spawn('/bin/sh', ['-c', `ulimit -v ${vmKb} 2>/dev/null; exec "$0" "$1" "$2"`, node, heap, script], { stdio });
}

/** A process's peak resident set (VmHWM), bytes; 0 where /proc is missing. */
function highWaterMark(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the resident set of the process until stopped; returns the peak. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, POLL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

export async function runFuzz(options: RunOptions): Promise<FuzzReport> {
  const started = Date.now();
  const sampler = rssSampler();
  const reports: TargetReport[] = [];
  const findings: Finding[] = [];
  const share = Math.floor(options.iterations / options.targets.length);
  const extra = options.iterations - share * options.targets.length;
  const deadline = options.maxSeconds === undefined ? Number.POSITIVE_INFINITY : started + options.maxSeconds * 1000;
  const stop = options.stop ?? { stopped: false };
  for (const [i, target] of options.targets.entries()) {
    const count = share + (i < extra ? 1 : 0);
    if (count === 0 || stop.stopped || Date.now() > deadline) continue;
    const { report, found } = await runTarget(target, count, options, () => stop.stopped || Date.now() > deadline);
    reports.push(report);
    findings.push(...found);
  }
  return { seed: options.seed, targets: reports, findings, peakRssBytes: Math.max(sampler.stop(), ...reports.map((r) => r.peakRssBytes)), seconds: (Date.now() - started) / 1000 };
}

interface Tally {
  accepted: number;
  rejected: number;
  internal: number;
  crashes: number;
  hangs: number;
  slowestMs: number;
  slowestIteration: number;
  peakHeapBytes: number;
  peakRssBytes: number;
}

async function runTarget(target: TargetName, count: number, options: RunOptions, shouldStop: () => boolean): Promise<{ report: TargetReport; found: Finding[] }> {
  const started = Date.now();
  const from = options.from ?? 0;
  const to = from + count;
  const hangMs = options.hangMs ?? 15_000;
  const maxRestarts = options.maxRestarts ?? 50;
  const log = options.log ?? ((): void => undefined);
  const t: Tally = { accepted: 0, rejected: 0, internal: 0, crashes: 0, hangs: 0, slowestMs: 0, slowestIteration: from, peakHeapBytes: 0, peakRssBytes: 0 };
  const found: Finding[] = [];
  let next = from;
  let restarts = 0;
  let stopped = false;
  let lastLog = Date.now();
  const finding = (f: Finding): void => {
    if (found.length < 200) found.push(f);
    log(`${f.kind} ${f.target} #${f.iteration}: ${f.detail.slice(0, 300)}`);
  };

  while (next < to && restarts <= maxRestarts) {
    const input: WorkerInput = { target, seed: options.seed, from: next, to, env: options.env };
    const end = await new Promise<'done' | 'died'>((resolve) => {
      const child = startWorker(options.maxHeapMb ?? 1024);
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => {
        if (stderr.length < 4000) stderr += c.toString('utf8');
      });
      let settled = false;
      let running = -1;
      let since = Date.now();
      let peak = 0;
      const finish = (how: 'done' | 'died'): void => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        t.peakRssBytes = Math.max(t.peakRssBytes, peak);
        resolve(how);
      };
      const watch = setInterval(() => {
        peak = Math.max(peak, highWaterMark(child.pid));
        if (running >= 0 && Date.now() - since > hangMs) {
          t.hangs++;
          finding({ target, iteration: running, kind: 'hang', detail: `still running after ${hangMs} ms` });
          next = running + 1;
          finish('died');
          child.kill('SIGKILL');
        }
      }, POLL_MS);
      child.on('message', (m: WorkerMessage) => {
        if (settled) return;
        if (m.type === 'begin') {
          running = m.n;
          since = Date.now();
          return;
        }
        if (m.type === 'result') {
          t[m.outcome]++;
          if (m.outcome === 'internal') finding({ target, iteration: m.n, kind: 'internal', detail: m.detail ?? 'the code under test reported an internal error' });
          t.peakHeapBytes = Math.max(t.peakHeapBytes, m.heap);
          if (m.ms > t.slowestMs) {
            t.slowestMs = m.ms;
            t.slowestIteration = m.n;
          }
          running = -1;
          next = m.n + 1;
        } else if (m.type === 'crash') {
          t.crashes++;
          finding({ target, iteration: m.n, kind: 'crash', detail: m.detail });
          running = -1;
          next = m.n + 1;
        } else if (m.type === 'done') {
          finish('done');
        }
        if ((m.type === 'result' || m.type === 'crash') && next < to && shouldStop()) {
          stopped = true;
          finish('done');
          child.kill('SIGKILL');
        }
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log(`${target}: ${next - from}/${count} iterations, ${t.crashes} crashes, ${t.hangs} hangs`);
        }
      });
      child.on('exit', (code, signal) => {
        if (settled) return;
        const at = running >= 0 ? running : next;
        const oom = /heap out of memory|bad_alloc|Allocation failed/i.test(stderr);
        t.crashes++;
        finding({ target, iteration: at, kind: oom ? 'out-of-memory' : 'crash', detail: `the worker died (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 400)}` });
        next = at + 1;
        finish('died');
      });
      child.send(input);
    });
    if (end === 'done') break;
    restarts++;
  }
  const ran = Math.min(next, to) - from;
  const report: TargetReport = { target, iterations: ran, ...(stopped || ran < count ? { planned: count } : {}), ...t, seconds: (Date.now() - started) / 1000 };
  return { report, found };
}
