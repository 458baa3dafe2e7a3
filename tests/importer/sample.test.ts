import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatIssue, importPagesSync } from '../../importer';
import { DOCS, listFiles, SAMPLE, tempDir } from './support';

/**
 * All 60 sample doc pages import without error; the warnings are asserted exactly; the output
 * is deterministic and a re-import changes no byte.
 */

/**
 * What the 60 pages give. Each was checked by reading the page: an example outside its field's
 * enum (category_id 0, mch_language 'zh_CN', relation_type 'SERVICE_PROVIDER', type 0), a string[]
 * described as 加密的… without a data-encrypted mark (user_chosen_values), and the insurance
 * policies page that requires Wechatpay-Serial yet marks no field (insured_name_list).
 */
const EXPECTED_WARNINGS: readonly string[] = [
  "openapi/v3/apply4subject/applyment.md:53: \"category_id\": example value 0 is not one of its enum values (44, 33, 22, 41, 42, 49, 50, 51, 36, 54, 55, 32, 52); example left out",
  "openapi/v3/brand/partner/card-member/user-cards.md:139: \"user_chosen_values\" is described as encrypted (\"加密的用户选择的字段值列表\") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)",
  "openapi/v3/brand/partner/card-member/user-cards/import-by-phone.md:23: \"user_chosen_values\" is described as encrypted (\"加密的用户选择的字段值列表\") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)",
  "openapi/v3/brand/partner/card-member/user-cards/import-by-phone.md:263: \"user_chosen_values\" is described as encrypted (\"加密的用户选择的字段值列表\") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)",
  "openapi/v3/brand/partner/card-member/user-cards/{user_card_code}.md:125: \"user_chosen_values\" is described as encrypted (\"加密的用户选择的字段值列表\") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)",
  "openapi/v3/brand/partner/card-member/user-cards/{user_card_code}.md:161: \"user_chosen_values\" is described as encrypted (\"加密的用户选择的字段值列表\") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)",
  "openapi/v3/brand/partner/card-member/user-cards/{user_card_code}.md:420: \"user_chosen_values\" is described as encrypted (\"加密的用户选择的字段值列表\") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)",
  "openapi/v3/global/merchant-service/complaints.md:19: \"mch_language\": example value \"zh_CN\" is not one of its enum values (\"ZH_CN\", \"ZH_TW\", \"ZH_HK\", \"EN\", \"JA\", \"KO\", \"TH\", \"VI\", \"RU\", \"DE\", \"FR\", \"AR\", \"ES\"); example left out",
  "openapi/v3/global/profit-sharing/receivers.md:18: \"relation_type\": example value \"SERVICE_PROVIDER\" is not one of its enum values (\"SUPPLIER\", \"DISTRIBUTOR\", \"TAX_SERVICE_PROVIDER\", \"IT_SERVICE_PROVIDER\", \"CUSTOM\"); example left out",
  "openapi/v3/inspolicymgr/deduct/policies.md:45: the request requires the Wechatpay-Serial header, which only encrypted fields need, but marks no field data-encrypted=by-rsa-pubkey; if a field is sensitive, the client would send it in plaintext",
  "openapi/v3/mch-operation-manage/enhanced-due-diligence/{due_diligence_id}/submit.md:21: \"type\": example value 0 is not one of its enum values (1, 2, 11, 15); example left out",
];

type Json = unknown;

function walk(value: Json, visit: (node: Record<string, Json>, path: string) => void, path = ''): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, visit, `${path}/${i}`));
  else if (value !== null && typeof value === 'object') {
    visit(value as Record<string, Json>, path);
    for (const [k, v] of Object.entries(value)) walk(v, visit, `${path}/${k}`);
  }
}

function snapshot(dir: string): Map<string, { text: string; mtimeMs: number }> {
  return new Map(listFiles(dir).map((f) => [f, { text: readFileSync(join(dir, f), 'utf8'), mtimeMs: statSync(join(dir, f)).mtimeMs }]));
}

describe('the 60 sample pages', () => {
  const work = tempDir('import-sample');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out = join(work, 'specs');
  const first = importPagesSync({ inputs: [SAMPLE], out, cwd: DOCS });
  const files = listFiles(out);
  const pathFiles = files.filter((f) => f.startsWith('paths/'));

  it('import with no error and exactly the expected warnings', () => {
    expect(first.errors.map(formatIssue)).toEqual([]);
    expect(first.warnings.map(formatIssue)).toEqual(EXPECTED_WARNINGS);
    expect(first.pages).toHaveLength(60);
    expect(first.pages.every((p) => p.status === 'created')).toBe(true);
    expect(first.root).toEqual(expect.objectContaining({ status: 'created' }));
    expect(first.root.added).toHaveLength(60);
    expect(pathFiles).toHaveLength(60);
  });

  it('carry every method section of every page', () => {
    const ops = first.pages.flatMap((p) => p.operations);
    const headings = listFiles(SAMPLE).map((f) => readFileSync(join(SAMPLE, f), 'utf8'))
      .flatMap((text) => [...text.matchAll(/^#{1,2} .*\{#(get|post|put|patch|delete)\}\s*$/gm)]);
    expect(ops).toHaveLength(headings.length);
    expect(ops.length).toBeGreaterThan(70);
  });

  it('turn every data-encrypted field into x-encrypted: rsa, only ever on string schemas', () => {
    const marks = listFiles(SAMPLE).map((f) => readFileSync(join(SAMPLE, f), 'utf8').match(/data-encrypted=by-rsa-pubkey/g)?.length ?? 0).reduce((a, b) => a + b, 0);
    let encrypted = 0;
    for (const f of pathFiles) {
      walk(parse(readFileSync(join(out, f), 'utf8')) as Json, (node, at) => {
        if (node['x-encrypted'] === undefined) return;
        encrypted++;
        expect({ at: `${f}${at}`, type: node['type'], value: node['x-encrypted'] }).toEqual({ at: `${f}${at}`, type: 'string', value: 'rsa' });
      });
    }
    expect(encrypted).toBe(marks);
    expect(encrypted).toBe(63);
  });

  it('keep enums typed: numbers for integer/number fields, strings for string fields', () => {
    let enums = 0;
    for (const f of pathFiles) {
      walk(parse(readFileSync(join(out, f), 'utf8')) as Json, (node) => {
        const values = node['enum'];
        if (!Array.isArray(values)) return;
        enums++;
        const want = node['type'] === 'string' ? 'string' : 'number';
        for (const v of values) expect(typeof v).toBe(want);
      });
    }
    expect(enums).toBe(238);
  });

  it('write a sorted root whose paths $ref every path file', () => {
    const root = parse(readFileSync(join(out, 'wechatpay.yaml'), 'utf8')) as { paths: Record<string, { $ref: string }> };
    const keys = Object.keys(root.paths);
    expect(keys).toEqual([...keys].sort());
    expect(keys.map((k) => root.paths[k]?.$ref).sort()).toEqual(pathFiles.map((f) => `./${f}`).sort());
  });

  it('are written LF-only with the import marker first', () => {
    for (const f of files) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text).not.toMatch(/\r/);
      if (f.startsWith('paths/')) expect(text.split('\n')[0]).toMatch(/^# imported by wxpay-gen from openapi\/v3\/.+\.md \(sha256:[0-9a-f]{16}\)$/);
    }
  });

  it('re-import changes no byte and writes no file', () => {
    const before = snapshot(out);
    const again = importPagesSync({ inputs: [SAMPLE], out, cwd: DOCS });
    expect(again.errors).toEqual([]);
    expect(again.pages.every((p) => p.status === 'unchanged')).toBe(true);
    expect(again.root.status).toBe('unchanged');
    expect(snapshot(out)).toEqual(before);
  });

  it('is deterministic: another folder, pages named one by one in reverse order, same bytes', () => {
    const other = join(work, 'other');
    const pages = listFiles(SAMPLE).reverse().map((f) => join(SAMPLE, f));
    const result = importPagesSync({ inputs: pages, out: other, cwd: work });
    expect(result.errors).toEqual([]);
    expect(listFiles(other)).toEqual(files);
    for (const f of files) expect(readFileSync(join(other, f), 'utf8')).toBe(readFileSync(join(out, f), 'utf8'));
  });
});
