/**
 * The answer table of a webhook page (`| 应答规范 |` … `{.im-table #response}`): an answer that
 * carries data becomes `responses: '200'` with its body as the JSON schema; the generic
 * code/message answer keeps the fixed responses. Expectations: expected-responses.yaml, written by
 * hand from the fixture pages, and (for the bundle's ENTRUST.TERMINATE_RETENTION) below, from the page.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { formatIssue, importPagesSync } from '../../importer';
import { DOCS_BUNDLE } from '../app/docs';
import { tempDir } from './support';

const FIXTURES = resolve(__dirname, '..', 'fixtures', 'import', 'webhook-answers');

type Item = { post: { responses: Record<string, unknown> } };

describe('webhook answers (应答规范)', () => {
  const work = tempDir('webhook-answers');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const read = (specs: string, event: string): Item => parse(readFileSync(join(specs, 'webhooks', `${event}.yaml`), 'utf8')) as Item;

  test('fixture pages: the answer with data and the generic answer, exactly as written by hand', () => {
    const out = join(work, 'fixture-specs');
    const result = importPagesSync({ inputs: ['webhook/v3'], out, cwd: FIXTURES });
    expect(result.errors.map(formatIssue)).toEqual([]);
    expect(result.warnings.map(formatIssue)).toEqual([]);
    const expected = parse(readFileSync(join(FIXTURES, 'expected-responses.yaml'), 'utf8')) as Record<string, unknown>;
    expect(read(out, 'FIXTURE.ANSWER_DATA').post.responses).toEqual(expected['FIXTURE.ANSWER_DATA']);
    expect(read(out, 'FIXTURE.PLAIN_ANSWER').post.responses).toEqual(expected['FIXTURE.PLAIN_ANSWER']);
  });

  test('the bundle\'s ENTRUST.TERMINATE_RETENTION: retention_type and coupon_info{state, coupon_id}; TRANSACTION.SUCCESS keeps the generic answer', () => {
    const site = join(work, 'site');
    execFileSync('git', ['clone', '--quiet', DOCS_BUNDLE, site], { stdio: 'ignore' });
    const pages = ['ENTRUST.TERMINATE_RETENTION', 'TRANSACTION.SUCCESS'].map((e) => join(site, 'webhook', 'v3', `${e}.md`));
    const out = join(work, 'bundle-specs');
    const result = importPagesSync({ inputs: pages, out, cwd: work });
    expect(result.errors.map(formatIssue)).toEqual([]);
    const fail = { description: '接收失败：应答 `{"code":"FAIL","message":"失败"}`，微信支付会按通知频率重新通知' };
    expect(read(out, 'ENTRUST.TERMINATE_RETENTION').post.responses).toEqual({
      '200': {
        description: '接收成功：应答 200 与如下应答体（应答的`JSON`数据结构）',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                code: { type: 'string', description: '业务处理状态码', enum: ['SUCCESS', 'FAIL'] },
                message: { type: 'string', description: '业务处理附加信息' },
                retention_type: { type: 'string', description: '挽留类型', enum: ['COUPON'] },
                coupon_info: {
                  type: 'object',
                  description: '代金券信息',
                  properties: {
                    state: { type: 'string', description: '状态', enum: ['SEND_COUPON', 'UNUSED_COUPON', 'NOT_SEND_COUPON'] },
                    coupon_id: { type: 'string', description: '代金券ID' },
                  },
                },
              },
            },
          },
        },
      },
      '204': { description: '接收成功（无应答体）' },
      '4XX': fail,
    });
    expect(read(out, 'TRANSACTION.SUCCESS').post.responses).toEqual({ '200': { description: '接收成功（应答 200 或 204，无需应答体）' }, '4XX': fail });
  });
});
