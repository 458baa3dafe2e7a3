/**
 * `npm run fuzz -- --iterations N [--target generator|importer|mock|all] [--seed S]
 *  [--from K] [--hang-ms MS] [--max-heap-mb MB] [--max-seconds S] [--json]`
 *
 * Bounded, seeded fuzzing: N iterations in total (shared between the targets), each
 * replayable alone with `--seed S --from <iteration> --iterations 1 --target <t>`.
 * Prints crashes, hangs, internal errors and peak memory; exits 1 when any was found.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runFuzz } from './runner';
import { TARGET_NAMES, type FuzzReport, type TargetName } from './types';

const MAX_ITERATIONS = 10_000_000;

export interface CliArgs {
  readonly iterations: number;
  readonly targets: readonly TargetName[];
  readonly seed: number;
  readonly from: number;
  readonly hangMs: number;
  readonly maxHeapMb: number;
  readonly maxSeconds: number | undefined;
  readonly json: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs | string {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') {
      json = true;
      continue;
    }
    if (!/^--(iterations|target|seed|from|hang-ms|max-heap-mb|max-seconds)$/.test(a)) return `unknown argument ${a.slice(0, 40)}`;
    const v = argv[++i];
    if (v === undefined) return `${a} needs a value`;
    values.set(a.slice(2), v);
  }
  const int = (name: string, fallback: number | undefined, min: number, max: number): number | string => {
    const v = values.get(name);
    if (v === undefined) return fallback ?? `--${name} is required`;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) return `--${name} must be a whole number from ${min} to ${max}`;
    return Number(v);
  };
  const iterations = int('iterations', undefined, 1, MAX_ITERATIONS);
  const seed = int('seed', 1, 0, 2 ** 32 - 1);
  const from = int('from', 0, 0, MAX_ITERATIONS);
  const hangMs = int('hang-ms', 15_000, 100, 600_000);
  const maxHeapMb = int('max-heap-mb', 1024, 64, 16_384);
  const maxSeconds = values.has('max-seconds') ? int('max-seconds', undefined, 1, 7 * 24 * 3600) : undefined;
  for (const v of [iterations, seed, from, hangMs, maxHeapMb, maxSeconds]) if (typeof v === 'string') return v;
  const target = values.get('target') ?? 'all';
  if (target !== 'all' && !(TARGET_NAMES as readonly string[]).includes(target)) return `--target must be one of ${TARGET_NAMES.join(', ')}, all`;
  return {
    iterations: iterations as number,
    targets: target === 'all' ? TARGET_NAMES : [target as TargetName],
    seed: seed as number,
    from: from as number,
    hangMs: hangMs as number,
    maxHeapMb: maxHeapMb as number,
    maxSeconds: maxSeconds as number | undefined,
    json,
  };
}

/** The repository (where specs/ is) and the sample doc pages (shared/docs-sample, found walking up). */
function locate(): { repo: string; docs: string } {
  let repo = __dirname;
  while (!existsSync(join(repo, 'specs', 'wechatpay.yaml')) && dirname(repo) !== repo) repo = dirname(repo);
  let docs = repo;
  for (let i = 0; i < 8 && !existsSync(join(docs, 'shared', 'docs-sample', 'openapi')); i++) docs = dirname(docs);
  return { repo, docs: process.env['WXPAY_DOCS_SAMPLE'] ? resolve(process.env['WXPAY_DOCS_SAMPLE']) : join(docs, 'shared', 'docs-sample') };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function formatReport(r: FuzzReport): string {
  const lines = [`fuzz: seed ${r.seed}, ${r.targets.reduce((n, t) => n + t.iterations, 0)} iterations in ${r.seconds.toFixed(1)} s, peak RSS ${mb(r.peakRssBytes)}`];
  for (const t of r.targets) {
    lines.push(`  ${t.target.padEnd(9)} ${String(t.iterations).padStart(7)}${t.planned !== undefined ? ` of ${t.planned}` : ''} iterations: ${t.accepted} accepted, ${t.rejected} rejected, ${t.internal} internal, ${t.crashes} crashes, ${t.hangs} hangs; slowest ${t.slowestMs.toFixed(0)} ms (#${t.slowestIteration}); peak heap ${mb(t.peakHeapBytes)}, peak RSS ${mb(t.peakRssBytes)}; ${t.seconds.toFixed(1)} s`);
  }
  for (const f of r.findings) lines.push(`  ${f.kind} ${f.target} #${f.iteration} (replay: --target ${f.target} --seed ${r.seed} --from ${f.iteration} --iterations 1): ${f.detail}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`fuzz: ${args}\nusage: npm run fuzz -- --iterations N [--target ${TARGET_NAMES.join('|')}|all] [--seed S] [--from K] [--hang-ms MS] [--max-heap-mb MB] [--max-seconds S] [--json]\n`);
    return 2;
  }
  const stop = { stopped: false };
  const onSignal = (): void => {
    if (stop.stopped) process.exit(130);
    stop.stopped = true;
    process.stderr.write('fuzz: stopping after the current iteration (again to quit at once)\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const report = await runFuzz({
    stop,
    ...(args.maxSeconds !== undefined ? { maxSeconds: args.maxSeconds } : {}),
    targets: args.targets,
    iterations: args.iterations,
    seed: args.seed,
    from: args.from,
    env: locate(),
    hangMs: args.hangMs,
    maxHeapMb: args.maxHeapMb,
    log: (line) => process.stderr.write(`fuzz: ${line}\n`),
  });
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
  return report.findings.length > 0 ? 1 : 0;
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
