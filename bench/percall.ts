/**
 * Per-call client cost: the bench server in one child process, each client in a fresh child
 * process per measurement, sequential and 16 in flight, rounds interleaved, medians reported.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ClientKind, RunReport, RunSpec } from './client-run';
import { runOk } from './exec';
import type { ControlMessage, ServerMessage } from './server';
import { median } from './stats';

export interface PerCallOptions {
  readonly serverJs: string;
  readonly clientJs: string;
  readonly keysFile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly rounds: number;
  readonly sequential: { readonly warmup: number; readonly count: number };
  readonly parallel: { readonly warmup: number; readonly count: number; readonly concurrency: number };
  /** Directory for a `--cpu-prof` of our client (16 in flight), or undefined. */
  readonly profileDir?: string;
  readonly log: (line: string) => void;
}

export interface PerCallRow {
  readonly kind: ClientKind;
  readonly concurrency: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuMicrosPerRequest: number;
  /** Every round's figures, for the JSON. */
  readonly rounds: readonly RunReport[];
  /** TCP connections the server accepted per measurement (warm-up included): keep-alive at work or not. */
  readonly connections: readonly number[];
  /** Problems the server found in the requests it checked (empty: the client did the protocol right). */
  readonly protocolProblems: readonly string[];
  readonly errors: number;
}

const KINDS: readonly ClientKind[] = ['ideal', 'ours', 'plugin', 'ideal-http', 'ideal-http-pool'];
/** Requests of each measurement fully checked by the server (signature, serial, decrypted fields). */
const CHECKED = 3;

class BenchServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static start(serverJs: string, keysFile: string, env: NodeJS.ProcessEnv): Promise<BenchServer> {
    return new Promise((resolvePromise, reject) => {
      const child = fork(serverJs, [keysFile], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const timer = setTimeout(() => reject(new Error('bench server did not start in 10 s')), 10_000);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`bench server exited (${String(code)})`)));
      child.once('message', (m: ServerMessage) => {
        clearTimeout(timer);
        if (m.type === 'listening') resolvePromise(new BenchServer(child, m.port));
      });
    });
  }

  send(m: ControlMessage): void {
    this.child.send(m);
  }

  report(): Promise<Extract<ServerMessage, { type: 'report' }>> {
    return new Promise((resolvePromise) => {
      const on = (m: ServerMessage): void => {
        if (m.type === 'report') {
          this.child.off('message', on);
          resolvePromise(m);
        }
      };
      this.child.on('message', on);
      this.send({ type: 'report' });
    });
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.disconnect();
  }
}

export async function measurePerCall(o: PerCallOptions): Promise<PerCallRow[]> {
  const server = await BenchServer.start(o.serverJs, o.keysFile, o.env);
  const baseURL = `http://127.0.0.1:${server.port}`;
  const results = new Map<string, { reports: RunReport[]; problems: Set<string>; connections: number[] }>();
  const modes = [
    { concurrency: 1, ...o.sequential },
    { concurrency: o.parallel.concurrency, warmup: o.parallel.warmup, count: o.parallel.count },
  ];
  try {
    for (let round = 0; round < o.rounds; round++) {
      for (const mode of modes) {
        for (const kind of KINDS) {
          const spec: RunSpec = { kind, baseURL, keysFile: o.keysFile, ...mode };
          server.send({ type: 'check', count: CHECKED });
          const r = await runOk(process.execPath, [o.clientJs, JSON.stringify(spec)], { env: o.env, timeoutMs: 120_000 });
          const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as RunReport;
          const checked = await server.report();
          const key = `${kind}/${mode.concurrency}`;
          const entry = results.get(key) ?? { reports: [], problems: new Set<string>(), connections: [] };
          entry.reports.push(report);
          entry.connections.push(checked.connections);
          if (checked.checked < CHECKED) entry.problems.add(`server checked only ${checked.checked} requests`);
          for (const p of checked.failures) entry.problems.add(p);
          results.set(key, entry);
          o.log(
            `  round ${round + 1} ${kind.padEnd(15)} c=${String(mode.concurrency).padEnd(2)} ` +
              `${report.requestsPerSecond.toFixed(0).padStart(5)} req/s  p50 ${report.p50Ms.toFixed(2)} ms  ` +
              `p99 ${report.p99Ms.toFixed(2)} ms  cpu ${report.cpuMicrosPerRequest.toFixed(0)} µs/req  ${checked.connections} conn` +
              (report.errors ? `  ${report.errors} errors` : ''),
          );
        }
      }
    }
    if (o.profileDir) {
      const spec: RunSpec = { kind: 'ours', baseURL, keysFile: o.keysFile, ...modes[1]! };
      await runOk(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(o.profileDir, 'percall-ours')}`, o.clientJs, JSON.stringify(spec)], { env: o.env });
      const ideal: RunSpec = { ...spec, kind: 'ideal' };
      await runOk(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(o.profileDir, 'percall-ideal')}`, o.clientJs, JSON.stringify(ideal)], { env: o.env });
    }
  } finally {
    server.stop();
  }
  const rows: PerCallRow[] = [];
  for (const mode of modes) {
    for (const kind of KINDS) {
      const entry = results.get(`${kind}/${mode.concurrency}`);
      if (!entry) continue;
      const rs = entry.reports;
      rows.push({
        kind,
        concurrency: mode.concurrency,
        requestsPerSecond: median(rs.map((r) => r.requestsPerSecond)),
        p50Ms: median(rs.map((r) => r.p50Ms)),
        p99Ms: median(rs.map((r) => r.p99Ms)),
        cpuMicrosPerRequest: median(rs.map((r) => r.cpuMicrosPerRequest)),
        rounds: rs,
        connections: entry.connections,
        protocolProblems: [...entry.problems],
        errors: rs.reduce((n, r) => n + r.errors, 0),
      });
    }
  }
  return rows;
}
