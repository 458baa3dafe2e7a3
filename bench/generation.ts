/**
 * Generation speed, whole processes as a user runs them: `node bin/wxpay-gen.js` on specs/, and
 * on the ≥ 1,000-operation scale spec our full generation (types, client, operations table,
 * runtime) beside the openapi-typescript CLI producing the types alone for the same spec.
 */
import { join } from 'node:path';
import { runOk } from './exec';
import { median } from './stats';

export interface Timed {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
}

function timed(runsMs: number[]): Timed {
  return { runsMs, medianMs: median(runsMs) };
}

export interface GenTools {
  readonly repo: string;
  readonly env: NodeJS.ProcessEnv;
}

const wxpayGen = (repo: string): string => join(repo, 'bin', 'wxpay-gen.js');
const openapiTs = (repo: string): string => join(repo, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

/** One `wxpay-gen` process: spec → out. Returns wall ms. */
export async function runWxpayGen(t: GenTools, spec: string, out: string, nodeArgs: readonly string[] = []): Promise<number> {
  const r = await runOk(process.execPath, [...nodeArgs, wxpayGen(t.repo), '--spec', spec, '--out', out], { cwd: t.repo, env: t.env });
  return r.ms;
}

/** One openapi-typescript CLI process: spec → one .d.ts. Returns wall ms. */
export async function runOpenapiTs(t: GenTools, spec: string, outFile: string, nodeArgs: readonly string[] = []): Promise<number> {
  const r = await runOk(process.execPath, [...nodeArgs, openapiTs(t.repo), spec, '-o', outFile], { cwd: t.repo, env: t.env });
  return r.ms;
}

/** `wxpay-gen` on specs/ `reps` times, each into a fresh folder; the first output folder is returned for later steps. */
export async function timeSmallGeneration(t: GenTools, tmp: string, reps: number): Promise<{ timing: Timed; out: string }> {
  const runs: number[] = [];
  for (let i = 0; i < reps; i++) runs.push(await runWxpayGen(t, join(t.repo, 'specs', 'wechatpay.yaml'), join(tmp, `gen4-${i}`)));
  return { timing: timed(runs), out: join(tmp, 'gen4-0') };
}

export interface ScaleTimings {
  readonly ours: Timed;
  readonly openapiTypescript: Timed;
  /** Where the first run of each wrote. */
  readonly oursOut: string;
  readonly typesFile: string;
}

/** Ours and openapi-typescript on the scale spec, alternating, `reps` each. */
export async function timeScaleGeneration(t: GenTools, spec: string, tmp: string, reps: number): Promise<ScaleTimings> {
  const ours: number[] = [];
  const oat: number[] = [];
  for (let i = 0; i < reps; i++) {
    ours.push(await runWxpayGen(t, spec, join(tmp, `gen1k-${i}`)));
    oat.push(await runOpenapiTs(t, spec, join(tmp, `oat1k-${i}`, 'schema.d.ts')));
  }
  return { ours: timed(ours), openapiTypescript: timed(oat), oursOut: join(tmp, 'gen1k-0'), typesFile: join(tmp, 'oat1k-0', 'schema.d.ts') };
}
