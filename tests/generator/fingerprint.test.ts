import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeIdentity } from '../../generator/fingerprint/code';
import { listFiles } from '../../generator/write';

/**
 * `--check` decides from hashes when nothing changed; it must never call a changed tree up to date.
 * A copy of the built package (dist/, templates/) generates a client into a scratch app; then every input
 * generation depends on — each spec file, each runtime template, each generator module a generation loads, the
 * options — and every output file is changed by one byte (at its start, middle and end), one at a time,
 * and the fast path must answer "differs" for each; unchanged, it must answer "up to date".
 */
const ROOT = resolve(__dirname, '..', '..');

interface Verdict { readonly target: string; readonly upToDate: boolean; readonly reason?: string }

/** Runs in a child process of the copied package: flips one byte of each target in turn and asks the fast path. */
const DRIVER = `
const { readFileSync, writeFileSync, rmSync, mkdirSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const [pkg, app, targetsJson] = process.argv.slice(1);
const { fastCheck } = require(join(pkg, 'dist/generator/fingerprint/check.js'));
const ask = (spec = 'specs/wechatpay.yaml') => fastCheck({ cwd: app, spec }, join(app, 'generated'));
const out = [];
const note = (target, v) => out.push({ target, upToDate: v.upToDate, reason: v.reason });
note('unchanged', ask());
for (const file of JSON.parse(targetsJson)) {
  const original = readFileSync(file);
  for (const at of [0, original.length >> 1, original.length - 1]) {
    const changed = Buffer.from(original);
    changed[at] ^= 0x01;
    writeFileSync(file, changed);
    note(file + '@' + at, ask());
  }
  writeFileSync(file, original);
}
note('unchanged again', ask());
// options: the same spec under another root name
writeFileSync(join(app, 'specs/other.yaml'), readFileSync(join(app, 'specs/wechatpay.yaml')));
note('option: another root spec', ask('specs/other.yaml'));
rmSync(join(app, 'specs/other.yaml'));
// options: the other import extension
note('option: .ts import extension', fastCheck({ cwd: app, spec: 'specs/wechatpay.yaml', importExtension: '.ts' }, join(app, 'generated')));
// files appearing and disappearing
for (const [label, file] of [['extra output', join(app, 'generated/extra.ts')], ['new runtime template', join(pkg, 'templates/runtime/extra.ts')]]) {
  writeFileSync(file, 'export {};\\n');
  note(label, ask());
  rmSync(file);
}
for (const [label, file] of [['missing output', join(app, 'generated/index.ts')], ['missing runtime template', join(pkg, 'templates/runtime/wire.ts')], ['missing spec file', join(app, 'specs/wechatpay.yaml')]]) {
  renameSync(file, file + '.away');
  note(label, ask());
  renameSync(file + '.away', file);
}
note('unchanged at the end', ask());
process.stdout.write(JSON.stringify(out));
`;

describe('--check fast path is exact', () => {
  let work: string;
  let pkg: string;
  let app: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'wxpay-gen-fingerprint-'));
    pkg = join(work, 'pkg');
    app = join(work, 'app');
    for (const part of ['dist', 'templates', 'bin', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    mkdirSync(app);
    cpSync(join(ROOT, 'specs'), join(app, 'specs'), { recursive: true });
    // generate, and list the package's modules the generation loaded
    const script = `require(${JSON.stringify(join(pkg, 'dist', 'bin', 'cli.js'))}).main([], { out() {}, err() {} }).then((code) => {
      if (code !== 0) process.exit(code);
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));
    });`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' })) as string[];
    generatorModules = [...loaded.filter((m) => m.startsWith(join(pkg, 'dist')) && !m.startsWith(join(pkg, 'dist', 'bin')))];
  });
  let generatorModules: string[];
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('notices a one-byte change of every input and every output, and files added or removed', () => {
    const inApp = (dir: string): string[] => listFiles(join(app, dir)).map((f) => join(app, dir, f));
    const templates = listFiles(join(pkg, 'templates', 'runtime')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(pkg, 'templates', 'runtime', f));
    const targets = [...inApp('specs'), ...templates, ...generatorModules, ...inApp('generated')];
    // inputs and outputs of every kind are among them (named by hand)
    expect(targets).toEqual(expect.arrayContaining([
      join(app, 'specs', 'wechatpay.yaml'), join(app, 'specs', 'paths', 'v3', 'facemch', 'users', '{face_sid}.yaml'), join(app, 'specs', 'webhooks', 'TRANSACTION.SUCCESS.yaml'),
      join(pkg, 'templates', 'runtime', 'request.ts'), join(pkg, 'templates', 'runtime', 'crypto.ts'),
      join(pkg, 'dist', 'generator', 'emit', 'schema.js'), join(pkg, 'dist', 'generator', 'model', 'schema.js'),
      join(app, 'generated', 'schema.gen.d.ts'), join(app, 'generated', 'operations.gen.ts'), join(app, 'generated', 'runtime', 'request.ts'),
    ]));
    const run = execFileSync(process.execPath, ['-e', DRIVER, pkg, app, JSON.stringify(targets)], { encoding: 'utf8' });
    const verdicts = JSON.parse(run) as Verdict[];
    // each target was changed at three places, and each change was noticed
    for (const file of targets) expect({ file, verdicts: verdicts.filter((v) => v.target.startsWith(`${file}@`)).map((v) => v.upToDate) }).toEqual({ file, verdicts: [false, false, false] });
    expect(verdicts.filter((v) => !v.target.includes('@')).map((v) => [v.target, v.upToDate])).toEqual([
      ['unchanged', true], ['unchanged again', true], ['option: another root spec', false], ['option: .ts import extension', false], ['extra output', false], ['new runtime template', false],
      ['missing output', false], ['missing runtime template', false], ['missing spec file', false], ['unchanged at the end', true],
    ]);
  });

  it('the generator modules are the ones generation loads', () => {
    const names = generatorModules.map((m) => m.slice(join(pkg, 'dist').length + 1));
    expect(names).toEqual(expect.arrayContaining(['generator/generate.js', 'generator/pipeline.js', 'generator/fingerprint/check.js', 'generator/emit/schema.js', 'generator/emit/schema-print.js', 'generator/emit/client.js', 'generator/emit/print.js', 'generator/load/yaml-file.js', 'generator/model/operation.js', 'generator/write/index.js', 'templates/runtime/serial.js']));
  });
});

describe('codeIdentity', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-code-'));
    mkdirSync(join(dir, 'src', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'fakepkg'), { recursive: true });
    writeFileSync(join(dir, 'src', 'a.js'), "const b = require('./sub/b');\nconst p = require('fakepkg');\n");
    writeFileSync(join(dir, 'src', 'sub', 'b.js'), "exports.b = import('../c');\n");
    writeFileSync(join(dir, 'src', 'c.js'), 'exports.c = 1;\n');
    writeFileSync(join(dir, 'src', 'unrelated.js'), 'exports.u = 1;\n');
    writeFileSync(join(dir, 'node_modules', 'fakepkg', 'package.json'), JSON.stringify({ name: 'fakepkg', version: '1.0.0', main: 'index.js' }));
    writeFileSync(join(dir, 'node_modules', 'fakepkg', 'index.js'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const id = (): string => codeIdentity([join(dir, 'src', 'a.js')]);

  it('follows relative imports (require, import(), from) and package versions, and ignores unreached files', () => {
    const before = id();
    writeFileSync(join(dir, 'src', 'unrelated.js'), 'exports.u = 2;\n');
    expect(id()).toBe(before);
    writeFileSync(join(dir, 'src', 'c.js'), 'exports.c = 2;\n');
    const afterC = id();
    expect(afterC).not.toBe(before);
    writeFileSync(join(dir, 'node_modules', 'fakepkg', 'package.json'), JSON.stringify({ name: 'fakepkg', version: '1.0.1', main: 'index.js' }));
    expect(id()).not.toBe(afterC);
  });

  it('reads .ts sources the same way, extensionless and via index files', () => {
    writeFileSync(join(dir, 'src', 'x.ts'), "import { y } from './sub';\n");
    writeFileSync(join(dir, 'src', 'sub', 'index.ts'), 'export const y = 1;\n');
    const before = codeIdentity([join(dir, 'src', 'x.ts')]);
    writeFileSync(join(dir, 'src', 'sub', 'index.ts'), 'export const y = 2;\n');
    expect(codeIdentity([join(dir, 'src', 'x.ts')])).not.toBe(before);
    expect(readFileSync(join(dir, 'src', 'x.ts'), 'utf8')).toContain('./sub');
  });
});
