import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { buildModel, loadSpec } from '../../generator';
import { formatIssue, importPagesSync } from '../../importer';
import { tempDir } from './support';

/**
 * JSON-encoded string fields (`data-encoded=by-json_encode`, nested rows): the fixture page
 * tests/fixtures/import/json-encoded/ is modelled on real pages (apply4subject/applyment's
 * `licence_valid_date`, merchants' `store_photos`, mch-manage-submissions' `submit_data`). The
 * expectations are written by hand from the page: a `\json_encode([...])` list example with one
 * array row is that array; a list example with element fields is an array of objects; an object
 * example (or none) is an object; a "json格式" string without nested rows stays a string.
 */
const PAGES = resolve(__dirname, '..', 'fixtures', 'import', 'json-encoded');

describe('importer: JSON-encoded string fields', () => {
  const work = tempDir('import-json-encoded');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out = join(work, 'specs');
  const result = importPagesSync({ inputs: ['.'], out, cwd: PAGES });
  const item = parse(readFileSync(join(out, 'paths', 'v3', 'fixture', 'json-encoded.yaml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read as plain data

  it('imports the page without errors or warnings', () => {
    expect(result.errors.map(formatIssue)).toEqual([]);
    expect(result.warnings.map(formatIssue)).toEqual([]);
  });

  it('request fields: the list, the array of objects, the object, and a plain string', () => {
    const props = item['post'].requestBody.content['application/json'].schema.properties;
    expect(props.valid_date).toEqual({
      type: 'string', description: '有效日期`JSON`格式字符串', example: '["1970-01-01","forever"]', contentMediaType: 'application/json',
      contentSchema: { type: 'array', description: '起止日期', example: ['1970-01-01', 'forever'], items: { type: 'string' } },
    });
    expect(props.photos).toEqual({
      type: 'string', description: '照片列表`JSON`格式字符串', example: '[{"media_id":"M1","width":640}]', contentMediaType: 'application/json',
      contentSchema: { type: 'array', items: { type: 'object', properties: { media_id: { type: 'string', description: '媒体文件ID', example: 'M1' }, width: { type: 'integer', description: '宽度', example: 640 } } } },
    });
    expect(props.submit_data).toEqual({
      type: 'string', description: '提交资料内容', example: '{"record_fields":[{"item_id":"A1"}]}', contentMediaType: 'application/json',
      contentSchema: { type: 'object', required: ['record_fields'], properties: { record_fields: { type: 'array', description: '资料项集合', items: { type: 'object', properties: { item_id: { type: 'string', description: '资料项ID', example: 'A1' } } } } } },
    });
    expect(props.extra).toEqual({ type: 'string', description: '扩展字段，json格式', example: '{}' });
  });

  it('an answer field without an example is read as an object', () => {
    const state = item['post'].responses['200'].content['application/json'].schema.properties.state;
    expect(state).toEqual({ type: 'string', description: '状态`JSON`格式字符串', contentMediaType: 'application/json', contentSchema: { type: 'object', properties: { value: { type: 'string', description: '状态值' } } } });
  });

  it('the generator records the JSON-encoded fields where they are', () => {
    const op = buildModel(loadSpec(join(out, 'wechatpay.yaml'), work)).operations[0];
    expect(op?.jsonEncoded).toEqual({
      request: [{ in: 'body', pointer: '/valid_date' }, { in: 'body', pointer: '/submit_data' }, { in: 'body', pointer: '/photos' }],
      response: [{ in: 'body', pointer: '/state' }],
    });
  });
});
