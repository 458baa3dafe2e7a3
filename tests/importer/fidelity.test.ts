import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { formatIssue, importPagesSync } from '../../importer';
import { tempDir } from './support';

/**
 * Importer fidelity, one fixture page per case (tests/fixtures/import/fidelity/), each modelled
 * on a real page of the doc site. Every expectation below was written by hand from reading the
 * fixture page and the importer's mapping (importer/README.md), not by running the importer.
 */
const PAGES = resolve(__dirname, '..', 'fixtures', 'import', 'fidelity');

describe('importer fidelity fixtures', () => {
  const work = tempDir('import-fidelity');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out = join(work, 'specs');
  const result = importPagesSync({ inputs: ['.'], out, cwd: PAGES });
  const read = (file: string): Record<string, unknown> => parse(readFileSync(join(out, 'paths', file), 'utf8')) as Record<string, unknown>;

  it('imports every page without error', () => {
    expect(result.errors.map(formatIssue)).toEqual([]);
    expect(result.pages.map((p) => `${p.path} ${p.operations.join(',')}`)).toEqual([
      '/v3/fidelity/deprecated GET /v3/fidelity/deprecated',
      '/v3/fidelity/enum-examples POST /v3/fidelity/enum-examples',
      '/v3/fidelity/short-delimiter GET /v3/fidelity/short-delimiter',
      '/v3/fidelity/trailing/ POST /v3/fidelity/trailing/',
      // the two twin pages, merged into one operation (tests/importer/twins.test.ts)
      '/v3/fidelity/twins/{a_id_or_b_id}/cancel POST /v3/fidelity/twins/{a_id_or_b_id}/cancel',
      '/v3/fidelity/twins/{a_id_or_b_id}/cancel POST /v3/fidelity/twins/{a_id_or_b_id}/cancel',
      '/v3/fidelity/two-methods POST /v3/fidelity/two-methods,GET /v3/fidelity/two-methods',
      '/v3/fidelity/unmarked POST /v3/fidelity/unmarked',
    ]);
  });

  it('gives exactly these warnings, each naming page:line', () => {
    const twin = 'openapi/v3/fidelity/twins/{a_id}/cancel.md';
    expect(result.warnings.map(formatIssue)).toEqual([
      'openapi/v3/fidelity/enum-examples.md:13: "mch_language": example value "zh_CN" is not one of its enum values ("ZH_CN", "EN"); example left out',
      'openapi/v3/fidelity/enum-examples.md:14: "finish_type": example value 0 is not one of its enum values (1, 2); example left out',
      'openapi/v3/fidelity/enum-examples.md:15: "scenes": example value "SHOP" is not one of its enum values ("ONLINE", "OFFLINE"); example left out',
      `openapi/v3/fidelity/twins/{b_id}/cancel.md:17: the page documents /v3/fidelity/twins/{b_id}/cancel, which differs from /v3/fidelity/twins/{a_id}/cancel (${twin}) only in its parameter names (the same URL; OpenAPI allows one of them): both pages are merged into one operation, /v3/fidelity/twins/{a_id_or_b_id}/cancel`,
      'openapi/v3/fidelity/unmarked.md:15: "mobile" is described as encrypted ("加密的手机号") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)',
      'openapi/v3/fidelity/unmarked.md:18: the request requires the Wechatpay-Serial header, which only encrypted fields need, but marks no field data-encrypted=by-rsa-pubkey; if a field is sensitive, the client would send it in plaintext',
    ]);
  });

  it('`| -- | -- | --` delimiter rows (and `| - | :-: | -:`): the query and the data[] answer are kept, an enum line before more text is read', () => {
    const get = read('v3/fidelity/short-delimiter.yaml')['get'] as Record<string, unknown>;
    expect(get['parameters']).toEqual([
      { name: 'algorithm_type', in: 'query', description: '平台证书算法类型\n默认为`RSA`', schema: { type: 'string', enum: ['SM2', 'RSA', 'ALL'], example: 'RSA' } },
    ]);
    expect(get['responses']).toEqual({
      '200': {
        description: 'OK',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['data'],
              properties: {
                data: {
                  type: 'array',
                  description: '平台证书列表',
                  items: {
                    type: 'object',
                    required: ['serial_no'],
                    properties: {
                      serial_no: { type: 'string', description: '证书序列号' },
                      effective_time: { type: 'string', description: '证书启用时间' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      default: { $ref: '../../../wechatpay.yaml#/components/responses/Error' },
    });
  });

  it('the PHP SDK `{empty}` placeholder is a trailing slash, not a path parameter; the file is …/index.yaml', () => {
    const root = parse(readFileSync(join(out, 'wechatpay.yaml'), 'utf8')) as { paths: Record<string, unknown> };
    expect(root.paths['/v3/fidelity/trailing/']).toEqual({ $ref: './paths/v3/fidelity/trailing/index.yaml' });
    expect(root.paths['/v3/fidelity/trailing/{empty}']).toBeUndefined();
    const post = read('v3/fidelity/trailing/index.yaml')['post'] as Record<string, unknown>;
    expect(post['parameters']).toBeUndefined();
    expect(post['requestBody']).toEqual({
      required: true,
      content: { 'application/json': { schema: { type: 'object', required: ['business_code'], properties: { business_code: { type: 'string', description: '业务申请编号', example: 'APPLY_0001' } } } } },
    });
  });

  it('a second top-level `# … {#get}` heading is a second operation of the page', () => {
    const item = read('v3/fidelity/two-methods.yaml');
    expect(Object.keys(item)).toEqual(['get', 'post']);
    const post = item['post'] as Record<string, unknown>;
    const get = item['get'] as Record<string, unknown>;
    expect(post['summary']).toBe('创建上传任务');
    expect(post['description']).toBe('第一个方法：上传文件。');
    expect(get['summary']).toBe('查询上传任务列表');
    expect(get['description']).toBe('第二个方法：同一页的第二个一级标题。');
    expect(get['externalDocs']).toEqual({ description: '官方文档', url: 'https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter9_8_2.shtml' });
    expect(get['parameters']).toEqual([
      { name: 'status', in: 'query', required: true, description: '任务状态', schema: { type: 'string', enum: ['PROCESSING', 'FINISHED'], example: 'PROCESSING' } },
      { name: 'limit', in: 'query', description: '分页大小', schema: { type: 'integer', example: 20 } },
    ]);
    expect(get['responses']).toEqual({
      '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object', required: ['total_count'], properties: { total_count: { type: 'integer', description: '总数' } } } } } },
      default: { $ref: '../../../wechatpay.yaml#/components/responses/Error' },
    });
    expect((post['requestBody'] as Record<string, unknown>)['content']).toEqual({
      'application/json': { schema: { type: 'object', required: ['filename'], properties: { filename: { type: 'string', description: '文件名', example: 'active_user.csv' } } } },
    });
  });

  it('an `.im-deprecated` page (service switched off) is deprecated, the reason in its description', () => {
    const get = read('v3/fidelity/deprecated.yaml')['get'] as Record<string, unknown>;
    expect(get['deprecated']).toBe(true);
    expect(get['description']).toBe('服务下线后文档仅做留存。\n\n本接口服务已于 `2023.03.13` (北京时间)下线，文档仅做留存参考。');
  });

  it('example values outside the field\'s own enum are left out; the ones inside stay', () => {
    const post = read('v3/fidelity/enum-examples.yaml')['post'] as Record<string, unknown>;
    expect(post['requestBody']).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['finish_type', 'channel'],
            properties: {
              mch_language: { type: 'string', description: '商户语言', enum: ['ZH_CN', 'EN'] },
              finish_type: { type: 'integer', description: '完结类型', enum: [1, 2] },
              scenes: { type: 'array', description: '场景', items: { type: 'string', enum: ['ONLINE', 'OFFLINE'] } },
              channel: { type: 'string', description: '渠道', enum: ['APP', 'H5'], example: 'H5' },
            },
          },
        },
      },
    });
    expect(post['responses']).toEqual({ '204': { description: '空字符串(无返回内容)' }, default: { $ref: '../../../wechatpay.yaml#/components/responses/Error' } });
  });

  it('unmarked fields stay unmarked (a warning, not a guess); the AES envelope of a certificate is not taken for one', () => {
    const post = read('v3/fidelity/unmarked.yaml')['post'] as Record<string, unknown>;
    const text = JSON.stringify(post);
    expect(text).not.toContain('x-encrypted');
    expect(post['parameters']).toEqual([{ $ref: '../../../wechatpay.yaml#/components/parameters/WechatpaySerial' }]);
  });

  it('paths that differ only in parameter names are merged into one operation, its parameter either name', () => {
    const post = read('v3/fidelity/twins/{a_id_or_b_id}/cancel.yaml')['post'] as Record<string, unknown>;
    expect(post['summary']).toBe('撤销申请单');
    expect(post['parameters']).toEqual([{
      name: 'a_id_or_b_id', in: 'path', required: true,
      description: 'either a_id（申请单编号）, as openapi/v3/fidelity/twins/{a_id}/cancel.md documents it; or b_id（申请单编号）, as openapi/v3/fidelity/twins/{b_id}/cancel.md documents it',
      schema: { type: 'string', example: 'X0001' },
    }]);
  });

});
