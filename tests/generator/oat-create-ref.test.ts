import { rememberingCreateRef } from '../../generator/emit/oat-create-ref';

// openapi-typescript's own createRef, the one the transform modules would call
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRef } = require('openapi-typescript/dist/lib/utils.cjs') as { createRef: (parts: readonly unknown[]) => string };

describe('the remembering createRef gives what openapi-typescript\'s gives', () => {
  const parts: unknown[] = [
    '#/paths/~1v3~1pay/get', '#/paths/~1v3~1pay/get', 'properties', 'a/b', 'a~b', '~01', '~1', '~2', '%41', 'x#/y', '#/a#/b', '#', '#/', '#//a', '#/a//b/',
    '', undefined, null, 0, 7, '中文', 'with space', 'parameters', 'query', 'name',
  ];
  test.each(parts.map((p) => [String(p), p]))('after a parent, the part %s', (_, part) => {
    const fast = rememberingCreateRef(createRef);
    for (const parent of ['#/paths/~1v3~1pay/get', '#/components/schemas/A%20B', '#/x']) {
      // twice each: the second call is answered from the remembered piece
      for (let i = 0; i < 2; i++) {
        expect(fast([parent, part])).toBe(createRef([parent, part]));
        expect(fast([part, parent])).toBe(createRef([part, parent]));
        expect(fast([part])).toBe(createRef([part]));
      }
    }
  });

  test('pointers built up level by level, as the transform does', () => {
    const fast = rememberingCreateRef(createRef);
    let a = createRef(['paths', '/v3/pay/{id}']);
    let b = fast(['paths', '/v3/pay/{id}']);
    for (const k of ['get', 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'a~/b', 'items']) {
      a = createRef([a, k]);
      b = fast([b, k]);
      expect(b).toBe(a);
    }
    expect(b).toBe('#/paths/~1v3~1pay~1{id}/get/responses/200/content/application~1json/schema/properties/a~0~1b/items');
  });
});
