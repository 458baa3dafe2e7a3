/** `wxpay-gen init` in an empty app, in an app with src/, and run twice; a bare `wxpay-gen` before it. */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDirs } from './cli-support';

const temp = tempDirs('wxpay-init-');

test('in a folder with no config and no spec, every command says to run init', async () => {
  const dir = temp();
  for (const argv of [[], ['--check'], ['mock']]) {
    const r = await cli(dir, argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no wxpay-gen.config.json here and no specs\/wechatpay.yaml[^\n]*\n\s+start with:\s+npx wxpay-gen init/);
  }
});

test('writes config, root spec and .gitattributes, prints the next commands; the result generates', async () => {
  const dir = temp();
  writeFileSync(join(dir, 'package.json'), '{}');
  mkdirSync(join(dir, 'src'));
  const r = await cli(dir, ['init']);
  expect(r.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8'))).toEqual({ spec: 'specs/wechatpay.yaml', out: 'src/generated' });
  expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toBe('src/generated/** text eol=lf\n');
  expect(readFileSync(join(dir, 'specs', 'wechatpay.yaml'), 'utf8')).toMatch(/^openapi: 3\.1\.0\n[\s\S]*paths: \{\}/);
  expect(r.out).toMatch(/next:\n\s+npx wxpay-gen import --from/);
  expect(r.out).toContain("import { createClient } from './generated/index.js'");
  const g = await cli(dir, []);
  expect(g.code).toBe(0);
  expect(g.out).toMatch(/generated src\/generated\/ from specs\/wechatpay.yaml \(0 operations/);
  expect(statSync(join(dir, 'src', 'generated')).mode & 0o777).toBe(0o777 & ~process.umask());
}, 60_000);

test('never overwrites: a second run keeps everything; an existing .gitattributes gets one line', async () => {
  const dir = temp();
  writeFileSync(join(dir, '.gitattributes'), '*.png binary');
  const first = await cli(dir, ['init', '--from', '../docs', '--only', 'v3/refund/**', 'TRANSACTION.*']);
  expect(first.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8'))).toEqual({ spec: 'specs/wechatpay.yaml', out: 'generated', import: { from: '../docs', only: ['v3/refund/**', 'TRANSACTION.*'] } });
  expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).toBe('*.png binary\ngenerated/** text eol=lf\n');
  writeFileSync(join(dir, 'specs', 'wechatpay.yaml'), 'mine');
  const second = await cli(dir, ['init', '--out', 'elsewhere']);
  expect(second.code).toBe(0);
  expect(second.out).toContain('kept     wxpay-gen.config.json, specs/wechatpay.yaml, .gitattributes');
  expect(readFileSync(join(dir, 'specs', 'wechatpay.yaml'), 'utf8')).toBe('mine');
  expect(JSON.parse(readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8')).out).toBe('generated');
  expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
});

test('--check passes on a CRLF checkout of generated files', async () => {
  const dir = temp();
  await cli(dir, ['init']);
  expect((await cli(dir, [])).code).toBe(0);
  const f = join(dir, 'generated', 'index.ts');
  writeFileSync(f, readFileSync(f, 'utf8').replace(/\n/g, '\r\n'));
  const r = await cli(dir, ['--check']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}, 60_000);
