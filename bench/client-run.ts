/**
 * One client under test, in its own process: builds the client, checks one answer, warms up,
 * then makes `count` calls with `concurrency` in flight and prints one JSON line with
 * requests/s, latency percentiles and this process's CPU time per request.
 * Usage: node client-run.js '<RunSpec JSON>'
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { makeIdeal } from './clients/ideal';
import { makeIdealHttp, makeIdealHttpPool } from './clients/ideal-http';
import { makeOurs } from './clients/ours';
import { makePlugin } from './clients/plugin';
import type { BenchCall, ClientFactory } from './clients/types';
import type { BenchKeys } from './fixture';
import { median, percentile } from './stats';

export type ClientKind = 'ours' | 'ideal' | 'plugin' | 'ideal-http' | 'ideal-http-pool';

export interface RunSpec {
  readonly kind: ClientKind;
  readonly baseURL: string;
  readonly keysFile: string;
  readonly concurrency: number;
  readonly warmup: number;
  readonly count: number;
}

export interface RunReport {
  readonly kind: ClientKind;
  readonly concurrency: number;
  readonly count: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly medianMs: number;
  /** User + system CPU of this process per request, in microseconds. */
  readonly cpuMicrosPerRequest: number;
  readonly errors: number;
}

const FACTORIES: Record<ClientKind, ClientFactory> = { ours: makeOurs, ideal: makeIdeal, plugin: makePlugin, 'ideal-http': makeIdealHttp, 'ideal-http-pool': makeIdealHttpPool };

function checkAnswer(data: unknown): void {
  const list = (data as { qualification_list?: unknown } | undefined)?.qualification_list;
  if (!Array.isArray(list) || list.length !== 2) throw new Error('the client did not hand back the parsed answer');
}

/** Makes `count` calls, at most `concurrency` at a time; returns each call's latency in ms. */
async function drive(call: BenchCall, count: number, concurrency: number, onError: (e: unknown) => void): Promise<number[]> {
  const latencies: number[] = [];
  let issued = 0;
  const lane = async (): Promise<void> => {
    while (issued < count) {
      issued++;
      const start = performance.now();
      try {
        await call();
      } catch (e) {
        onError(e);
      }
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return latencies;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as RunSpec;
  const keys = JSON.parse(readFileSync(spec.keysFile, 'utf8')) as BenchKeys;
  const call = FACTORIES[spec.kind]({ baseURL: spec.baseURL, keys });
  checkAnswer(await call());

  let errors = 0;
  let firstError: unknown;
  const onError = (e: unknown): void => {
    errors++;
    firstError ??= e;
  };
  await drive(call, spec.warmup, spec.concurrency, onError);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const latencies = await drive(call, spec.count, spec.concurrency, onError);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (errors > 0) {
    process.stderr.write(`${spec.kind}: ${errors} calls failed; first: ${firstError instanceof Error ? `${firstError.name}: ${firstError.message}` : String(firstError)}\n`);
  }
  const report: RunReport = {
    kind: spec.kind,
    concurrency: spec.concurrency,
    count: spec.count,
    seconds,
    requestsPerSecond: spec.count / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    medianMs: median(latencies),
    cpuMicrosPerRequest: (cpu.user + cpu.system) / spec.count,
    errors,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
