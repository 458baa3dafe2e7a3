import { compileFieldPaths, rewriteCopy, rewriteInPlace, slotPaths } from '../../templates/runtime/fields';
import type { FieldTrie } from '../../templates/runtime/fields';
import { validateArgs } from '../../templates/runtime/validate';
import { buildQuery, compilePath, contentTypeFor, encodeComponent, fillPath, multipartBody } from '../../templates/runtime/wire';
import { contractsGet, deepPost, facemchGet, qualificationsPost, uploadPost } from './support';

const upper = (v: unknown) => `<${String(v).toUpperCase()}>`;

describe('field paths', () => {
  const trie = compileFieldPaths(slotPaths(deepPost.encrypted.request, 'json')) as FieldTrie;

  test('no paths → nothing to do', () => {
    expect(compileFieldPaths([])).toBeUndefined();
  });

  test('rewrites at every depth, in objects, arrays of objects, arrays of strings, query and headers', () => {
    const args = {
      id: 'x',
      query: { name: 'q', page: 1 },
      headers: { 'X-Secret': 'h', Other: 'o' },
      json: {
        holder: { name: 'a', note: 'n' },
        people: [{ name: 'b', age: 1 }, { age: 2 }, { name: '', age: 3 }, { name: 'c' }],
        phones: ['p1', '', 'p2'],
        plain: 'plain',
      },
    };
    const out = rewriteCopy(args, trie, upper) as typeof args;
    expect(out).toEqual({
      id: 'x',
      query: { name: '<Q>', page: 1 },
      headers: { 'X-Secret': '<H>', Other: 'o' },
      json: {
        holder: { name: '<A>', note: 'n' },
        people: [{ name: '<B>', age: 1 }, { age: 2 }, { name: '', age: 3 }, { name: '<C>' }],
        phones: ['<P1>', '', '<P2>'],
        plain: 'plain',
      },
    });
  });

  test('never mutates the input; shares untouched branches', () => {
    const args = { json: { holder: { name: 'a' }, people: [{ name: 'b' }], untouched: { deep: [1, 2] } } };
    const snapshot = JSON.stringify(args);
    const frozen = Object.freeze(args);
    const out = rewriteCopy(frozen, trie, upper) as { json: Record<string, unknown> };
    expect(JSON.stringify(args)).toBe(snapshot);
    expect(out).not.toBe(args);
    expect(out.json.untouched).toBe(args.json.untouched);
  });

  test('returns the same object when nothing sensitive is present', () => {
    const args = { json: { plain: 'x' }, query: { page: 2 } };
    expect(rewriteCopy(args, trie, upper)).toBe(args);
  });

  test('tolerates wrong shapes (validation is elsewhere)', () => {
    const args = { json: { people: 'not an array', holder: ['x'], phones: null } };
    expect(rewriteCopy(args, trie, upper)).toBe(args);
  });

  test('reports the rendered path of each field', () => {
    const seen: string[] = [];
    rewriteCopy({ json: { people: [{}, { name: 'x' }], phones: ['a', 'b'] }, headers: { 'X-Secret': 's' } }, trie, (v, p) => {
      seen.push(p());
      return v;
    });
    expect(seen.sort()).toEqual(['headers.X-Secret', 'json.people[1].name', 'json.phones[0]', 'json.phones[1]']);
  });

  test('in place: rewrites the given object', () => {
    const resTrie = compileFieldPaths(slotPaths(facemchGet.encrypted.response, 'response')) as FieldTrie;
    const body = { openid: 'o', real_name_info: { encrypted_real_name: 'n', credential_type: 1, encrypted_credential_id: 'c' } };
    rewriteInPlace(body, resTrie, upper);
    expect(body.real_name_info).toEqual({ encrypted_real_name: '<N>', credential_type: 1, encrypted_credential_id: '<C>' });
  });
});

describe('validation', () => {
  test.each<[string, typeof facemchGet, Record<string, unknown>, string[]]>([
    ['all good', facemchGet, { face_sid: 's', query: { info_type: 'ASK_UNIONID', appid: 'wx' } }, []],
    ['missing path param and query', facemchGet, {}, ['face_sid', 'query']],
    ['enum and missing query field', facemchGet, { face_sid: 's', query: { info_type: 'NOPE' } }, ['query.info_type', 'query.appid']],
    ['wrong types', contractsGet, { openid: 1, query: { appid: 2, limit: 1.5 } }, ['openid', 'query.appid', 'query.limit']],
    [
      'every missing json field, Wechatpay-Serial not required (the client fills it)',
      qualificationsPost,
      { json: { real_name: 'x' } },
      ['json.id_card_number', 'json.phone_number', 'json.qualification_region_code', 'json.identity_document_type'],
    ],
    ['whole json missing', qualificationsPost, {}, ['json']],
    [
      'nested arrays',
      deepPost,
      { id: 'i', json: { people: [{ name: 1 }, null, { age: 'x' }], phones: ['a', 2], holder: [] } },
      ['json.holder', 'json.people[0].name', 'json.people[1]', 'json.people[2].age', 'json.phones[1]'],
    ],
    ['header names are case-insensitive', deepPost, { id: 'i', headers: { 'x-secret': 5 } }, ['headers.X-Secret']],
    ['multipart: Buffer is a binary string', uploadPost, { multipart: { file: Buffer.from('x'), meta: { filename: 'a.png', sha256: 'h' } } }, []],
    ['multipart: missing parts', uploadPost, { multipart: { file: 'not bytes', meta: {} } }, ['multipart.file', 'multipart.meta.filename', 'multipart.meta.sha256']],
  ])('%s', (_name, op, args, paths) => {
    expect(validateArgs(op, args).map((i) => i.path).sort()).toEqual([...paths].sort());
  });

  test('messages say what is expected, never the value given', () => {
    const issues = validateArgs(facemchGet, { face_sid: 's', query: { info_type: 'SECRET-VALUE-123', appid: 99 } });
    expect(issues).toEqual([
      { path: 'query.info_type', message: 'must be one of "ASK_UNIONID", "ASK_REAL_NAME"' },
      { path: 'query.appid', message: 'must be a string' },
    ]);
    expect(JSON.stringify(issues)).not.toContain('SECRET-VALUE-123');
  });
});

describe('wire', () => {
  test.each([
    ['plain', 'abc-_.~', 'abc-_.~'],
    ['space, slash, question mark, hash', 'a b/c?d#e', 'a%20b%2Fc%3Fd%23e'],
    ["sub-delims the URL parser would re-encode ('!()*)", "it's(ok)!*", 'it%27s%28ok%29%21%2A'],
    ['unicode', '张三', '%E5%BC%A0%E4%B8%89'],
    ['base64 ciphertext', 'ab+/c==', 'ab%2B%2Fc%3D%3D'],
  ])('encodeComponent: %s', (_n, input, expected) => {
    expect(encodeComponent(input)).toBe(expected);
    // What we produce survives the WHATWG URL parser (used by fetch) untouched.
    const url = new URL(`http://h/p/${expected}?q=${expected}`);
    expect(url.pathname).toBe(`/p/${expected}`);
    expect(url.search).toBe(`?q=${expected}`);
  });

  test('fillPath encodes each parameter as one segment', () => {
    expect(fillPath(compilePath('/v3/facemch/users/{face_sid}'), { face_sid: 'a/b c' })).toBe('/v3/facemch/users/a%2Fb%20c');
    expect(fillPath(compilePath('/v3/a/{x}/b/{y}'), { x: 1, y: 'z' })).toBe('/v3/a/1/b/z');
    expect(fillPath(compilePath('/v3/plain'), {})).toBe('/v3/plain');
  });

  test('buildQuery keeps key order, skips absent values, repeats array keys', () => {
    expect(buildQuery(undefined)).toBe('');
    expect(buildQuery({})).toBe('');
    expect(buildQuery({ b: 'x y', a: 1, c: undefined, d: null, e: true, f: ['1', 2] })).toBe('?b=x%20y&a=1&e=true&f=1&f=2');
  });

  test('multipart body: meta JSON part then file part', () => {
    const body = multipartBody('BOUND', '{"filename":"a.png"}', Buffer.from([1, 2, 3]), 'a.png', contentTypeFor('a.png'));
    const text = body.toString('latin1');
    expect(text).toBe(
      '--BOUND\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"filename":"a.png"}\r\n' +
        '--BOUND\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\u0001\u0002\u0003\r\n--BOUND--\r\n',
    );
    expect(contentTypeFor('X.JPG')).toBe('image/jpeg');
    expect(contentTypeFor('noext')).toBe('application/octet-stream');
  });
});
