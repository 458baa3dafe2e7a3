/** wxpay-gen.config.json: validation with did-you-mean, discovery, and flags over config over defaults. */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { didYouMean, editDistance, findConfig, validateConfig, ConfigError } from '../../config';
import { generate } from '../../generator';
import { cli, tempDirs } from './cli-support';
import { REPO } from './strict-app';

const temp = tempDirs('wxpay-config-');

describe('validateConfig', () => {
  test('a full config is valid', () => {
    expect(validateConfig({ $schema: 'x', spec: 'specs/wechatpay.yaml', out: 'src/generated', importExtension: '.ts', import: { from: '../docs', ref: 'main', only: ['v3/refund/**'], strict: true, commit: 'abc', files: { 'specs/paths/a.yaml': 'abc' } }, mock: { port: 8080, host: '127.0.0.1', keys: '.keys', fault: 'slow=10' } })).toEqual([]);
  });
  test('unknown keys are errors with a did-you-mean, at any level', () => {
    expect(validateConfig({ spce: 'a', import: { onyl: ['x'] }, mock: { prot: 1 }, zzzzzzzz: 1 })).toEqual([
      { key: 'spce', message: 'unknown key; did you mean "spec"? (known keys: $schema, spec, out, importExtension, import, mock)' },
      { key: 'zzzzzzzz', message: 'unknown key (known keys: $schema, spec, out, importExtension, import, mock)' },
      { key: 'import.onyl', message: 'unknown key; did you mean "import.only"? ("import" takes from, ref, only, strict, commit, files)' },
      { key: 'mock.prot', message: 'unknown key; did you mean "mock.port"? ("mock" takes port, host, keys, fault)' },
    ]);
  });
  test('wrong types name the key, what it takes and what it got', () => {
    expect(validateConfig({ out: 3, importExtension: 'ts', import: { only: 'v3/**' }, mock: { port: 70000 } })).toEqual([
      { key: 'out', message: 'must be a non-empty string; got 3' },
      { key: 'importExtension', message: 'must be ".js" (imports for tsc under NodeNext/Node16, the default) or ".ts" (for Node\'s type stripping, Deno, Bun); got "ts"' },
      { key: 'import.only', message: 'must be a list of strings, e.g. ["v3/refund/**"]; got "v3/**"' },
      { key: 'mock.port', message: 'must be a whole number from 0 (any free port) to 65535; got 70000' },
    ]);
    expect(validateConfig([])[0]?.message).toMatch(/must be a JSON object/);
  });
  test('did-you-mean: close words only', () => {
    expect(editDistance('otu', 'out')).toBe(1);
    expect(didYouMean('Spec', ['spec', 'out'])).toBe('spec');
    expect(didYouMean('generator', ['spec', 'out'])).toBeUndefined();
  });
});

describe('finding the config', () => {
  test('from a subfolder up to the app root; none: defaults, relative to where we are', () => {
    const app = temp();
    writeFileSync(join(app, 'package.json'), '{}');
    mkdirSync(join(app, 'src', 'deep'), { recursive: true });
    expect(findConfig(join(app, 'src', 'deep'))).toEqual({ file: undefined, dir: join(app, 'src', 'deep'), config: {} });
    writeFileSync(join(app, 'wxpay-gen.config.json'), '{ "out": "src/generated" }');
    expect(findConfig(join(app, 'src', 'deep'))).toEqual({ file: join(app, 'wxpay-gen.config.json'), dir: app, config: { out: 'src/generated' } });
  });
  test('broken JSON and unknown keys throw ConfigError naming the file', () => {
    const app = temp();
    writeFileSync(join(app, 'wxpay-gen.config.json'), '{ "out": ');
    expect(() => findConfig(app)).toThrow(ConfigError);
    expect(() => findConfig(app)).toThrow(/not valid JSON.*npx wxpay-gen init/);
  });
});

describe('commands read it; flags override it', () => {
  function app(config: object): string {
    const dir = temp();
    writeFileSync(join(dir, 'package.json'), '{}');
    cpSync(join(REPO, 'specs'), join(dir, 'api'), { recursive: true });
    writeFileSync(join(dir, 'wxpay-gen.config.json'), JSON.stringify(config));
    return dir;
  }
  test('generate and --check use spec and out of the config', async () => {
    const dir = app({ spec: 'api/wechatpay.yaml', out: 'lib/wxpay' });
    const r = await cli(dir, []);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^wxpay-gen: generated lib\/wxpay\/ from api\/wechatpay.yaml \(4 operations/);
    expect((await cli(dir, ['--check'])).code).toBe(0);
    expect((await cli(join(dir, 'lib'), ['--check'])).out).toMatch(/lib\/wxpay\/ is up to date with api\/wechatpay.yaml/);
    const flagged = await cli(dir, ['--out', 'other']);
    expect(flagged.out).toMatch(/generated other\/ from api\/wechatpay.yaml/);
  }, 60_000);
  test('the library reads it too', async () => {
    const dir = app({ spec: 'api/wechatpay.yaml', out: 'lib/wxpay' });
    const r = await generate({ cwd: dir, check: true });
    expect(r.upToDate).toBe(false);
    expect(r.check?.missing.length).toBeGreaterThan(0);
  }, 60_000);
  test('a config with an unknown key stops every command with the did-you-mean', async () => {
    const dir = app({ spec: 'api/wechatpay.yaml', otu: 'x' });
    for (const argv of [[], ['--check'], ['mock'], ['import']]) {
      const r = await cli(dir, argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/wxpay-gen.config.json: "otu": unknown key; did you mean "out"\?/);
    }
  }, 60_000);
});
