/**
 * `npm run bench`: every row of issue #14's table side by side with what it is compared with, in one run —
 * CLI start-up (--version), --check on an unchanged tree, generation time and memory on specs/ and on the
 * whole doc corpus, the import of the corpus, per-call client cost, the consumer's type-check — plus the
 * cold-import and bundle-size figures; prints the tables with ratios and which targets are met, profiles
 * every missed target, and writes bench/results/latest.json. Launched by bench/run.js (which bundles this
 * file and sets WXPAY_BENCH_REPO, WXPAY_BENCH_TMP and NODE_PATH).
 *
 * Flags: --quick (fewer repetitions, for trying the bench out; results not saved as latest),
 * --rounds=N (per-call rounds, default 5),
 * --only=cli,gen,importer,percall,notify,typecheck,load (a subset; not saved as latest), --no-profile (skip the
 * CPU profiles otherwise taken for every missed target), --keep (keep the temp folder).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { bundleScript } from './bundle';
import { cloneCorpus, countFiles, findBundle, trimForGeneration } from './corpus';
import { runOk } from './exec';
import { Meter, type Measured, type Step } from './measured';
import { makeKeys, writeKeys } from './fixture';
import { runOpenapiTs, runWxpayGen } from './generation';
import { bundleSize, coldImport, compileClient, singleEndpointSpec, type BundleSize, type ColdImport } from './import-cost';
import { measurePerCall, type PerCallRow } from './percall';
import { formatSummary, summariseDir, type ProfileSummary } from './profile';
import { median, round } from './stats';
import { synthSpec } from './synth-spec';
import { fmt, formatTable } from './table';
import { fileCosts, type FileCost } from './tsc-trace';
import { measureTypecheck, type TypecheckResult } from './typecheck';

const LABELS: Record<PerCallRow['kind'], string> = {
  ours: 'ours (generated)',
  ideal: 'ideal inline (fetch)',
  plugin: 'wechatpay-axios-plugin',
  'ideal-http': 'ideal inline over node:http, inline sign (info)',
  'ideal-http-pool': 'ideal inline over node:http, thread-pool sign (the baseline)',
};

type Section = 'cli' | 'gen' | 'importer' | 'percall' | 'notify' | 'typecheck' | 'load';
const SECTIONS: readonly Section[] = ['cli', 'gen', 'importer', 'percall', 'notify', 'typecheck', 'load'];

interface Target {
  readonly id: string;
  readonly description: string;
  readonly value: number;
  readonly limit: number;
  /** `max`: value ≤ limit; `min`: value ≥ limit. */
  readonly kind: 'max' | 'min';
  readonly met: boolean;
  readonly unit: string;
}

function target(id: string, description: string, value: number, kind: 'max' | 'min', limit: number, unit: string): Target {
  const met = Number.isFinite(value) && (kind === 'max' ? value <= limit : value >= limit);
  return { id, description, value: round(value, 3), limit, kind, met, unit };
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the bench with \`npm run bench\` (bench/run.js)`);
  return v;
}

interface ScaleSpec {
  readonly root: string;
  readonly operations: number;
  readonly pathFiles: number;
  readonly source: string;
  /** The corpus import, when the scale spec is the corpus: its root (untrimmed) and the command that made it. */
  readonly corpus?: { readonly pages: string; readonly pageCount: number; readonly importedRoot: string; readonly importStep: Step; readonly dropped: readonly string[] };
}

/**
 * The scale spec: the whole doc corpus (../shared/docs/wechatpay-docs.bundle cloned, openapi/v3 imported,
 * bench/corpus.ts) when the bundle is there, else the synthesised ≥ 1,000-operation spec (bench/synth-spec.ts).
 */
async function scaleSpec(repo: string, tmp: string, env: NodeJS.ProcessEnv, meter: Meter, log: (line: string) => void): Promise<ScaleSpec> {
  const bundle = findBundle(repo);
  if (bundle) {
    try {
      log(`scale spec: cloning ${bundle} and importing openapi/v3`);
      const { pages, pageCount } = await cloneCorpus(bundle, tmp);
      const importInto = (app: string): Step => ({
        label: 'wxpay-gen import (whole corpus)',
        script: join(repo, 'bin', 'wxpay-gen.js'),
        args: ['import', pages, '--out', 'specs', '--root', 'specs/wechatpay.yaml'],
        cwd: app,
        before: () => {
          rmSync(join(app, 'specs'), { recursive: true, force: true });
          mkdirSync(app, { recursive: true });
        },
        // exit 1: some pages could not be imported (each reported); the rest is written
        ok: [0, 1],
      });
      const app = join(tmp, 'corpus-app');
      const importedRoot = join(app, 'specs', 'wechatpay.yaml');
      await meter.once(importInto(app));
      // the importer row re-imports into a folder of its own, and openapi-typescript reads the root it writes
      const importStep = importInto(join(tmp, 'corpus-import'));
      const keep = join(tmp, 'corpus-import', 'specs', 'wechatpay.yaml');
      const root = join(app, 'specs', 'wechatpay.gen.yaml');
      const t = await trimForGeneration(join(repo, 'bin', 'wxpay-gen.js'), importedRoot, root, join(tmp, 'corpus-trim-out'), env);
      return {
        root,
        operations: t.operations,
        pathFiles: countFiles(join(app, 'specs', 'paths'), '.yaml'),
        source: `the whole doc corpus: ${pageCount} pages of openapi/v3 from ${bundle}, imported by wxpay-gen import${t.dropped.length ? `; ${t.dropped.length} problem(s) the generator rejects left out (see JSON)` : ''}`,
        corpus: { pages, pageCount, importedRoot: keep, importStep, dropped: t.dropped },
      };
    } catch (e) {
      log(`corpus failed, using the synthesised spec instead: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  const s = synthSpec(join(repo, 'specs'), join(tmp, 'scale-spec-synth'), 1000);
  return { ...s, source: 'bench/synth-spec.ts: specs/ plus synthesised shapes, repeated under distinct prefixes (no doc bundle found)' };
}

function gitInfo(repo: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'generator', 'templates', 'bin', 'bench', 'specs', ':(exclude)bench/results'], { cwd: repo, encoding: 'utf8' });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

async function main(): Promise<void> {
  const repo = env('WXPAY_BENCH_REPO');
  const tmp = env('WXPAY_BENCH_TMP');
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyArg = args.find((a) => a.startsWith('--only='));
  const only = onlyArg ? (onlyArg.slice('--only='.length).split(',') as Section[]) : [...SECTIONS];
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section '${s}'; use ${SECTIONS.join(', ')}`);
  const profile = !args.includes('--no-profile');
  const full = !quick && !onlyArg;
  const started = Date.now();
  const loadAtStart = loadavg();
  const log = (line: string): void => {
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
  };
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  const tools = { repo, env: childEnv };
  const roundsArg = args.find((a) => a.startsWith('--rounds='));
  const reps = { cli: quick ? 3 : 9, small: quick ? 2 : 5, scale: quick ? 1 : 3, tsc: quick ? 1 : 3, cold: quick ? 5 : 15, rounds: roundsArg ? Number(roundsArg.slice(9)) : quick ? 1 : 5 };

  const keysFile = join(tmp, 'keys.json');
  writeKeys(keysFile, makeKeys());
  const meter = new Meter(join(tmp, 'meter'), childEnv);
  const wxpayGen = join(repo, 'bin', 'wxpay-gen.js');
  const oatCli = join(repo, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  const specs4 = join(repo, 'specs', 'wechatpay.yaml');
  const genStep = (label: string, spec: string, out: string): Step => ({ label, script: wxpayGen, args: ['--spec', spec, '--out', out], cwd: tmp, before: () => rmSync(out, { recursive: true, force: true }) });
  const oatStep = (label: string, spec: string, outFile: string): Step => ({ label, script: oatCli, args: [spec, '-o', outFile], cwd: tmp, before: () => rmSync(outFile, { force: true }) });

  // The client every later section uses: generated from specs/ in this run.
  const small = { out: join(tmp, 'small', 'gen4') };
  await runWxpayGen(tools, specs4, small.out);

  // 1. CLI start-up and --check on an unchanged tree.
  let cli: { version: Measured; nodeBare: Measured; check: Measured; oatSmall: Measured } | undefined;
  if (only.includes('cli')) {
    const app = join(tmp, 'check-app');
    cpSync(join(repo, 'specs'), join(app, 'specs'), { recursive: true });
    await runOk(process.execPath, [wxpayGen], { cwd: app, env: childEnv });
    log(`cli: wxpay-gen --version vs node -e 0; wxpay-gen --check (unchanged tree) vs openapi-typescript on specs/ ×${reps.cli}`);
    const [version, nodeBare, check, oatSmall] = await meter.alternate(
      [
        { label: 'wxpay-gen --version', script: wxpayGen, args: ['--version'], cwd: app },
        { label: 'node -e 0', script: '-e', args: ['0'], cwd: app },
        { label: 'wxpay-gen --check', script: wxpayGen, args: ['--check'], cwd: app },
        oatStep('openapi-typescript specs/', join(app, 'specs', 'wechatpay.yaml'), join(tmp, 'oat-check', 'schema.d.ts')),
      ],
      reps.cli,
    );
    cli = { version: version as Measured, nodeBare: nodeBare as Measured, check: check as Measured, oatSmall: oatSmall as Measured };
  }

  // 2. Generation, specs/ and the scale spec, each beside openapi-typescript on the same root.
  let scale: ScaleSpec | undefined;
  if (only.includes('gen') || only.includes('typecheck') || only.includes('importer')) scale = await scaleSpec(repo, tmp, childEnv, meter, log);
  let gen: { small: Measured; oatSmall: Measured; scale?: Measured; oatScale?: Measured } | undefined;
  const scaleOut = join(tmp, 'scale', 'gen1k');
  const scaleTypes = join(tmp, 'scale', 'oat1k', 'schema.d.ts');
  if (only.includes('gen')) {
    log(`generation: specs/ ×${reps.small}, ours vs openapi-typescript`);
    const [a, b] = await meter.alternate([genStep('wxpay-gen specs/', specs4, join(tmp, 'small', 'gen4-t')), oatStep('openapi-typescript specs/', specs4, join(tmp, 'small', 'oat4', 'schema.d.ts'))], reps.small);
    gen = { small: a as Measured, oatSmall: b as Measured };
    if (scale) {
      log(`generation: scale spec (${scale.operations} operations in ${scale.pathFiles} path files) ×${reps.scale}, ours vs openapi-typescript`);
      const [c, d] = await meter.alternate([genStep('wxpay-gen scale', scale.root, scaleOut), oatStep('openapi-typescript scale', scale.root, scaleTypes)], reps.scale);
      gen = { ...gen, scale: c as Measured, oatScale: d as Measured };
    }
  }
  if (scale && (!existsSync(scaleOut) || !existsSync(scaleTypes))) {
    await runWxpayGen(tools, scale.root, scaleOut);
    await runOpenapiTs(tools, scale.root, scaleTypes);
  }

  // 3. The import of the whole corpus beside openapi-typescript on the imported root.
  let importer: { ours: Measured; oat: Measured } | undefined;
  if (only.includes('importer') && scale?.corpus) {
    const c = scale.corpus;
    log(`importer: wxpay-gen import of ${c.pageCount} pages vs openapi-typescript on the imported root ×${reps.scale}`);
    // each round imports afresh, then openapi-typescript reads the root that import wrote
    const oatImported = oatStep('openapi-typescript imported root', c.importedRoot, join(tmp, 'oat-imported', 'schema.d.ts'));
    const [o, t] = await meter.alternate([c.importStep, oatImported], reps.scale);
    importer = { ours: o as Measured, oat: t as Measured };
  }

  let perCall: PerCallRow[] | undefined;
  if (only.includes('percall')) {
    log('per-call: bundling the server and the client runner against the fresh client');
    const serverJs = join(tmp, 'bin', 'server.js');
    const clientJs = join(tmp, 'bin', 'client-run.js');
    await bundleScript(join(repo, 'bench', 'server.ts'), serverJs, repo);
    const compiled = join(tmp, 'percall', 'gen4-js');
    await compileClient(small.out, compiled);
    await bundleScript(join(repo, 'bench', 'client-run.ts'), clientJs, repo, compiled);
    const sequential = quick ? { warmup: 100, count: 500 } : { warmup: 200, count: 1500 };
    const parallel = quick ? { warmup: 160, count: 1000, concurrency: 16 } : { warmup: 320, count: 3000, concurrency: 16 };
    log(`per-call: ${reps.rounds} round(s) × (ideal, ours, plugin, 2 node:http ideals) × (sequential ${sequential.count}, 16 in flight ${parallel.count})`);
    perCall = await measurePerCall({ serverJs, clientJs, keysFile, env: childEnv, rounds: reps.rounds, sequential, parallel, log });
  }

  // notifications.parse per notification vs inline node:crypto verify + decipher (bench/notify-run.ts)
  let notify: { ours: number[]; ideal: number[] } | undefined;
  if (only.includes('notify')) {
    const notifyJs = join(tmp, 'bin', 'notify-run.js');
    const compiled = join(tmp, 'notify', 'gen4-js');
    await compileClient(small.out, compiled);
    await bundleScript(join(repo, 'bench', 'notify-run.ts'), notifyJs, repo, compiled);
    const count = quick ? 1000 : 3000;
    log(`notify: notifications.parse vs inline node:crypto, ${reps.rounds} round(s) × ${count} notifications`);
    notify = { ours: [], ideal: [] };
    for (let r = 0; r < Math.max(1, reps.rounds); r++) {
      for (const kind of ['ideal', 'ours'] as const) {
        const res = await runOk(process.execPath, [notifyJs, keysFile, kind, String(count)], { cwd: tmp, env: childEnv });
        notify[kind].push((JSON.parse(res.stdout.trim()) as { cpuMicrosPerNotification: number }).cpuMicrosPerNotification);
      }
    }
  }

  let typecheck: TypecheckResult | undefined;
  if (only.includes('typecheck') && scale) {
    log(`type-check: tsc --noEmit --extendedDiagnostics, ours vs openapi-typescript + openapi-fetch vs the empty consumer ×${reps.tsc}`);
    typecheck = await measureTypecheck(repo, join(tmp, 'typecheck'), scaleOut, scaleTypes, reps.tsc, childEnv);
  }

  let importCost:
    | {
        readonly ours: ColdImport;
        readonly plugin: ColdImport;
        readonly openapiFetch: ColdImport;
        readonly bundle: { readonly oneEndpoint: BundleSize; readonly fourEndpoints: BundleSize; readonly plugin: BundleSize; readonly openapiFetch: BundleSize };
      }
    | undefined;
  if (only.includes('load')) {
    log(`load: cold require ×${reps.cold} (ours, plugin, openapi-fetch) and esbuild bundle sizes`);
    const js = join(tmp, 'import', 'gen4-js');
    await compileClient(small.out, js);
    const ours = await coldImport(join(js, 'index.js'), reps.cold, childEnv, keysFile);
    const plugin = await coldImport('wechatpay-axios-plugin', reps.cold, childEnv);
    const openapiFetch = await coldImport('openapi-fetch', reps.cold, childEnv);
    const oneRoot = singleEndpointSpec(join(repo, 'specs'), join(tmp, 'import', 'spec1'), '/v3/gov/subsidy/qualifications/passthrough/query');
    const gen1 = join(tmp, 'import', 'gen1');
    await runWxpayGen(tools, oneRoot, gen1);
    const entry = (dir: string): string => `import { createClient } from ${JSON.stringify(join(dir, 'index'))};\nexport { createClient };\n`;
    const nodePaths = [join(repo, 'node_modules')];
    const bundle = {
      oneEndpoint: await bundleSize(entry(gen1), tmp, join(tmp, 'import', 'one.js')),
      fourEndpoints: await bundleSize(entry(small.out), tmp, join(tmp, 'import', 'four.js')),
      plugin: await bundleSize("export { Wechatpay, Rsa } from 'wechatpay-axios-plugin';\n", repo, join(tmp, 'import', 'plugin.js'), nodePaths),
      openapiFetch: await bundleSize("export { default } from 'openapi-fetch';\n", repo, join(tmp, 'import', 'openapi-fetch.js'), nodePaths),
    };
    importCost = { ours, plugin, openapiFetch, bundle };
  }

  // Targets: issue #14's table, one line per row (two for a row with two targets).
  const targets: Target[] = [];
  const row = (kind: string, c: number): PerCallRow | undefined => perCall?.find((r) => r.kind === kind && r.concurrency === c);
  if (cli) {
    targets.push(target('cli-version', '`wxpay-gen --version` ≤ 0.2 s', cli.version.medianMs, 'max', 200, 'ms'));
    targets.push(target('cli-check', '`wxpay-gen --check`, unchanged tree, specs/ ≤ 0.25× openapi-typescript CLI on the same spec', cli.check.medianMs / cli.oatSmall.medianMs, 'max', 0.25, '×'));
  }
  if (gen) {
    targets.push(target('gen-small-time', 'generate specs/ (4 operations): time ≤ 0.8× openapi-typescript', gen.small.medianMs / gen.oatSmall.medianMs, 'max', 0.8, '×'));
    targets.push(target('gen-small-memory', 'generate specs/: peak memory ≤ 1.0× openapi-typescript', gen.small.medianMiB / gen.oatSmall.medianMiB, 'max', 1.0, '×'));
    if (gen.scale && gen.oatScale) {
      targets.push(target('gen-scale-time', `generate the scale spec (${scale?.operations ?? '?'} operations): time ≤ 0.6× openapi-typescript`, gen.scale.medianMs / gen.oatScale.medianMs, 'max', 0.6, '×'));
      targets.push(target('gen-scale-memory', 'generate the scale spec: peak memory ≤ 1.0× openapi-typescript', gen.scale.medianMiB / gen.oatScale.medianMiB, 'max', 1.0, '×'));
    }
  }
  if (importer) targets.push(target('import-corpus', `import the whole corpus (${scale?.corpus?.pageCount ?? '?'} pages) ≤ 0.5× openapi-typescript on the imported spec`, importer.ours.medianMs / importer.oat.medianMs, 'max', 0.5, '×'));
  if (perCall) {
    const o16 = row('ours', 16);
    const pool16 = row('ideal-http-pool', 16);
    const p16 = row('plugin', 16);
    if (o16 && pool16) targets.push(target('cpu-per-call-c16', 'client CPU per call, 16 in flight ≤ 1.05× the ideal inline node:http client with thread-pool sign', o16.cpuMicrosPerRequest / pool16.cpuMicrosPerRequest, 'max', 1.05, '×'));
    if (o16 && p16) targets.push(target('rps-c16-vs-plugin', "requests/s, 16 in flight ≥ 2.0× wechatpay-axios-plugin's", o16.requestsPerSecond / p16.requestsPerSecond, 'min', 2.0, '×'));
    for (const r of perCall) {
      if (r.protocolProblems.length > 0 || r.errors > 0) {
        targets.push(target(`protocol-${r.kind}-c${r.concurrency}`, `${r.kind} (c=${r.concurrency}) made correct, verified calls`, r.protocolProblems.length + r.errors, 'max', 0, 'problems'));
      }
    }
  }
  if (notify) targets.push(target('notify-parse-cpu', 'notifications.parse CPU per notification ≤ 1.1× inline node:crypto verify + decipher', median(notify.ours) / median(notify.ideal), 'max', 1.1, '×'));
  if (typecheck) {
    targets.push(target('tsc-vs-openapi-fetch', 'tsc of a consumer of the scale-spec client ≤ 0.7× openapi-typescript + openapi-fetch', typecheck.ours.medianMs / typecheck.openapiFetch.medianMs, 'max', 0.7, '×'));
    targets.push(target('tsc-vs-floor', 'same ≤ 1.3× the empty-consumer floor (same tsconfig)', typecheck.ours.medianMs / typecheck.floor.medianMs, 'max', 1.3, '×'));
  }

  // Profiles of what missed its target.
  const profiles: { readonly target: string; readonly summary: ProfileSummary }[] = [];
  const tscTraces: { readonly consumer: string; readonly files: readonly FileCost[] }[] = [];
  if (profile) {
    const profDir = join(tmp, 'profiles');
    const missed = new Set(targets.filter((t) => !t.met).map((t) => t.id));
    if ((missed.has('cpu-per-call-c1') || missed.has('cpu-per-call-c16') || missed.has('rps-c16-vs-plugin')) && perCall) {
      log('profile: our client and the ideal client, 16 in flight, --cpu-prof');
      const serverJs = join(tmp, 'bin', 'server.js');
      const clientJs = join(tmp, 'bin', 'client-run.js');
      await measurePerCall({
        serverJs,
        clientJs,
        keysFile,
        env: childEnv,
        rounds: 0,
        sequential: { warmup: 0, count: 0 },
        parallel: { warmup: 320, count: 3000, concurrency: 16 },
        profileDir: profDir,
        log,
      });
      for (const s of summariseDir(join(profDir, 'percall-ours'))) profiles.push({ target: 'per-call: our client', summary: s });
      for (const s of summariseDir(join(profDir, 'percall-ideal'))) profiles.push({ target: 'per-call: ideal client', summary: s });
    }
    if (missed.has('gen-small-time') || missed.has('gen-small-memory') || missed.has('cli-check')) {
      log('profile: wxpay-gen on specs/, --cpu-prof');
      await runWxpayGen(tools, join(repo, 'specs', 'wechatpay.yaml'), join(tmp, 'prof-gen4'), ['--cpu-prof', `--cpu-prof-dir=${join(profDir, 'gen-specs')}`]);
      for (const s of summariseDir(join(profDir, 'gen-specs'))) profiles.push({ target: 'generation: wxpay-gen on specs/', summary: s });
    }
    if ((missed.has('gen-scale-time') || missed.has('gen-scale-memory')) && scale) {
      log('profile: wxpay-gen and openapi-typescript on the scale spec, --cpu-prof');
      await runWxpayGen(tools, scale.root, join(tmp, 'prof-gen1k'), ['--cpu-prof', `--cpu-prof-dir=${join(profDir, 'gen-scale')}`]);
      await runOpenapiTs(tools, scale.root, join(tmp, 'prof-oat1k', 'schema.d.ts'), ['--cpu-prof', `--cpu-prof-dir=${join(profDir, 'oat-scale')}`]);
      for (const s of summariseDir(join(profDir, 'gen-scale'))) profiles.push({ target: 'generation: wxpay-gen on the scale spec', summary: s });
      for (const s of summariseDir(join(profDir, 'oat-scale'))) profiles.push({ target: 'generation: openapi-typescript on the scale spec', summary: s });
    }
    if (missed.has('notify-parse-cpu')) {
      log('profile: notifications.parse and the inline ideal, --cpu-prof');
      const notifyJs = join(tmp, 'bin', 'notify-run.js');
      for (const kind of ['ours', 'ideal'] as const) {
        await runOk(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(profDir, `notify-${kind}`)}`, notifyJs, keysFile, kind, '3000'], { cwd: tmp, env: childEnv });
        for (const s of summariseDir(join(profDir, `notify-${kind}`))) profiles.push({ target: `notifications.parse: ${kind}`, summary: s });
      }
    }
    if (missed.has('import-corpus') && scale?.corpus) {
      log('profile: wxpay-gen import of the corpus, --cpu-prof');
      const c = scale.corpus;
      c.importStep.before?.();
      await runOk(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(profDir, 'import')}`, c.importStep.script, ...c.importStep.args], { cwd: c.importStep.cwd, env: childEnv }).catch(() => undefined);
      for (const s of summariseDir(join(profDir, 'import'))) profiles.push({ target: 'import: wxpay-gen import of the corpus', summary: s });
    }
    if ((missed.has('tsc-vs-openapi-fetch') || missed.has('tsc-vs-floor')) && typecheck) {
      log('profile: tsc --generateTrace on both consumers (time per file: parse, bind, check)');
      for (const [label, name] of [['ours', 'tc-ours'], ['openapi-typescript + openapi-fetch', 'tc-openapi-fetch']] as const) {
        const dir = join(tmp, 'typecheck', name);
        const traceDir = join(profDir, `trace-${name}`);
        await runOk(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json'), '--generateTrace', traceDir], { cwd: dir, env: childEnv });
        const shorten = (p: string): string => p.replace(`${dir}/`, '').replace(/^.*\/node_modules\//, '');
        tscTraces.push({ consumer: label, files: fileCosts(join(traceDir, 'trace.json'), shorten, 8) });
      }
    }
  }

  // Report.
  const out: string[] = [];
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadAtStart.map((x) => round(x, 2)),
    loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
  };
  const git = gitInfo(repo);
  out.push(`wxpay-gen bench — ${new Date().toISOString()} — commit ${git.commit}${git.dirty ? ' (+ uncommitted changes)' : ''}`);
  out.push(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverageAtStart[0]} at start, ${machine.loadAverageAtEnd[0]} at end${quick ? ' — QUICK run (fewer repetitions)' : ''}`);
  if (perCall) {
    const ideal1 = row('ideal-http-pool', 1);
    const ideal16 = row('ideal-http-pool', 16);
    const plugin16 = row('plugin', 16);
    out.push('', `1. Per-call client cost — POST ${'/v3/gov/subsidy/qualifications/passthrough/query'} (3 encrypted fields, signed, answer verified), loopback, medians of ${reps.rounds} round(s)`);
    out.push(
      formatTable(
        ['client', 'in flight', 'req/s', 'p50', 'p99', 'CPU µs/req', 'CPU vs baseline', 'req/s vs plugin', 'checked by server'],
        perCall.map((r) => {
          const ideal = r.concurrency === 1 ? ideal1 : ideal16;
          const plugin = r.concurrency === 1 ? row('plugin', 1) : plugin16;
          return [
            LABELS[r.kind],
            r.concurrency,
            fmt.int(r.requestsPerSecond),
            fmt.ms(r.p50Ms),
            fmt.ms(r.p99Ms),
            fmt.int(r.cpuMicrosPerRequest),
            ideal ? fmt.x(r.cpuMicrosPerRequest / ideal.cpuMicrosPerRequest) : '–',
            plugin ? fmt.x(r.requestsPerSecond / plugin.requestsPerSecond) : '–',
            r.protocolProblems.length === 0 && r.errors === 0 ? 'ok' : `${r.protocolProblems.length + r.errors} problem(s)`,
          ];
        }),
      ),
    );
    for (const r of perCall) for (const p of r.protocolProblems) out.push(`  ! ${r.kind} c=${r.concurrency}: ${p}`);
  }
  {
    const m = (x: Measured): string => `${fmt.ms(x.medianMs)}, ${x.medianMiB.toFixed(0)} MiB`;
    const rows: string[][] = [];
    const add = (what: string, ours: Measured, other: string, theirs: Measured, memory: boolean): void => {
      rows.push([what, m(ours), other, m(theirs), `${fmt.x(ours.medianMs / theirs.medianMs)} time${memory ? `, ${fmt.x(ours.medianMiB / theirs.medianMiB)} memory` : ''}`, ours.runsMs.map((x) => x.toFixed(0)).join(' ')]);
    };
    if (cli) {
      add('wxpay-gen --version', cli.version, 'node -e 0', cli.nodeBare, false);
      add('wxpay-gen --check, unchanged tree, specs/', cli.check, 'openapi-typescript CLI, same spec', cli.oatSmall, false);
    }
    if (gen) {
      add('wxpay-gen generate, specs/ (4 operations)', gen.small, 'openapi-typescript CLI, same spec', gen.oatSmall, true);
      if (gen.scale && gen.oatScale) add(`generate, scale spec (${scale?.operations ?? '?'} operations)`, gen.scale, 'openapi-typescript CLI, same spec', gen.oatScale, true);
    }
    if (importer) add(`wxpay-gen import, whole corpus (${scale?.corpus?.pageCount ?? '?'} pages)`, importer.ours, 'openapi-typescript CLI on the imported spec', importer.oat, true);
    if (rows.length > 0) {
      out.push('', `2. Whole processes — median wall time and peak RSS (every thread) of ${reps.cli} (CLI) / ${reps.small} (specs/) / ${reps.scale} (scale) alternating runs`);
      if (scale) out.push(`   scale spec: ${scale.source}`);
      out.push(formatTable(['what', 'wxpay-gen', 'compared with', 'its figures', 'ratio', 'our runs (ms)'], rows));
    }
  }
  if (notify) {
    out.push('', `3. Notifications — CPU µs per notification (verify, decrypt, parse), median of ${notify.ours.length} round(s)`);
    out.push(formatTable(['', 'CPU µs/notification', 'ratio', 'rounds'], [
      ['ours: wxpay.notifications.parse', median(notify.ours).toFixed(0), fmt.x(median(notify.ours) / median(notify.ideal)), notify.ours.map((x) => x.toFixed(0)).join(' ')],
      ['ideal inline node:crypto', median(notify.ideal).toFixed(0), '', notify.ideal.map((x) => x.toFixed(0)).join(' ')],
    ]));
  }
  if (typecheck) {
    const d = (k: string, f: TypecheckResult['ours']): string => fmt.int(f.diagnostics[k] ?? NaN);
    out.push('', '4. Type-check — tsc --noEmit of the scale-spec client + a consumer making 3 calls (whole process, median)');
    out.push(
      formatTable(
        ['', 'ours', 'openapi-typescript + openapi-fetch', 'ratio'],
        [
          ['wall time', fmt.ms(typecheck.ours.medianMs), fmt.ms(typecheck.openapiFetch.medianMs), fmt.x(typecheck.ours.medianMs / typecheck.openapiFetch.medianMs)],
          [
            `wall time above the floor (${fmt.ms(typecheck.floor.medianMs)}: same tsconfig, empty consumer)`,
            fmt.ms(typecheck.ours.medianMs - typecheck.floor.medianMs),
            fmt.ms(typecheck.openapiFetch.medianMs - typecheck.floor.medianMs),
            fmt.x((typecheck.ours.medianMs - typecheck.floor.medianMs) / (typecheck.openapiFetch.medianMs - typecheck.floor.medianMs)),
          ],
          ['tsc Check time', `${typecheck.ours.diagnostics['Check time'] ?? '–'} s`, `${typecheck.openapiFetch.diagnostics['Check time'] ?? '–'} s`, fmt.x((typecheck.ours.diagnostics['Check time'] ?? NaN) / (typecheck.openapiFetch.diagnostics['Check time'] ?? NaN))],
          ['tsc Total time', `${typecheck.ours.diagnostics['Total time'] ?? '–'} s`, `${typecheck.openapiFetch.diagnostics['Total time'] ?? '–'} s`, fmt.x((typecheck.ours.diagnostics['Total time'] ?? NaN) / (typecheck.openapiFetch.diagnostics['Total time'] ?? NaN))],
          ['Instantiations', d('Instantiations', typecheck.ours), d('Instantiations', typecheck.openapiFetch), fmt.x((typecheck.ours.diagnostics.Instantiations ?? NaN) / (typecheck.openapiFetch.diagnostics.Instantiations ?? NaN))],
          ['Types', d('Types', typecheck.ours), d('Types', typecheck.openapiFetch), fmt.x((typecheck.ours.diagnostics.Types ?? NaN) / (typecheck.openapiFetch.diagnostics.Types ?? NaN))],
          ['Lines of TypeScript (.ts)', d('Lines of TypeScript', typecheck.ours), d('Lines of TypeScript', typecheck.openapiFetch), ''],
          ['Lines of Definitions (.d.ts)', d('Lines of Definitions', typecheck.ours), d('Lines of Definitions', typecheck.openapiFetch), ''],
          ['Memory used', `${d('Memory used', typecheck.ours)} K`, `${d('Memory used', typecheck.openapiFetch)} K`, ''],
        ],
      ),
    );
  }
  if (importCost) {
    const ic = importCost;
    out.push('', `5. Load cost (information) — cold require in a fresh process (median of ${reps.cold}); esbuild bundle, platform node, minified, gzip -9`);
    out.push(
      formatTable(
        ['', 'require', 'require + createClient', 'process overhead', 'bundle min', 'bundle gzip'],
        [
          ['ours, one endpoint (passthrough query)', '', '', '', fmt.kb(ic.bundle.oneEndpoint.minifiedBytes), fmt.kb(ic.bundle.oneEndpoint.gzipBytes)],
          ['ours, specs/ (4 endpoints)', fmt.ms(ic.ours.requireMs), fmt.ms(ic.ours.requireAndCreateMs ?? NaN), fmt.ms(ic.ours.processOverheadMs), fmt.kb(ic.bundle.fourEndpoints.minifiedBytes), fmt.kb(ic.bundle.fourEndpoints.gzipBytes)],
          ['wechatpay-axios-plugin (+ axios)', fmt.ms(ic.plugin.requireMs), '', fmt.ms(ic.plugin.processOverheadMs), fmt.kb(ic.bundle.plugin.minifiedBytes), fmt.kb(ic.bundle.plugin.gzipBytes)],
          ['openapi-fetch (no signing)', fmt.ms(ic.openapiFetch.requireMs), '', fmt.ms(ic.openapiFetch.processOverheadMs), fmt.kb(ic.bundle.openapiFetch.minifiedBytes), fmt.kb(ic.bundle.openapiFetch.gzipBytes)],
        ],
      ),
    );
  }
  out.push('', 'Targets');
  out.push(
    formatTable(
      ['', 'target', 'measured', 'met'],
      targets.map((t) => [t.description, `${t.kind === 'max' ? '≤' : '≥'} ${t.limit}${t.unit === 'ms' ? ' ms' : t.unit === '×' ? '×' : ` ${t.unit}`}`, t.unit === 'ms' ? fmt.ms(t.value) : t.unit === '×' ? fmt.x(t.value) : String(t.value), t.met ? 'yes' : 'NO']),
    ),
  );
  const duration = (Date.now() - started) / 1000;
  out.push('', `${targets.filter((t) => t.met).length} of ${targets.length} targets met; bench took ${duration.toFixed(0)} s`);
  if (profiles.length > 0 || tscTraces.length > 0) out.push('', 'Profiles of the missed targets');
  for (const p of profiles) out.push(formatSummary(p.target, p.summary));
  for (const t of tscTraces) {
    out.push(`type-check: where tsc spends its time for ${t.consumer} (tsc --generateTrace, largest files)`);
    out.push(formatTable(['file', 'parse', 'bind', 'check', 'total'], t.files.map((f) => [f.file, fmt.ms(f.parseMs), fmt.ms(f.bindMs), fmt.ms(f.checkMs), fmt.ms(f.totalMs)])));
  }
  process.stdout.write(`${out.join('\n')}\n`);

  const report = {
    schema: 1,
    date: new Date().toISOString(),
    git,
    machine,
    quick,
    sections: only,
    durationSeconds: round(duration, 1),
    perCall: perCall && {
      call: 'POST /v3/gov/subsidy/qualifications/passthrough/query, 3 x-encrypted fields, response verified',
      server: 'bench/server.ts in a child process: answers signed (one signature per second), first 3 requests of every measurement fully checked',
      rounds: reps.rounds,
      rows: perCall.map((r) => ({
        client: r.kind,
        concurrency: r.concurrency,
        requestsPerSecond: round(r.requestsPerSecond, 1),
        p50Ms: round(r.p50Ms, 3),
        p99Ms: round(r.p99Ms, 3),
        cpuMicrosPerRequest: round(r.cpuMicrosPerRequest, 1),
        connectionsPerMeasurement: r.connections,
        protocolProblems: r.protocolProblems,
        errors: r.errors,
        rounds: r.rounds.map((x) => ({ count: x.count, requestsPerSecond: round(x.requestsPerSecond, 1), p50Ms: round(x.p50Ms, 3), p99Ms: round(x.p99Ms, 3), cpuMicrosPerRequest: round(x.cpuMicrosPerRequest, 1) })),
      })),
    },
    cli: cli && { version: measuredJson(cli.version), nodeBare: measuredJson(cli.nodeBare), check: measuredJson(cli.check), openapiTypescript: measuredJson(cli.oatSmall) },
    generation: gen && {
      specs: { ours: measuredJson(gen.small), openapiTypescript: measuredJson(gen.oatSmall) },
      scale: scale && gen.scale && gen.oatScale && { operations: scale.operations, pathFiles: scale.pathFiles, source: scale.source, dropped: scale.corpus?.dropped ?? [], ours: measuredJson(gen.scale), openapiTypescript: measuredJson(gen.oatScale) },
    },
    notify: notify && { oursCpuMicros: notify.ours.map((x) => round(x, 1)), idealCpuMicros: notify.ideal.map((x) => round(x, 1)) },
    importer: importer && { pages: scale?.corpus?.pageCount, ours: measuredJson(importer.ours), openapiTypescript: measuredJson(importer.oat) },
    typecheck: typecheck && {
      ours: { ...timedJson(typecheck.ours), diagnostics: typecheck.ours.diagnostics },
      openapiFetch: { ...timedJson(typecheck.openapiFetch), diagnostics: typecheck.openapiFetch.diagnostics },
      floor: { ...timedJson(typecheck.floor), diagnostics: typecheck.floor.diagnostics },
    },
    importCost: importCost && {
      ours: roundAll(importCost.ours),
      plugin: roundAll(importCost.plugin),
      openapiFetch: roundAll(importCost.openapiFetch),
      bundle: importCost.bundle,
    },
    targets,
    profiles: profiles.map((p) => ({ target: p.target, totalMs: p.summary.totalMs, topFunctions: p.summary.topFunctions, topFiles: p.summary.topFiles })),
    tscTraces,
  };
  const resultsDir = join(repo, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, full ? 'latest.json' : 'partial.json.tmp');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${file}`);
}

function measuredJson(t: Measured): { medianMs: number; medianMiB: number; runsMs: number[]; runsMiB: number[] } {
  return { medianMs: round(t.medianMs, 1), medianMiB: round(t.medianMiB, 1), runsMs: t.runsMs.map((x) => round(x, 1)), runsMiB: t.runsMiB.map((x) => round(x, 1)) };
}

function timedJson(t: { runsMs: readonly number[]; medianMs: number }): { medianMs: number; runsMs: number[] } {
  return { medianMs: round(t.medianMs, 1), runsMs: t.runsMs.map((x) => round(x, 1)) };
}

function roundAll<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v, 2) : v])) as T;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
