/**
 * The mock and the generated client validate with one rule (the runtime's `walkSchema`):
 * the same value is refused at the same places by both. Expected places are written by hand.
 */
import type { ModelSchema } from '../../generator/model';
import { fieldSchema } from '../../generator/emit/operations';
import { checkValue, type Issues } from '../../mock/validate';
import { validateValue } from '../../templates/runtime/validate';

const order: ModelSchema = {
  type: 'object',
  required: ['appid', 'amount'],
  properties: {
    appid: { type: 'string' },
    state: { type: 'string', enum: ['OPEN', 'CLOSED'] },
    amount: { type: 'object', required: ['total'], properties: { total: { type: 'integer' } } },
    goods: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

function mockPlaces(value: unknown): string[] {
  const issues: Issues = [];
  checkValue(order, value, '', 'body', issues);
  return issues.map((i) => `${i.field} ${i.issue}`);
}
const clientPlaces = (value: unknown): string[] => validateValue(fieldSchema(order), value, 'json').map((i) => `${i.path} ${i.message}`);

describe('mock and client refuse the same values at the same places', () => {
  test.each<[string, unknown, string[], string[]]>([
    ['valid', { appid: 'wx1', amount: { total: 1 }, goods: [{ id: 'g' }], tags: ['a'] }, [], []],
    ['null counts as absent', { appid: null, amount: { total: 1 } }, ['/appid is required but missing'], ['json.appid is required']],
    [
      'null array items are refused by both',
      { appid: 'wx1', amount: { total: 1 }, tags: ['a', null], goods: [null] },
      ['/goods/0 must be an object, found null', '/tags/1 must be a string, found null'],
      ['json.goods[0] must not be empty', 'json.tags[1] must not be empty'],
    ],
    [
      'type, enum and nested required',
      { appid: 7, state: 'PAID', amount: { total: 1.5 }, goods: [{}] },
      ['/appid must be a string, found a number', '/state must be one of OPEN, CLOSED', '/amount/total must be an integer, found a fraction', '/goods/0/id is required but missing'],
      ['json.appid must be a string', 'json.state must be one of "OPEN", "CLOSED"', 'json.amount.total must be an integer', 'json.goods[0].id is required'],
    ],
    ['an inherited name is not a property', Object.create({ appid: 'wx1', amount: { total: 1 } }) as unknown, ['/appid is required but missing', '/amount is required but missing'], ['json.appid is required', 'json.amount is required']],
  ])('%s', (_name, value, mock, client) => {
    expect(mockPlaces(value)).toEqual(mock);
    expect(clientPlaces(value)).toEqual(client);
  });

  test('a required property named __proto__ must be an own property', () => {
    const schema: ModelSchema = { type: 'object', required: ['__proto__'], properties: {} };
    const issues: Issues = [];
    checkValue(schema, {}, '', 'body', issues);
    expect(issues.map((i) => i.field)).toEqual(['/__proto__']);
    expect(validateValue(fieldSchema(schema), {}, 'json').map((i) => i.path)).toEqual(['json.__proto__']);
    const own = JSON.parse('{"__proto__": "x"}') as unknown;
    expect(validateValue(fieldSchema(schema), own, 'json')).toEqual([]);
  });

  test('the mock echoes a refused primitive, never an encrypted one', () => {
    const schema: ModelSchema = { type: 'object', properties: { name: { type: 'integer', encrypted: true }, n: { type: 'integer' } } };
    const issues: Issues = [];
    checkValue(schema, { name: 'SECRET', n: 'x' }, '', 'body', issues);
    expect(issues).toEqual([
      { field: '/name', issue: 'must be an integer, found a string', location: 'body' },
      { field: '/n', value: 'x', issue: 'must be an integer, found a string', location: 'body' },
    ]);
  });
});
