/**
 * The published package: what the tarball holds, and that its entry points resolve with their types
 * from ESM and CommonJS apps (publint, @arethetypeswrong/cli — the checks npm users rely on).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packTarball, tarballFiles } from './pack';
import { REPO } from './strict-app';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'wxpay-pack-'));
let tarball = '';
let files: string[] = [];
beforeAll(() => {
  tarball = packTarball(dir);
  files = tarballFiles(tarball);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bin = (name: string): string => join(REPO, 'node_modules', '.bin', name);

test('the tarball holds the CLI, the entry points, the runtime templates, LICENSE and README', () => {
  for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/wxpay-gen.js', 'dist/bin/cli.js', 'dist/generator/index.js', 'dist/generator/index.d.ts',
    'dist/mock/index.js', 'dist/mock/index.d.ts', 'dist/importer/index.js', 'dist/importer/index.d.ts', 'templates/runtime/index.ts']) {
    expect(files).toContain(f);
  }
});

test('and nothing else: no example build, build info, tests, sources of the tools or bench code', () => {
  const unwanted = files.filter((f) => /^dist\/(example|tests|bench)\/|tsbuildinfo|\.test\.|^tests\/|^specs\/|^generated\/|^examples\/|^(generator|mock|bin|importer)\/.*\.ts$/.test(f));
  expect(unwanted).toEqual([]);
});

test('every file the README links to is in the tarball', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
  expect(links.length).toBeGreaterThan(0);
  expect(links.filter((l) => !files.includes(l.replace(/^\.\//, '')))).toEqual([]);
});

test('publint --strict finds nothing', async () => {
  const r = await run(bin('publint'), ['--strict', tarball], { timeout: 60_000 });
  expect(r.stdout).toMatch(/All good!/);
}, 60_000);

test('@arethetypeswrong/cli: every entry point resolves with types (node10, node16 from CJS and ESM, bundler)', async () => {
  const r = await run(bin('attw'), [tarball, '--format', 'json'], { timeout: 60_000 }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  const report = JSON.parse(r.stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
  expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './importer', './mock', './package.json']);
  expect(report.analysis.problems).toEqual([]);
}, 60_000);
