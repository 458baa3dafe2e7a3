import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, importPagesSync, isUntouchedImport } from '../../importer';
import { copyPages, listFiles, REPO, SEEDS, tempDir } from './support';

/** Hand-written files are never overwritten without force; broken pages fail alone; the root keeps its bytes. */

const FACE = 'v3/facemch/users/{face_sid}';

describe('hand-written path files', () => {
  const work = tempDir('import-protect');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const specs = join(work, 'specs');
  const pages = join(work, 'docs');
  copyPages(pages, SEEDS.map((s) => `openapi/${s}.md`));

  beforeEach(() => {
    rmSync(specs, { recursive: true, force: true });
    cpSync(join(REPO, 'specs'), specs, { recursive: true });
  });

  it('are reported and left alone without force', () => {
    const before = new Map(listFiles(specs).map((f) => [f, readFileSync(join(specs, f), 'utf8')]));
    const result = importPagesSync({ inputs: ['docs'], cwd: work });
    expect(result.errors).toEqual([]);
    expect(result.differing).toEqual(SEEDS.map((s) => `specs/paths/${s}.yaml`).sort());
    expect(result.pages.every((p) => p.status === 'differs')).toBe(true);
    expect(result.root.status).toBe('unchanged');
    for (const [f, text] of before) expect(readFileSync(join(specs, f), 'utf8')).toBe(text);
  });

  it('are overwritten with force, and then owned by the importer', () => {
    const result = importPagesSync({ inputs: ['docs'], cwd: work, force: true });
    expect(result.differing).toEqual([]);
    expect(result.pages.map((p) => p.status)).toEqual(['overwritten', 'overwritten', 'overwritten', 'overwritten']);
    for (const s of SEEDS) expect(isUntouchedImport(readFileSync(join(specs, 'paths', `${s}.yaml`), 'utf8'))).toBe(true);
    const again = importPagesSync({ inputs: ['docs'], cwd: work });
    expect(again.pages.every((p) => p.status === 'unchanged')).toBe(true);
  });

  it('an imported file is unchanged on re-import, and protected again once edited by hand', () => {
    importPagesSync({ inputs: ['docs'], cwd: work, force: true });
    const file = join(specs, 'paths', `${FACE}.yaml`);
    const imported = readFileSync(file, 'utf8');
    expect(importPagesSync({ inputs: [`docs/openapi/${FACE}.md`], cwd: work }).pages[0]?.status).toBe('unchanged');
    // hand-edited after import (checksum no longer matches): protected again
    writeFileSync(file, imported.replace('查询用户授权的实名信息', '查询实名信息（手改）'));
    const edited = importPagesSync({ inputs: [`docs/openapi/${FACE}.md`], cwd: work });
    expect(edited.differing).toEqual([`specs/paths/${FACE}.yaml`]);
    expect(readFileSync(file, 'utf8')).toContain('手改');
  });

  it('an imported, untouched file is updated when the page changes', () => {
    importPagesSync({ inputs: ['docs'], cwd: work, force: true });
    const page = join(pages, 'openapi', `${FACE}.md`);
    const original = readFileSync(page, 'utf8');
    try {
      writeFileSync(page, original.replace('| sub_serial_no {data-indent=1} | string |', '| sub_serial_no {data-required data-indent=1} | string |'));
      const result = importPagesSync({ inputs: ['docs'], cwd: work });
      expect(result.pages.find((p) => p.path === `/${FACE}`)?.status).toBe('updated');
      expect(result.pages.filter((p) => p.status === 'unchanged')).toHaveLength(3);
      expect(readFileSync(join(specs, 'paths', `${FACE}.yaml`), 'utf8')).toMatch(/- name: sub_serial_no\n\s+in: query\n\s+required: true/);
    } finally {
      writeFileSync(page, original);
    }
  });
});

describe('pages that cannot be imported', () => {
  const work = tempDir('import-broken');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('are errors naming page and line, while the other pages import', () => {
    const result = importPagesSync({ inputs: ['.'], out: join(work, 'specs'), cwd: join(REPO, 'tests', 'fixtures', 'import', 'broken') });
    expect(result.errors.map(formatIssue)).toEqual([
      'openapi/v3/broken/bad-method.md:1: the page heading has the id {#fetch}; expected one of {#get}, {#post}, {#put}, {#patch}, {#delete} or {#mix}',
      'openapi/v3/broken/no-heading.md:1: the page has no `# <title> {#method}` heading naming the HTTP method (e.g. `# {{ $frontmatter.title }} {#post}`)',
      'openapi/v3/broken/unclosed-fence.md:10: code block opened with ``` is never closed; add a closing ``` line',
    ]);
    expect(result.pages.map((p) => [p.path, p.status])).toEqual([['/v3/broken/good', 'created']]);
    expect(listFiles(join(work, 'specs'))).toEqual(['paths/v3/broken/good.yaml', 'wechatpay.yaml']);
    expect(result.root.added).toEqual(['/v3/broken/good']);
  });

  it('a missing input is an error, the rest still imports', () => {
    copyPages(work, [`openapi/${FACE}.md`]);
    const result = importPagesSync({ inputs: ['nope.md', 'openapi'], out: join(work, 'out2'), cwd: work });
    expect(result.errors.map(formatIssue)).toEqual(['nope.md: no such page or folder']);
    expect(result.pages).toHaveLength(1);
  });

  it('two pages for the same path: the second is an error', () => {
    const dir = join(work, 'dup');
    copyPages(dir, [`openapi/${FACE}.md`]);
    mkdirSync(join(dir, 'copy'), { recursive: true });
    cpSync(join(dir, 'openapi', `${FACE}.md`), join(dir, 'copy', 'face.md'));
    const result = importPagesSync({ inputs: ['.'], out: join(work, 'out3'), cwd: dir });
    expect(result.errors).toHaveLength(1);
    expect(formatIssue(result.errors[0]!)).toMatch(/^openapi\/v3\/facemch\/users\/\{face_sid\}\.md:1: the page documents \/v3\/facemch\/users\/\{face_sid\}, which copy\/face\.md already documents/);
    expect(result.pages).toHaveLength(1);
  });
});

describe('an existing root document', () => {
  const work = tempDir('import-root');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gets the new paths inserted in sorted place; every other byte stays', () => {
    const specs = join(work, 'specs');
    cpSync(join(REPO, 'specs'), specs, { recursive: true });
    const before = readFileSync(join(specs, 'wechatpay.yaml'), 'utf8');
    copyPages(work, ['openapi/v3/customs/orders.md', 'openapi/v3/merchant/media/upload.md', 'openapi/v3/transfer/bill-receipt.md']);
    const result = importPagesSync({ inputs: ['openapi'], cwd: work });
    expect(result.errors).toEqual([]);
    expect(result.root.status).toBe('updated');
    expect(result.root.added).toEqual(['/v3/customs/orders', '/v3/merchant/media/upload', '/v3/transfer/bill-receipt']);
    const after = readFileSync(join(specs, 'wechatpay.yaml'), 'utf8');
    const insert = (path: string): string => `  ${path}:\n    $ref: './paths${path}.yaml'\n`;
    const expected = before
      .replace('  /v3/edu-papay/user/{openid}/contracts:', `${insert('/v3/customs/orders')}  /v3/edu-papay/user/{openid}/contracts:`)
      .replace('components:\n', `${insert('/v3/merchant/media/upload')}${insert('/v3/transfer/bill-receipt')}components:\n`);
    expect(after).toBe(expected);
    // the hand-written path files are untouched
    for (const f of readdirSync(join(specs, 'paths', 'v3'))) expect(['customs', 'edu-papay', 'facemch', 'gov', 'merchant', 'transfer']).toContain(f);
  });

  it('a root that is not valid YAML is an error and nothing is written', () => {
    const specs = join(work, 'bad');
    mkdirSync(specs, { recursive: true });
    writeFileSync(join(specs, 'wechatpay.yaml'), 'openapi: 3.1.0\npaths:\n  /v3/x: [unclosed\n');
    copyPages(work, ['openapi/v3/transfer/bill-receipt.md']);
    const result = importPagesSync({ inputs: ['openapi/v3/transfer/bill-receipt.md'], out: 'bad', cwd: work });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.page).toBe('bad/wechatpay.yaml');
    expect(result.errors[0]?.message).toMatch(/not valid YAML/);
    expect(listFiles(specs)).toEqual(['wechatpay.yaml']);
  });

  it('a root elsewhere: $refs are relative in both directions', () => {
    copyPages(work, ['openapi/v3/transfer/bill-receipt.md']);
    const result = importPagesSync({ inputs: ['openapi/v3/transfer/bill-receipt.md'], out: 'api', root: 'roots/main.yaml', cwd: work });
    expect(result.errors).toEqual([]);
    expect(readFileSync(join(work, 'roots', 'main.yaml'), 'utf8')).toContain("  /v3/transfer/bill-receipt:\n    $ref: '../api/paths/v3/transfer/bill-receipt.yaml'\n");
    expect(readFileSync(join(work, 'api', 'paths', 'v3', 'transfer', 'bill-receipt.yaml'), 'utf8')).toContain("$ref: '../../../../roots/main.yaml#/components/responses/Error'");
  });
});
