import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main, type CliIO } from '../../bin/cli';

const ROOT = resolve(__dirname, '..', '..');

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

describe('wxpay-gen CLI', () => {
  let dir: string;
  const cwd = process.cwd();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-cli-'));
    cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--help teaches the commands, examples and exit codes', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/generate \[options\]/);
    const sub = capture();
    expect(await main(['generate', '--help'], sub)).toBe(0);
    const text = sub.stdout.join('\n');
    expect(text).toContain('--check');
    expect(text).toContain('npx wxpay-gen --check');
    expect(text).toMatch(/3\s+--check: the output folder is out of date/);
  });

  it('--version prints the package version', async () => {
    const io = capture();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout).toEqual([(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version]);
  });

  it('a usage error exits 2', async () => {
    const io = capture();
    expect(await main(['--frobnicate'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown option '--frobnicate'/);
  });

  it('generates, reports counts, and --check passes then fails (exit 3) naming the changed spec and stale files', async () => {
    const io = capture();
    expect(await main([], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^wxpay-gen: generated generated\/ from specs\/wechatpay\.yaml \(4 operations, 4 notifications, 8 encrypted fields, \d+ files\) in \d+ ms$/);
    expect(await main(['--check'], capture())).toBe(0);

    const file = 'specs/paths/v3/facemch/users/{face_sid}.yaml';
    writeFileSync(file, readFileSync(file, 'utf8').replace('description: 姓名信息', 'description: 姓名信息（已加密）'));
    const check = capture();
    expect(await main(['--check'], check)).toBe(3);
    const err = check.stderr.join('\n');
    expect(err).toContain(`spec changed  ${file}`);
    expect(err).toContain('stale         generated/schema.gen.d.ts');
    expect(err).toContain('stale         generated/sources.gen.ts');
    expect(err).not.toContain('specs/wechatpay.yaml\n');
  });

  it('--check names missing and extra files', async () => {
    expect(await main([], capture())).toBe(0);
    rmSync('generated/operations.gen.ts');
    writeFileSync('generated/notes.ts', '// mine\n');
    const io = capture();
    expect(await main(['--check'], io)).toBe(3);
    expect(io.stderr.join('\n')).toContain('missing       generated/operations.gen.ts');
    expect(io.stderr.join('\n')).toContain('extra         generated/notes.ts');
  });

  it('spec errors exit 1 and print every problem as file:line:col  pointer  message', async () => {
    const file = 'specs/paths/v3/facemch/users/{face_sid}.yaml';
    writeFileSync(file, readFileSync(file, 'utf8').replace('type: integer', 'type: int').replace('x-encrypted: rsa', 'x-encrypted: sm2'));
    const io = capture();
    expect(await main([], io)).toBe(1);
    expect(io.stderr).toEqual([
      expect.stringMatching(/^specs\/paths\/v3\/facemch\/users\/\{face_sid\}\.yaml:\d+:\d+ {2}\/get\/responses\/200\/content\/application~1json\/schema\/properties\/real_name_info\/properties\/encrypted_real_name\/x-encrypted {2}unknown x-encrypted value "sm2"/),
      expect.stringMatching(/\.yaml:\d+:\d+ {2}\S+\/credential_type\/type {2}unknown type "int"/),
      'wxpay-gen: 2 problems in the spec; nothing was written',
    ]);
  });

  it('refuses to replace an output folder it did not make (exit 2)', async () => {
    mkdirSync('src');
    writeFileSync('src/app.ts', 'export {};\n');
    const io = capture();
    expect(await main(['--out', 'src'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/refusing to replace .*src: it is not empty and was not made by wxpay-gen/);
    expect(readFileSync('src/app.ts', 'utf8')).toBe('export {};\n');
  });

  it('the installed bin runs as a plain Node program and exits with the documented code', () => {
    const bin = join(ROOT, 'bin', 'wxpay-gen.js');
    execFileSync(process.execPath, [bin], { cwd: dir });
    const file = join(dir, 'specs/paths/v3/edu-papay/user/{openid}/contracts.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('description: 分页大小', 'description: 每页条数'));
    const run = spawnSync(process.execPath, [bin, '--check'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('spec changed  specs/paths/v3/edu-papay/user/{openid}/contracts.yaml');
  });
});
