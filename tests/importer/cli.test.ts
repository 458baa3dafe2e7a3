import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CliIO } from '../../bin/cli';
import { copyPages, REPO, tempDir } from './support';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const FACE = 'openapi/v3/facemch/users/{face_sid}.md';
const WARN_PAGE = join(REPO, 'tests', 'fixtures', 'import', 'pages', 'openapi', 'v3', 'fixture', 'warnings', '{warning_id}.md');

describe('wxpay-gen import', () => {
  let dir: string;
  const cwd = process.cwd();
  beforeEach(() => {
    dir = tempDir('import-cli');
    copyPages(dir, [FACE, 'openapi/v3/transfer/bill-receipt.md']);
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--help documents the options and exit codes', async () => {
    const io = capture();
    expect(await main(['import', '--help'], io)).toBe(0);
    const text = io.stdout.join('\n');
    for (const flag of ['--out <dir>', '--root <root.yaml>', '--strict', '--force']) expect(text).toContain(flag);
    expect(text).toMatch(/1\s+a page could not be imported/);
  });

  it('imports pages and folders: exit 0, one line per written file and a summary', async () => {
    const io = capture();
    expect(await main(['import', 'openapi'], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout).toEqual([
      '  created     specs/paths/v3/facemch/users/{face_sid}.yaml  (GET /v3/facemch/users/{face_sid})',
      '  created     specs/paths/v3/transfer/bill-receipt.yaml  (POST /v3/transfer/bill-receipt)',
      'wxpay-gen: imported 2 pages (2 operations) into specs/: 2 created; root specs/wechatpay.yaml created (+2 paths); 0 warnings, 0 errors',
      'next: npx wxpay-gen   (generates generated/ from specs/wechatpay.yaml; then commit both)',
    ]);
    const again = capture();
    expect(await main(['import', 'openapi'], again)).toBe(0);
    expect(again.stdout).toEqual([
      'wxpay-gen: imported 2 pages (2 operations) into specs/: 2 unchanged; root specs/wechatpay.yaml unchanged; 0 warnings, 0 errors',
      'next: nothing changed in the specs; `npx wxpay-gen --check` says whether generated/ is current (after an overlay edit: npx wxpay-gen)',
    ]);
  });

  it('warnings go to stderr as page:line; --strict turns them into exit 1', async () => {
    cpSync(WARN_PAGE, join(dir, 'warn.md'));
    const io = capture();
    expect(await main(['import', 'warn.md', '--out', 'api'], io)).toBe(0);
    expect(io.stderr[0]).toBe('warn.md:4: warning: front matter key "layout" is not used by the importer; ignored');
    expect(io.stderr).toHaveLength(17);
    const strict = capture();
    expect(await main(['import', 'warn.md', '--out', 'api', '--strict'], strict)).toBe(1);
    expect(strict.stderr[strict.stderr.length - 1]).toBe('wxpay-gen: --strict: 17 warnings');
  });

  it('a broken page: exit 1 with page:line, the others are written', async () => {
    writeFileSync(join(dir, 'openapi', 'broken.md'), '# no method here\n');
    const io = capture();
    expect(await main(['import', 'openapi'], io)).toBe(1);
    expect(io.stderr).toEqual(['openapi/broken.md:1: error: the page heading has no {#method} id; expected one of {#get}, {#post}, {#put}, {#patch}, {#delete} or {#mix}']);
    expect(io.stdout[io.stdout.length - 1]).toMatch(/imported 2 pages .* 0 warnings, 1 error$/);
  });

  it('a differing hand-written file: exit 1, named; --force overwrites', async () => {
    cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
    const hand = readFileSync(join(dir, 'specs', 'paths', 'v3', 'facemch', 'users', '{face_sid}.yaml'), 'utf8');
    const io = capture();
    expect(await main(['import', FACE], io)).toBe(1);
    expect(io.stderr.slice(0, 3)).toEqual([
      'wxpay-gen: 1 path file differs from the import: written or edited by hand. The differences (- the file now, + the import):',
      '--- specs/paths/v3/facemch/users/{face_sid}.yaml',
      '+++ specs/paths/v3/facemch/users/{face_sid}.yaml (import of openapi/v3/facemch/users/{face_sid}.md)',
    ]);
    expect(io.stderr).toContain('-        x-enum-descriptions:');
    expect(io.stderr[io.stderr.length - 1]).toBe('  specs/paths/v3/facemch/users/{face_sid}.yaml  ->  overlay specs/overrides/paths/v3/facemch/users/{face_sid}.yaml');
    expect(readFileSync(join(dir, 'specs', 'paths', 'v3', 'facemch', 'users', '{face_sid}.yaml'), 'utf8')).toBe(hand);
    const forced = capture();
    expect(await main(['import', FACE, '--force'], forced)).toBe(0);
    expect(forced.stdout[0]).toBe('  overwritten specs/paths/v3/facemch/users/{face_sid}.yaml  (GET /v3/facemch/users/{face_sid})');
  });

  it('no page given (and no --from/--only remembered) is a usage error (2) that says what to give', async () => {
    const io = capture();
    expect(await main(['import'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/nothing to import[\s\S]*npx wxpay-gen import --from <docs folder or git URL> --only/);
  });
});
