/**
 * The whole webhook corpus of the doc bundle (webhook/v3: 101 pages, 3 of them "Moved to" stubs),
 * cloned into a temp dir: imported with zero errors into webhooks/<EVENT>.yaml + root entries, and
 * the client generated from it type-checks under strict TypeScript.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { generate } from '../../generator';
import { importPagesSync } from '../../importer/import-pages';
import { DOCS_BUNDLE } from '../app/docs';
import { REPO, tempDir } from './support';

describe('webhook/v3 of the doc bundle', () => {
  const dir = tempDir('webhooks');
  const site = join(dir, 'site');
  let result: ReturnType<typeof importPagesSync>;
  beforeAll(() => {
    execFileSync('git', ['clone', '--quiet', DOCS_BUNDLE, site], { stdio: 'ignore' });
    result = importPagesSync({ inputs: [join(site, 'webhook', 'v3')], out: 'specs', cwd: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('all 101 pages: 98 notifications imported with zero errors, the 3 "Moved to" stubs skipped with a note', () => {
    expect(readdirSync(join(site, 'webhook', 'v3')).filter((f) => f.endsWith('.md'))).toHaveLength(101);
    expect(result.errors).toEqual([]);
    expect(result.pages).toHaveLength(98);
    expect(result.warnings.filter((w) => /"Moved to .*" stub: skipped/.test(w.message))).toHaveLength(3);
    const root = parse(readFileSync(join(dir, 'specs', 'wechatpay.yaml'), 'utf8')) as { webhooks: Record<string, { $ref: string }> };
    expect(Object.keys(root.webhooks)).toHaveLength(98);
    expect(root.webhooks['TRANSACTION.SUCCESS']).toEqual({ $ref: './webhooks/TRANSACTION.SUCCESS.yaml' });
  });

  test('TRANSACTION.SUCCESS: every header, the envelope, and the payload as contentSchema of the aes-gcm ciphertext', () => {
    const item = parse(readFileSync(join(dir, 'specs', 'webhooks', 'TRANSACTION.SUCCESS.yaml'), 'utf8'));
    const post = item.post;
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(['Content-Type', 'Request-ID', 'Wechatpay-Nonce', 'Wechatpay-Serial', 'Wechatpay-Signature', 'Wechatpay-Signature-Type', 'Wechatpay-Timestamp']);
    expect(post.parameters.find((p: { name: string }) => p.name === 'Wechatpay-Signature-Type').schema.enum).toEqual(['WECHATPAY2-SHA256-RSA2048']);
    const body = post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['id', 'create_time', 'event_type', 'resource_type', 'summary', 'resource']);
    expect(body.properties.event_type.enum).toEqual(['TRANSACTION.SUCCESS']);
    const c = body.properties.resource.properties.ciphertext;
    expect(c).toMatchObject({ type: 'string', 'x-encrypted': 'aes-gcm', contentMediaType: 'application/json' });
    expect(Object.keys(body.properties.resource.properties).sort()).toEqual(['algorithm', 'associated_data', 'ciphertext', 'nonce', 'original_type']);
    expect(body.properties.resource.properties.algorithm.enum).toEqual(['AEAD_AES_256_GCM']);
    const payload = c.contentSchema;
    expect(payload.properties.amount.properties.payer_total).toMatchObject({ type: 'number', description: expect.stringContaining('用户实际支付金额') });
    expect(payload.properties.trade_state.description).toContain('SUCCESS');
    expect(payload.properties.promotion_detail).toMatchObject({ type: 'array', items: { type: 'object' } });
  });

  test('scenario notes below the table (`1. … {#PARTNER}`): kept in the payload description, and a warning (8 pages have them)', () => {
    const warned = result.warnings.filter((w) => /scenarios? below its table/.test(w.message));
    expect(warned.map((w) => w.page.replace(/^.*webhook\/v3\//, '')).sort()).toEqual([
      'PAYSCORE.USER_CLOSE_SERVICE.md', 'PAYSCORE.USER_OPEN_SERVICE.md', 'REFUND.ABNORMAL.md', 'REFUND.CLOSED.md', 'REFUND.SUCCESS.md', 'TRANSACTION.FAIL.md', 'TRANSACTION.PAY_BACK.md', 'TRANSACTION.SUCCESS.md',
    ]);
    const paid = warned.find((w) => w.page.endsWith('TRANSACTION.SUCCESS.md'));
    expect(paid?.line).toBe(119);
    expect(paid?.message).toContain('the page describes 8 scenarios below its table (BASIC, PARTNER, COMBINE, PARKING, INSURANCE_ENTRUST, PROFITSHARING, GLOBAL, INDIVIDUAL)');
    const item = parse(readFileSync(join(dir, 'specs', 'webhooks', 'TRANSACTION.SUCCESS.yaml'), 'utf8'));
    const payload = item.post.requestBody.content['application/json'].schema.properties.resource.properties.ciphertext.contentSchema;
    expect(payload.description).toContain('- PARTNER: 服务商支付成功会带上(sp_mchid及sub_mchid)字段');
    expect(payload.description).toContain('- GLOBAL: 跨境/全球会返回exchange_rate字典');
    // the marks stay as the page has them (faithful); the warning says to correct them in an overlay
    expect(payload.required).toContain('sp_mchid');
  });

  test('answers: only ENTRUST.TERMINATE_RETENTION documents data beyond code/message, so only it has a 200 answer schema', () => {
    const withAnswer = readdirSync(join(dir, 'specs', 'webhooks')).filter((f) => {
      const item = parse(readFileSync(join(dir, 'specs', 'webhooks', f), 'utf8'));
      return item.post.responses['200'].content !== undefined;
    });
    expect(withAnswer).toEqual(['ENTRUST.TERMINATE_RETENTION.yaml']);
  });

  test('a page listing several payloads (MCHWITHDRAW.CHANGE) becomes contentSchema.oneOf', () => {
    const item = parse(readFileSync(join(dir, 'specs', 'webhooks', 'MCHWITHDRAW.CHANGE.yaml'), 'utf8'));
    const c = item.post.requestBody.content['application/json'].schema.properties.resource.properties.ciphertext;
    expect(c.contentSchema.oneOf).toHaveLength(3);
    expect(c.contentSchema.oneOf[0].properties.withdraw_id).toMatchObject({ type: 'string' });
  });

  test('the client generated from it type-checks under strict TypeScript', async () => {
    const out = join(dir, 'gen');
    await generate({ spec: 'specs/wechatpay.yaml', out, cwd: dir });
    const text = readFileSync(join(out, 'webhook-types.gen.d.ts'), 'utf8');
    expect(text).toContain("export type TransactionSuccessNotification = Notification<'TRANSACTION.SUCCESS', TransactionSuccessPayload>;");
    const program = ts.createProgram([join(out, 'index.ts')], {
      strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, noUnusedLocals: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: ['node'], skipLibCheck: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], typeRoots: [join(REPO, 'node_modules', '@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
