import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { buildModel, loadSpec } from '../../generator';
import { formatIssue, importPagesSync } from '../../importer';
import { importDocs } from '../../importer/source/import-docs';
import { tempDir } from './support';

/**
 * Pages whose paths differ only in parameter names (the real pair: apply4subject/applyment/
 * {business_code}/cancel and {applyment_id}/cancel) are one URL on the wire, which OpenAPI allows
 * once: the importer merges them into one operation and warns naming both pages. Fixtures:
 * tests/fixtures/import/twins/ — a compatible pair (orders) and one whose answers differ
 * incompatibly (refunds). Every expectation is written by hand from the fixture pages.
 */
const DOCS = resolve(__dirname, '..', 'fixtures', 'import', 'twins');
const ORDERS_A = 'openapi/v3/twins/orders/{out_trade_no}.md';
const ORDERS_B = 'openapi/v3/twins/orders/{transaction_id}.md';
const REFUNDS_A = 'openapi/v3/twins/refunds/{out_refund_no}.md';
const REFUNDS_B = 'openapi/v3/twins/refunds/{refund_id}.md';
const ORDERS_FILE = 'paths/v3/twins/orders/{out_trade_no_or_transaction_id}.yaml';
const REFUNDS_FILE = 'paths/v3/twins/refunds/{out_refund_no_or_refund_id}.yaml';

describe('twin pages (paths that differ only in parameter names) merge into one operation', () => {
  const work = tempDir('import-twins');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out = join(work, 'specs');
  const result = importPagesSync({ inputs: ['.'], out, cwd: DOCS });
  const read = (file: string): Record<string, Record<string, unknown>> => parse(readFileSync(join(out, file), 'utf8')) as Record<string, Record<string, unknown>>;

  it('one file per pair, both pages reported as written to it, a warning naming both pages', () => {
    expect(result.errors).toEqual([]);
    expect(result.pages.map((p) => `${p.page} → ${p.file} ${p.operations.join(',')}`)).toEqual([
      `${ORDERS_A} → ${join(out, ORDERS_FILE)} GET /v3/twins/orders/{out_trade_no_or_transaction_id}`,
      `${ORDERS_B} → ${join(out, ORDERS_FILE)} GET /v3/twins/orders/{out_trade_no_or_transaction_id}`,
      `${REFUNDS_A} → ${join(out, REFUNDS_FILE)} GET /v3/twins/refunds/{out_refund_no_or_refund_id}`,
      `${REFUNDS_B} → ${join(out, REFUNDS_FILE)} GET /v3/twins/refunds/{out_refund_no_or_refund_id}`,
    ]);
    expect(result.warnings.map(formatIssue)).toEqual([
      `${ORDERS_B}:20: the page documents /v3/twins/orders/{transaction_id}, which differs from /v3/twins/orders/{out_trade_no} (${ORDERS_A}) only in its parameter names (the same URL; OpenAPI allows one of them): both pages are merged into one operation, /v3/twins/orders/{out_trade_no_or_transaction_id}`,
      // the incompatible difference: the second page's answer field is reported, the first page's kept
      `${REFUNDS_B}:17: merging with ${REFUNDS_A} (paths differing only in parameter names): /get/responses/200/content/application~1json/schema/properties/amount/type differs incompatibly, "integer" where the first page has "object"; the first page's is kept`,
      `${REFUNDS_B}:17: the page documents /v3/twins/refunds/{refund_id}, which differs from /v3/twins/refunds/{out_refund_no} (${REFUNDS_A}) only in its parameter names (the same URL; OpenAPI allows one of them): both pages are merged into one operation, /v3/twins/refunds/{out_refund_no_or_refund_id}`,
    ]);
    const root = parse(readFileSync(join(out, 'wechatpay.yaml'), 'utf8')) as { paths: Record<string, unknown> };
    expect(Object.keys(root.paths)).toEqual(['/v3/twins/orders/{out_trade_no_or_transaction_id}', '/v3/twins/refunds/{out_refund_no_or_refund_id}']);
    expect(readFileSync(join(out, ORDERS_FILE), 'utf8').split('\n')[0]).toMatch(/^# imported by wxpay-gen from openapi\/v3\/twins\/orders\/\{out_trade_no\}\.md \+ openapi\/v3\/twins\/orders\/\{transaction_id\}\.md \(sha256:[0-9a-f]{16}\)$/);
  });

  it('compatible pages: one parameter described as either, both summaries and descriptions, parameters and answers merged', () => {
    const get = read(ORDERS_FILE)['get'] ?? {};
    expect(get['summary']).toBe('商户订单号查询订单 / 微信支付订单号查询订单');
    expect(get['description']).toBe([
      '按商户订单号查询订单。',
      '按微信支付订单号查询订单。',
      '参阅 https://pay.weixin.qq.com/doc/v3/merchant/4012791858',
      `Documented by 2 pages whose paths differ only in parameter names (one URL on the wire): /v3/twins/orders/{out_trade_no} (${ORDERS_A}), /v3/twins/orders/{transaction_id} (${ORDERS_B}).`,
    ].join('\n\n'));
    expect(get['externalDocs']).toEqual({ description: '官方文档', url: 'https://pay.weixin.qq.com/doc/v3/merchant/4012791859' });
    expect(get['parameters']).toEqual([
      {
        name: 'out_trade_no_or_transaction_id', in: 'path', required: true,
        description: `either out_trade_no（商户订单号）, as ${ORDERS_A} documents it; or transaction_id（微信支付订单号）, as ${ORDERS_B} documents it`,
        schema: { type: 'string', example: '1217752501201407033233368018' },
      },
      { name: 'mchid', in: 'query', required: true, description: '直连商户号', schema: { type: 'string', example: '1230000109' } },
      // only the second page has it: not required of the merged operation
      { name: 'sp_mchid', in: 'query', required: false, description: '服务商户号', schema: { type: 'string', example: '1900000100' } },
    ]);
    expect((get['responses'] as Record<string, unknown>)['200']).toEqual({
      description: 'OK',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['out_trade_no', 'trade_state', 'amount'],
            properties: {
              out_trade_no: { type: 'string', description: '商户订单号' },
              trade_state: { type: 'string', description: '交易状态', enum: ['SUCCESS', 'NOTPAY', 'REFUND'] },
              amount: { type: 'object', description: '订单金额', required: ['total'], properties: { total: { type: 'integer', description: '总金额' }, payer_total: { type: 'integer', description: '用户支付金额' } } },
              // required by the second page only
              transaction_id: { type: 'string', description: '微信支付订单号' },
            },
          },
        },
      },
    });
  });

  it('incompatible answers: the first page\'s field is kept whole', () => {
    const get = read(REFUNDS_FILE)['get'] ?? {};
    expect(get['summary']).toBe('查询退款');
    const schema = ((((get['responses'] as Record<string, Record<string, unknown>>)['200'] ?? {})['content'] as Record<string, Record<string, unknown>>)['application/json'] ?? {})['schema'];
    expect(schema).toEqual({
      type: 'object',
      required: ['refund_id', 'amount'],
      properties: {
        refund_id: { type: 'string', description: '微信退款单号' },
        amount: { type: 'object', description: '金额信息', required: ['refund'], properties: { refund: { type: 'integer', description: '退款金额' } } },
      },
    });
  });

  it('the merged spec loads and models without the generator\'s duplicate-path SpecError', () => {
    const model = buildModel(loadSpec(join(out, 'wechatpay.yaml'), work));
    expect(model.operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(['GET /v3/twins/orders/{out_trade_no_or_transaction_id}', 'GET /v3/twins/refunds/{out_refund_no_or_refund_id}']);
  });

  it('importing one page of a pair reads its twin too: the same file, byte for byte', () => {
    const one = join(work, 'one');
    const r = importPagesSync({ inputs: [ORDERS_B], out: one, cwd: DOCS });
    expect(r.pages.map((p) => p.page)).toEqual([ORDERS_A, ORDERS_B]);
    expect(readFileSync(join(one, ORDERS_FILE), 'utf8')).toBe(readFileSync(join(out, ORDERS_FILE), 'utf8'));
  });

  it('a page of a pair gone upstream: the merged file is reported (deleted with prune) and the other page imports alone', async () => {
    const site = join(work, 'site');
    cpSync(DOCS, site, { recursive: true });
    const app = join(work, 'app');
    const first = await importDocs({ from: site, only: ['v3/twins/orders/**'], root: join(app, 'specs', 'wechatpay.yaml'), cwd: app });
    expect(first.stale).toEqual([]);
    rmSync(join(site, ORDERS_B));
    const kept = await importDocs({ from: site, only: ['v3/twins/orders/**'], root: join(app, 'specs', 'wechatpay.yaml'), cwd: app });
    expect(kept.stale).toEqual([{ file: `specs/${ORDERS_FILE}`, page: ORDERS_B, why: 'gone upstream' }]);
    expect(existsSync(join(app, 'specs', ORDERS_FILE))).toBe(true);
    const pruned = await importDocs({ from: site, only: ['v3/twins/orders/**'], root: join(app, 'specs', 'wechatpay.yaml'), cwd: app, prune: true });
    expect(pruned.pruned).toBe(true);
    expect(existsSync(join(app, 'specs', ORDERS_FILE))).toBe(false);
    expect(existsSync(join(app, 'specs', 'paths/v3/twins/orders/{out_trade_no}.yaml'))).toBe(true);
    const root = parse(readFileSync(join(app, 'specs', 'wechatpay.yaml'), 'utf8')) as { paths: Record<string, unknown> };
    expect(Object.keys(root.paths)).toEqual(['/v3/twins/orders/{out_trade_no}']);
  });
});
