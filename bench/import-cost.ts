/**
 * Import cost of the generated client: cold `require` in a fresh Node process (the 4-endpoint
 * client compiled to CommonJS JS file by file with esbuild, as tsc would), and the size of one
 * endpoint's client bundled by esbuild (minified, platform node), raw and gzipped. The peers'
 * figures are measured the same way, for context.
 */
import { build } from 'esbuild';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse, stringify } from 'yaml';
import { runOk } from './exec';
import { median } from './stats';

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Compiles a generated client folder to CommonJS JS, file by file (no bundling). */
export async function compileClient(generatedDir: string, outDir: string): Promise<void> {
  await build({
    entryPoints: tsFiles(generatedDir),
    outdir: outDir,
    outbase: generatedDir,
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
}

export interface ColdImport {
  readonly runs: number;
  /** Median ms of the `require()` itself, measured inside the fresh process. */
  readonly requireMs: number;
  /** Median ms of `require()` + `createClient(…)` (keys parsed), where applicable. */
  readonly requireAndCreateMs?: number;
  /** Median over the runs of (wall ms of the whole process − wall ms of an empty `node -e ''` run right after it): noisy, can dip below 0. */
  readonly processOverheadMs: number;
}

const PROBE = `
const t0 = process.hrtime.bigint();
const m = require(process.env.BENCH_MODULE);
const t1 = process.hrtime.bigint();
let created;
if (process.env.BENCH_KEYS && typeof m.createClient === 'function') {
  const k = JSON.parse(require('node:fs').readFileSync(process.env.BENCH_KEYS, 'utf8'));
  m.createClient({ mchid: k.mchid, serial: k.merchantSerial, privateKey: k.merchantPrivatePem, certs: { [k.platformSerial]: k.platformPublicPem } });
  created = Number(process.hrtime.bigint() - t0) / 1e6;
}
process.stdout.write(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, createdMs: created }));
`;

/** Cold-imports `module` (a path or package name) in `reps` fresh processes. */
export async function coldImport(module: string, reps: number, env: NodeJS.ProcessEnv, keysFile?: string): Promise<ColdImport> {
  const req: number[] = [];
  const created: number[] = [];
  const extra: number[] = [];
  for (let i = 0; i < reps; i++) {
    const r = await runOk(process.execPath, ['-e', PROBE], { env: { ...env, BENCH_MODULE: module, BENCH_KEYS: keysFile ?? '' } });
    const j = JSON.parse(r.stdout) as { requireMs: number; createdMs?: number };
    req.push(j.requireMs);
    if (j.createdMs !== undefined) created.push(j.createdMs);
    extra.push(r.ms - (await runOk(process.execPath, ['-e', ''], { env })).ms);
  }
  return {
    runs: reps,
    requireMs: median(req),
    ...(created.length ? { requireAndCreateMs: median(created) } : {}),
    processOverheadMs: median(extra),
  };
}

export interface BundleSize {
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
}

/** esbuild bundle (platform node, minified) of `source`, resolved from `resolveDir`; gzip level 9. */
export async function bundleSize(source: string, resolveDir: string, outFile: string, nodePaths: readonly string[] = []): Promise<BundleSize> {
  await build({
    stdin: { contents: source, resolveDir, loader: 'ts', sourcefile: 'entry.ts' },
    outfile: outFile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    nodePaths: [...nodePaths],
    logLevel: 'error',
  });
  const code = readFileSync(outFile);
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Copies specs/ to `outDir` keeping only `keepPath` in the root's `paths`; returns the new root. */
export function singleEndpointSpec(specsDir: string, outDir: string, keepPath: string): string {
  cpSync(specsDir, outDir, { recursive: true });
  const root = join(outDir, 'wechatpay.yaml');
  const doc = parse(readFileSync(root, 'utf8')) as { paths: Record<string, unknown> };
  const item = doc.paths[keepPath];
  if (!item) throw new Error(`${keepPath} is not in the spec`);
  doc.paths = { [keepPath]: item };
  writeFileSync(root, stringify(doc, { lineWidth: 0 }));
  return root;
}
