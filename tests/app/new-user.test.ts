/**
 * Done means: what a new user does, end to end, from the packed tarball. A fresh app in a temp folder
 * (ESM, and separately CommonJS): install the tarball (its dependencies from npm's cache, else the
 * registry), init, import --from a file:// URL of the docs bundle with --only, generate, tsc with the
 * strictest settings, a call against the mock from `wxpay-gen/mock` and a notification through the
 * client's handler; then (ESM) --check clean / after a spec edit / after a generated-file edit, and a
 * re-import with an overlay in place. Every step's time is printed at the end.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DOCS_BUNDLE } from './docs';
import { APP_SOURCE } from './new-user-app';
import { packTarball } from './pack';
import { strictTsconfig, type ModuleKind } from './strict-app';

const exec = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'wxpay-new-user-'));
const figures: string[] = [];
let tarball = '';

beforeAll(() => {
  const t = Date.now();
  tarball = packTarball(root);
  figures.push(`npm pack ${Date.now() - t} ms`);
}, 120_000);
afterAll(() => {
  process.stdout.write(`new-user figures: ${figures.join('; ')}\n`);
  rmSync(root, { recursive: true, force: true });
});

interface Run { code: number; out: string; err: string }
async function step(kind: string, name: string, file: string, args: readonly string[], cwd: string): Promise<Run> {
  const t = Date.now();
  try {
    const r = await exec(file, [...args], { cwd, timeout: 240_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, out: x.stdout ?? '', err: x.stderr ?? '' };
  } finally {
    figures.push(`${kind} ${name} ${Date.now() - t} ms`);
  }
}

const ONLY = ['v3/pay/transactions/**', 'v3/refund/**', 'TRANSACTION.*'];

describe.each(['esm', 'cjs'] as const)('a new %s app', (kind: ModuleKind) => {
  const app = join(root, `${kind}-app`);
  const wxgen = (args: readonly string[]): Promise<Run> => step(kind, args[0] ?? 'generate', process.execPath, [join(app, 'node_modules', 'wxpay-gen', 'bin', 'wxpay-gen.js'), ...args], app);
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');

  test('install, init, import --from the docs bundle, generate, strictest tsc, a call and a notification', async () => {
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: `new-${kind}-app`, version: '1.0.0', private: true, type: kind === 'esm' ? 'module' : 'commonjs' }, null, 2)}\n`);
    writeFileSync(join(app, 'tsconfig.json'), `${JSON.stringify(strictTsconfig(kind, ['src']), null, 2)}\n`);
    const install = await step(kind, 'npm install', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', tarball, 'typescript@5.9.3', '@types/node@^20.19.0', '@tsconfig/strictest@^2.0.8'], app);
    expect(install.err).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);

    const bare = await wxgen([]);
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/start with:\s+npx wxpay-gen init/);

    const init = await wxgen(['init']);
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/next:\n\s+npx wxpay-gen import --from/);
    expect(JSON.parse(readFileSync(join(app, 'wxpay-gen.config.json'), 'utf8'))).toEqual({ spec: 'specs/wechatpay.yaml', out: 'src/generated' });

    const imported = await wxgen(['import', '--from', pathToFileURL(DOCS_BUNDLE).href, '--only', ...ONLY]);
    expect(imported.err).not.toMatch(/error/);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/imported 20 pages \(20 operations\)/); // 15 API pages + 5 TRANSACTION.* notifications
    expect(imported.out).toMatch(/next: npx wxpay-gen/);

    const generated = await wxgen([]);
    expect(generated.code).toBe(0);
    expect(generated.out).toMatch(/generated src\/generated\/ from specs\/wechatpay.yaml \(15 operations/);

    writeFileSync(join(app, 'src', 'app.ts'), APP_SOURCE);
    const compiled = await step(kind, 'tsc', process.execPath, [tsc, '-p', '.'], app);
    expect(compiled.out + compiled.err).toBe('');
    expect(compiled.code).toBe(0);

    const ran = await step(kind, 'call + notification', process.execPath, [join(app, 'dist', 'app.js')], app);
    expect(ran.err).toBe('');
    expect(JSON.parse(ran.out)).toEqual({ status: 200, tradeState: expect.any(String), received: 1, delivered: true, eventType: 'TRANSACTION.SUCCESS', outTradeNo: '1217752501201407033233368018' });
  }, 600_000);

  if (kind === 'cjs') return;

  test('--check: clean, after a spec edit, after a generated-file edit (each says what to do next)', async () => {
    expect((await wxgen(['--check'])).code).toBe(0);
    const spec = join(app, 'specs', 'paths', 'v3', 'refund', 'domestic', 'refunds.yaml');
    const specText = readFileSync(spec, 'utf8');
    writeFileSync(spec, specText.replace('summary: ', 'summary: (edited) '));
    const afterSpec = await wxgen(['--check']);
    expect(afterSpec.code).toBe(3);
    expect(afterSpec.err).toMatch(/spec changed {2}specs\/paths\/v3\/refund\/domestic\/refunds.yaml/);
    expect(afterSpec.err).toMatch(/run `npx wxpay-gen` and commit the result/);
    writeFileSync(spec, specText);
    expect((await wxgen(['--check'])).code).toBe(0);
    const out = join(app, 'src', 'generated', 'index.ts');
    const outText = readFileSync(out, 'utf8');
    writeFileSync(out, `${outText}// edited\n`);
    const afterOut = await wxgen(['--check']);
    expect(afterOut.code).toBe(3);
    expect(afterOut.err).toMatch(/stale {9}src\/generated\/index.ts/);
    expect(afterOut.err).toMatch(/run `npx wxpay-gen`/);
    writeFileSync(out, outText);
    expect((await wxgen(['--check'])).code).toBe(0);
  }, 300_000);

  test('a re-import with an overlay in place keeps the fix; the client has it', async () => {
    const overlay = join(app, 'specs', 'overrides', 'paths', 'v3', 'refund', 'domestic', 'refunds.yaml');
    mkdirSync(join(overlay, '..'), { recursive: true });
    writeFileSync(overlay, "post:\n  summary: '退款申请 (our note: amounts in fen)'\n");
    const text = readFileSync(overlay, 'utf8');
    const again = await wxgen(['import']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/20 unchanged/);
    expect(readFileSync(overlay, 'utf8')).toBe(text);
    expect((await wxgen(['--check'])).code).toBe(3);
    expect((await wxgen([])).code).toBe(0);
    expect(readFileSync(join(app, 'src', 'generated', 'types.gen.d.ts'), 'utf8')).toContain('our note: amounts in fen');
    expect((await wxgen(['--check'])).code).toBe(0);
    expect(existsSync(overlay)).toBe(true);
  }, 300_000);
});
