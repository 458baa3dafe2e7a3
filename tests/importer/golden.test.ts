import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildModel, loadSpec } from '../../generator';
import { listFiles } from '../../generator/write';
import { formatIssue, importPagesSync } from '../../importer';

const body = (pointer: string) => ({ in: 'body', pointer });

/**
 * One small doc page per construct under tests/fixtures/import/pages/; the spec files imported
 * from them are compared byte for byte with tests/fixtures/import/expected/, and the warnings
 * with expected/warnings.txt. `UPDATE_GOLDEN=1` rewrites the expected files, on purpose only.
 */
const ROOT = resolve(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import');
const PAGES = join(FIXTURES, 'pages');
const EXPECTED = join(FIXTURES, 'expected');
const update = process.env['UPDATE_GOLDEN'] === '1';


describe('golden import per construct', () => {
  const work = mkdtempSync(join(tmpdir(), 'wxpay-gen-import-golden-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out = join(work, 'specs');
  const result = importPagesSync({ inputs: ['.'], out, cwd: PAGES });
  const warnings = result.warnings.map(formatIssue).join('\n') + '\n';
  const produced = listFiles(out);

  if (update) {
    rmSync(EXPECTED, { recursive: true, force: true });
    for (const f of produced) {
      mkdirSync(dirname(join(EXPECTED, f)), { recursive: true });
      writeFileSync(join(EXPECTED, f), readFileSync(join(out, f)));
    }
    writeFileSync(join(EXPECTED, 'warnings.txt'), warnings);
  }

  it('imports every fixture page without errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.root.status).toBe('created');
    expect(result.pages.map((p) => p.path)).toEqual([
      '/v3/fixture/download',
      '/v3/fixture/encrypted-request',
      '/v3/fixture/encrypted-response',
      '/v3/fixture/enums',
      '/v3/fixture/examples',
      '/v3/fixture/external-docs',
      '/v3/fixture/headers',
      '/v3/fixture/mix/{resource_id}',
      '/v3/fixture/nested',
      '/v3/fixture/no-links',
      '/v3/fixture/object-array',
      '/v3/fixture/post',
      '/v3/fixture/query',
      '/v3/fixture/scalar-arrays',
      '/v3/fixture/upload',
      '/v3/fixture/users/{openid}/items/{item_id}',
      '/v3/fixture/warnings/{warning_id}',
    ]);
  });

  it('writes exactly the expected files', () => {
    expect(produced).toEqual(listFiles(EXPECTED).filter((f) => f !== 'warnings.txt'));
  });

  it.each(listFiles(EXPECTED).filter((f) => f.endsWith('.yaml')))('%s is byte-identical', (f) => {
    expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(EXPECTED, f), 'utf8'));
  });

  it('gives exactly the expected warnings, each with page:line', () => {
    expect(warnings).toBe(readFileSync(join(EXPECTED, 'warnings.txt'), 'utf8'));
    for (const w of result.warnings) expect(w.line).toBeGreaterThan(0);
    // the construct pages are clean; only the page written to provoke warnings has them
    expect(new Set(result.warnings.map((w) => w.page))).toEqual(new Set(['openapi/v3/fixture/warnings/{warning_id}.md']));
  });

  it('the imported spec is accepted by the generator (load + model)', () => {
    const model = buildModel(loadSpec(join(out, 'wechatpay.yaml'), work));
    const byId = new Map(model.operations.map((o) => [o.id, o]));
    expect(model.operations).toHaveLength(19);
    expect(byId.get('POST v3/fixture/upload')?.body).toBe('multipart');
    expect(byId.get('GET v3/fixture/download')?.success.kind).toBe('binary');
    expect(byId.get('DELETE v3/fixture/mix/{resource_id}')?.success.kind).toBe('empty');
    expect(byId.get('PATCH v3/fixture/mix/{resource_id}')?.deprecated).toBe(true);
    expect(byId.get('POST v3/fixture/encrypted-request')?.encrypted.request).toEqual([body('/real_name'), body('/contact/mobile')]);
    expect(byId.get('GET v3/fixture/encrypted-response')?.encrypted.response).toEqual([body('/user_name'), body('/real_name_info/encrypted_real_name'), body('/receivers/*/name')]);
    expect(byId.get('POST v3/fixture/scalar-arrays')?.encrypted.request).toEqual([body('/insured_names/*')]);
    expect(byId.get('POST v3/fixture/object-array')?.encrypted.request).toEqual([body('/receivers/*/name')]);
  });

  it('every file is LF-only, ends with a newline, and path files carry the import marker', () => {
    for (const f of produced) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).not.toMatch(/\r/);
      expect(text.endsWith('\n')).toBe(true);
      if (f.startsWith('paths/')) expect(text).toMatch(/^# imported by wxpay-gen from openapi\/v3\/fixture\/.+\.md \(sha256:[0-9a-f]{16}\)\n/);
    }
  });
});
