/**
 * Done means: what a new user does, end to end, from the packed tarball. A fresh app in a temp folder
 * (ESM, and separately CommonJS): install the tarball (its dependencies from npm's cache, else the
 * registry), init, import --from a file:// URL of the docs bundle with --only, generate, tsc with the
 * strictest settings, a call against the mock from `wxpay-gen/mock` and a notification through the
 * client's handler; then (ESM) --check clean / after a spec edit / after a generated-file edit, and a
 * re-import with an overlay in place, the mock (`wxpay-gen mock`) and a notification (`wxpay-gen notify`) to the
 * app's own handler. The messages met on the way are held to hand-written text: each ends with what to do
 * next. Every step's time is printed at the end.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DOCS_BUNDLE } from './docs';
import { APP_SOURCE, SERVE_SOURCE } from './new-user-app';
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
    expect(bare.err).toBe([
      'wxpay-gen: no wxpay-gen.config.json here and no specs/wechatpay.yaml — this app is not set up yet.',
      '  start with:  npx wxpay-gen init        (writes wxpay-gen.config.json and an empty spec; overwrites nothing)',
      '  then:        npx wxpay-gen import --from <docs folder or git URL> --only "v3/pay/transactions/**"',
      '',
    ].join('\n'));

    const init = await wxgen(['init']);
    expect(init.code).toBe(0);
    expect(init.out).toBe([
      '  created  wxpay-gen.config.json  (spec specs/wechatpay.yaml, out src/generated)',
      '  created  specs/wechatpay.yaml  (a root spec with no paths yet; import adds them)',
      '  created  .gitattributes  (src/generated/** text eol=lf)',
      '',
      'next:',
      '  npx wxpay-gen import --from <docs folder or git URL> --only "v3/pay/transactions/**"   doc pages -> specs/paths/ (remembered in wxpay-gen.config.json)',
      '  npx wxpay-gen                     generate the client into src/generated/, then commit it',
      "  in your code: import { createClient } from './generated/index.js'   (from a file in src/)",
      '  npx wxpay-gen mock                a WeChat Pay simulator on 127.0.0.1 to try the client against',
      '  npx wxpay-gen --check             in CI: exit 3 when the client is out of date',
      '',
    ].join('\n'));
    expect(JSON.parse(readFileSync(join(app, 'wxpay-gen.config.json'), 'utf8'))).toEqual({ spec: 'specs/wechatpay.yaml', out: 'src/generated' });

    const imported = await wxgen(['import', '--from', pathToFileURL(DOCS_BUNDLE).href, '--only', ...ONLY]);
    expect(imported.err).not.toMatch(/error/);
    expect(imported.code).toBe(0);
    // 15 API pages and 5 TRANSACTION.* notification pages
    expect(lastLines(imported.out, 2)).toEqual([
      'wxpay-gen: imported 20 pages (15 operations, 5 notifications) into specs/: 20 created; root specs/wechatpay.yaml updated (+15 paths, +5 notifications); 3 warnings, 0 errors',
      'next: npx wxpay-gen   (generates src/generated/ from specs/wechatpay.yaml; then commit both)',
    ]);
    // TRANSACTION.SUCCESS lists the fields of 8 scenarios in one table, partner-only ones marked required: the
    // import says so, and the user corrects the required marks in an overlay, as the warning says
    expect(imported.err).toMatch(/TRANSACTION\.SUCCESS\.md:\d+: warning: the page describes 8 scenarios below its table .* correct them in an overlay/);
    const fix = join(app, 'specs', 'overrides', 'webhooks', 'TRANSACTION.SUCCESS.yaml');
    mkdirSync(join(fix, '..'), { recursive: true });
    writeFileSync(fix, 'post:\n  requestBody:\n    content:\n      application/json:\n        schema:\n          properties:\n            resource:\n              properties:\n                ciphertext:\n                  contentSchema:\n                    required: [transaction_id, success_time, appid, out_trade_no, trade_state, amount]\n');

    const generated = await wxgen([]);
    expect(generated.code).toBe(0);
    const [made, next] = lastLines(generated.out, 2);
    expect(made).toMatch(/^wxpay-gen: generated src\/generated\/ from specs\/wechatpay.yaml \(15 operations, 5 notifications, 10 encrypted fields, 46 files\) in \d+ ms$/);
    expect(next).toBe('next: commit src/generated/ with the specs; in CI run `npx wxpay-gen --check`; try the client against `npx wxpay-gen mock`');

    writeFileSync(join(app, 'src', 'app.ts'), APP_SOURCE);
    writeFileSync(join(app, 'src', 'serve.ts'), SERVE_SOURCE);
    const compiled = await step(kind, 'tsc', process.execPath, [tsc, '-p', '.'], app);
    expect(compiled.out + compiled.err).toBe('');
    expect(compiled.code).toBe(0);

    const ran = await step(kind, 'call + notification', process.execPath, [join(app, 'dist', 'app.js')], app);
    expect(ran.err).toBe('');
    expect(JSON.parse(ran.out)).toEqual({ status: 200, tradeState: expect.any(String), received: 1, delivered: true, eventType: 'TRANSACTION.SUCCESS', outTradeNo: '1217752501201407033233368018' });
  }, 600_000);

  if (kind === 'cjs') return;

  test('--check: clean, after a spec edit, after a generated-file edit (each says what to do next)', async () => {
    const clean = await wxgen(['--check']);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/^wxpay-gen: src\/generated\/ is up to date with specs\/wechatpay.yaml \(15 operations, 10 encrypted fields\) — checked in \d+ ms; nothing to do\n$/);
    const spec = join(app, 'specs', 'paths', 'v3', 'refund', 'domestic', 'refunds.yaml');
    const specText = readFileSync(spec, 'utf8');
    writeFileSync(spec, specText.replace('summary: ', 'summary: (edited) '));
    const afterSpec = await wxgen(['--check']);
    expect(afterSpec.code).toBe(3);
    expect(afterSpec.err).toBe([
      'wxpay-gen: src/generated/ is out of date with specs/wechatpay.yaml:',
      '  spec changed  specs/paths/v3/refund/domestic/refunds.yaml',
      '  stale         src/generated/schema.gen.d.ts',
      '  stale         src/generated/sources.gen.ts',
      '  stale         src/generated/types.gen.d.ts',
      'the specs changed since the last generation: run `npx wxpay-gen` and commit the result',
      '',
    ].join('\n'));
    writeFileSync(spec, specText);
    expect((await wxgen(['--check'])).code).toBe(0);
    const out = join(app, 'src', 'generated', 'index.ts');
    const outText = readFileSync(out, 'utf8');
    writeFileSync(out, `${outText}// edited\n`);
    const afterOut = await wxgen(['--check']);
    expect(afterOut.code).toBe(3);
    expect(afterOut.err).toBe([
      'wxpay-gen: src/generated/ is out of date with specs/wechatpay.yaml:',
      '  stale         src/generated/index.ts',
      'no spec changed: a generated file was edited by hand, or wxpay-gen itself changed (an upgrade, another import extension).',
      'run `npx wxpay-gen` to put src/generated/ back and commit the result; generated files are overwritten, so change the client through the specs or an overlay (specs/overrides/<same path>.yaml)',
      '',
    ].join('\n'));
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
    expect(lastLines(again.out, 2)).toEqual([
      'wxpay-gen: imported 20 pages (15 operations, 5 notifications) into specs/: 20 unchanged; root specs/wechatpay.yaml unchanged; 3 warnings, 0 errors',
      'next: nothing changed in the specs; `npx wxpay-gen --check` says whether src/generated/ is current (after an overlay edit: npx wxpay-gen)',
    ]);
    expect(readFileSync(overlay, 'utf8')).toBe(text);
    expect((await wxgen(['--check'])).code).toBe(3);
    expect((await wxgen([])).code).toBe(0);
    expect(readFileSync(join(app, 'src', 'generated', 'types.gen.d.ts'), 'utf8')).toContain('our note: amounts in fen');
    expect((await wxgen(['--check'])).code).toBe(0);
    expect(existsSync(overlay)).toBe(true);
  }, 300_000);

  test('the mock prints how to talk to it and how to notify; notify reaches the app\'s handler and says what next', async () => {
    const banner = await mockBanner(app, join(app, 'node_modules', 'wxpay-gen', 'bin', 'wxpay-gen.js'));
    expect(banner).toContain("    certs: { '");
    expect(banner).toContain('send your notify_url a notification: npx wxpay-gen notify <notify_url> --event TRANSACTION.SUCCESS --keys ".mock-keys"');
    expect(banner.trimEnd().split('\n').pop()).toMatch(/^wxpay-gen mock: stopped \(SIGINT\) after 0 requests$/);
    const server = await serveApp(app);
    try {
      const ok = await wxgen(['notify', server.url, '--event', 'TRANSACTION.SUCCESS', '--keys', '.mock-keys']);
      expect(ok.code).toBe(0);
      const lines = ok.out.trimEnd().split('\n');
      expect(lines[1]).toBe('  attempt 1: 204  [success]');
      expect(lines[2]).toMatch(/^wxpay-gen notify: id [0-9a-f-]{36}: delivered$/);
      expect(lines[3]).toBe('next: check that forgeries are refused: the same command with --fault tampered-signature (the handler must answer FAIL)');
      const forged = await wxgen(['notify', server.url, '--event', 'TRANSACTION.SUCCESS', '--keys', '.mock-keys', '--fault', 'tampered-signature']);
      expect(forged.code).toBe(4);
      const flines = forged.out.trimEnd().split('\n');
      expect(flines[1]).toMatch(/^ {2}attempt 1: 401 \{"code":"FAIL","message":".+"\} {2}\[documented failure answer\]$/);
      expect(flines[2]).toMatch(/^wxpay-gen notify: id [0-9a-f-]{36}: not delivered after 1 attempt$/);
      expect(flines[3]).toBe('your handler refused the forged notification (--fault tampered-signature), as it must');
      expect(server.received()).toEqual([{ event: 'TRANSACTION.SUCCESS', id: expect.any(String) }]);
    } finally {
      server.stop();
    }
  }, 120_000);
});

/** The last `n` lines of an output. */
function lastLines(out: string, n: number): string[] {
  return out.trimEnd().split('\n').slice(-n);
}

/** `wxpay-gen mock --keys .mock-keys` until its banner's last line, then Ctrl-C (SIGINT); everything it printed. */
function mockBanner(cwd: string, bin: string): Promise<string> {
  const t = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, 'mock', '--keys', '.mock-keys'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error('wxpay-gen mock: no banner within 60 s')); }, 60_000);
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Ctrl-C stops\n')) child.kill('SIGINT');
    });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    child.on('close', () => { clearTimeout(timer); figures.push(`esm mock ${Date.now() - t} ms`); done(out); });
  });
}

/** The app's compiled dist/serve.js: its URL, what its callback received, and a stop. */
function serveApp(cwd: string): Promise<{ url: string; received: () => unknown[]; stop: () => void }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(cwd, 'dist', 'serve.js')], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error('dist/serve.js: no URL within 30 s')); }, 30_000);
    const lines: string[] = [];
    let buffer = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('close', (code) => { clearTimeout(timer); if (lines.length === 0) fail(new Error(`dist/serve.js exited ${code}: ${err}`)); });
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString();
      let at: number;
      while ((at = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, at));
        buffer = buffer.slice(at + 1);
        if (lines.length === 1) {
          clearTimeout(timer);
          done({ url: lines[0] ?? '', received: () => lines.slice(1).map((l) => JSON.parse(l) as unknown), stop: () => child.kill('SIGKILL') });
        }
      }
    });
  });
}
