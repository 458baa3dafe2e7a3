#!/usr/bin/env node
'use strict';
/**
 * `npm run bench` entry: bundles bench/main.ts (TypeScript) with esbuild into a temp folder and
 * runs it there; every artefact of the run (keys, generated clients, bundles, tsc projects,
 * profiles) lives in that folder, removed at the end unless `--keep` is given. Arguments are
 * passed through (see bench/README.md).
 */
const { buildSync } = require('esbuild');
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { delimiter, join, resolve } = require('node:path');

const repo = resolve(__dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'wxpay-bench-'));
let status = 1;
try {
  buildSync({
    entryPoints: [join(__dirname, 'main.ts')],
    outfile: join(tmp, 'bin', 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  const nodePath = [join(repo, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(delimiter);
  const env = { ...process.env, NODE_PATH: nodePath, WXPAY_BENCH_REPO: repo, WXPAY_BENCH_TMP: tmp };
  const r = spawnSync(process.execPath, ['--enable-source-maps', join(tmp, 'bin', 'main.js'), ...process.argv.slice(2)], { stdio: 'inherit', env });
  status = r.status ?? 1;
} finally {
  if (process.argv.includes('--keep')) process.stderr.write(`bench artefacts kept in ${tmp}\n`);
  else rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
