import { parse } from 'yaml';
import { checksum, isUntouchedImport, toYaml, withMarker } from '../../importer/emit-yaml';
import { PageIssues } from '../../importer/issues';
import { splitAttrs } from '../../importer/markdown/attrs';
import { scanPage } from '../../importer/markdown/blocks';
import { splitCells } from '../../importer/markdown/table';
import { readPage } from '../../importer/page';
import { member, readPhpCall, toJs } from '../../importer/php';
import { addPaths, ROOT_TEMPLATE } from '../../importer/root';
import { describe as describeCell } from '../../importer/schema';

describe('attribute lists', () => {
  it.each([
    ['json {data-required}', 'json', [['data-required', '']], []],
    ['name {data-required data-indent=2}', 'name', [['data-required', ''], ['data-indent', '2']], []],
    ['object {data-tooltip="对应PHP的array"}', 'object', [['data-tooltip', '对应PHP的array']], []],
    ['string {data-tooltip=微信支付公钥/平台证书加密后的BASE64字符串 data-encrypted=by-rsa-pubkey}', 'string', [['data-tooltip', '微信支付公钥/平台证书加密后的BASE64字符串'], ['data-encrypted', 'by-rsa-pubkey']], []],
    ['{colspan=3 .im-table-line}', '', [['colspan', '3']], ['im-table-line']],
  ])('%s', (raw, text, attrs, classes) => {
    const r = splitAttrs(raw);
    expect(r.text).toBe(text);
    expect(r.attrs?.attrs).toEqual(attrs);
    expect(r.attrs?.classes).toEqual(classes);
  });

  it('leaves templates and plain text alone', () => {
    expect(splitAttrs('{{ $frontmatter.title }}')).toEqual({ text: '{{ $frontmatter.title }}' });
    expect(splitAttrs('plain')).toEqual({ text: 'plain' });
    expect(splitAttrs('# {{ $frontmatter.title }} {#post}').attrs?.id).toBe('post');
  });
});

describe('table cells', () => {
  it.each([
    ['| a | b | c', ['a', 'b', 'c']],
    ['| a | b | c |', ['a', 'b', 'c']],
    ['| state | string | 状态<br/>`A` \\| `B` 枚举值之一', ['state', 'string', '状态<br/>`A` \\| `B` 枚举值之一']],
    ['| authinfo | string | ', ['authinfo', 'string']],
  ])('%s', (line, cells) => {
    expect(splitCells(line)).toEqual(cells);
  });
});

describe('descriptions and enums', () => {
  it.each([
    ['证件类型<br/>`1` \\| `2` \\| `3` 枚举值之一', '证件类型', ['1', '2', '3']],
    ['`1` \\| `2` 枚举值之一', undefined, ['1', '2']],
    ['回单文件摘要类型<br/>`SM3` 枚举值', '回单文件摘要类型', ['SM3']],
    ['文件摘要算法 `DIGEST_ALGORITHM_SM3`枚举值', '文件摘要算法', ['DIGEST_ALGORITHM_SM3']],
    ['验证状态<br/>`Under Review` \\| `Approved` 枚举值之一', '验证状态', ['Under Review', 'Approved']],
    ['枚举可选的字段枚举值', '枚举可选的字段枚举值', undefined],
    ['第一行<br/>第二行 a \\| b', '第一行\n第二行 a | b', undefined],
    ['', undefined, undefined],
  ])('%s', (cell, description, enumValues) => {
    expect(describeCell(cell)).toEqual({ ...(description !== undefined ? { description } : {}), ...(enumValues ? { enumValues } : {}) });
  });
});

describe('PHP examples', () => {
  const call = (code: string) => readPhpCall(code);

  it('reads the options array of the call, with nested arrays, comments and trailing commas', () => {
    const c = call(`$response = $instance->chain('v3/x')->postAsync([
  'base_uri' => 'https://apihk.mch.weixin.qq.com/', // 接入点
  'json' => [
    'a' => 'it\\'s',
    'b' => -12,
    'c' => 1.5,
    'd' => [[ 'e' => true, ], ],
    'f' => NULL,
    /* block */ 'g' => "x\\ty",
  ],
])
->wait();`);
    expect(c?.method).toBe('post');
    expect(toJs(c?.args)).toEqual({ base_uri: 'https://apihk.mch.weixin.qq.com/', json: { a: "it's", b: -12, c: 1.5, d: [{ e: true }], f: null, g: 'x\ty' } });
  });

  it('json_encode, concatenation, variables, array() and unknown expressions', () => {
    const c = call(`$name = 'a';
$list = array(1, 2);
$instance['v3/x']->get([
  'query' => [
    'j' => \\json_encode(['k' => $list]),
    's' => $name . '-' . 'b',
    'u' => $media->getStream(),
    't' => \\time(),
  ],
]);`);
    expect(c?.method).toBe('get');
    expect(toJs(member(c?.args, 'query'))).toEqual({ j: '{"k":[1,2]}', s: 'a-b' });
  });

  it('reads the setMeta value of upload examples', () => {
    const c = call(`$media = new \\WeChatPay\\Util\\MediaUtil('file:///a.jpg');
$json = ['sha256' => 'abc', 'n' => 1];
$media->setMeta(\\json_encode($json));
$instance->chain('v3/x')->post(['body' => $media->getStream()]);`);
    expect(c?.meta?.kind).toBe('json');
    expect(toJs(c?.meta)).toBe('{"sha256":"abc","n":1}');
  });

  it('no call: undefined', () => {
    expect(call("'transfer_scene_id' => '1000',")).toBeUndefined();
  });

  it('string escapes as PHP reads them (php.net, Strings): single quotes keep all but \\\\ and \\\', double quotes the listed escapes', () => {
    // PHP source below, as it appears on a page (the template literal doubles each backslash)
    const c = call(`$instance->chain('v3/x')->post(['json' => [
  's1' => 'it\\'s a \\\\ and a \\n and \\$',
  's2' => "tab\\t nl\\n cr\\r quote\\" dollar\\$ nul\\0 slash\\\\ other\\q",
  's3' => '',
  's4' => "中文 'quoted' 字段",
  's5' => 'a"b',
]]);`);
    expect(toJs(member(c?.args, 'json'))).toEqual({
      s1: "it's a \\ and a \\n and \\$",
      s2: 'tab\t nl\n cr\r quote" dollar$ nul\0 slash\\ other\\q',
      s3: '',
      s4: "中文 'quoted' 字段",
      s5: 'a"b',
    });
  });

  it('an unterminated string makes the example unreadable, not a crash', () => {
    expect(toJs(member(call(`$instance->chain('v3/x')->post(['json' => ['a' => 'never closed]]);`)?.args, 'json'))).toBeUndefined();
  });
});

describe('page scanning', () => {
  it('keeps lines, front matter and containers', () => {
    const issues = new PageIssues('p.md');
    const page = scanPage('---\ntitle: T\n---\n\n# {{ $frontmatter.title }} {#get}\n\n::: tip 注意\n正文\n:::\n\n| a | b | c\n| --- | --- | ---\n| x | string | d\n\n{.im-table #request}\n', issues);
    expect(page.frontMatter.get('title')).toEqual({ value: 'T', line: 2 });
    expect(page.blocks.map((b) => [b.kind, b.line])).toEqual([['heading', 5], ['container-open', 7], ['paragraph', 8], ['container-close', 9], ['table', 11], ['attrs', 15]]);
    expect(issues.warnings).toEqual([]);
  });

  it.each([
    ['---\ntitle: T\n', 1, /front matter opened with `---` is never closed/],
    ['# t {#get}\n\n```php\n$a = 1;\n', 3, /code block opened with ``` is never closed/],
  ])('fails on %j', (source, line, message) => {
    expect(() => scanPage(source, new PageIssues('p.md'))).toThrow(expect.objectContaining({ line, message: expect.stringMatching(message) }));
  });
});

describe('YAML output', () => {
  it('quotes what another YAML reader would misread, and only that', () => {
    const text = toYaml({ a: '330000', b: '2026-11-23T10:34:56+08:00', c: 'yes', d: 'ADD', e: '', f: 'PUB_KEY_ID_01', g: 1, h: 'a: b', i: '1e3', j: '0755-86013388' });
    expect(text).toBe("a: '330000'\nb: '2026-11-23T10:34:56+08:00'\nc: 'yes'\nd: ADD\ne: ''\nf: PUB_KEY_ID_01\ng: 1\nh: 'a: b'\ni: '1e3'\nj: 0755-86013388\n");
    expect(parse(text)).toEqual({ a: '330000', b: '2026-11-23T10:34:56+08:00', c: 'yes', d: 'ADD', e: '', f: 'PUB_KEY_ID_01', g: 1, h: 'a: b', i: '1e3', j: '0755-86013388' });
  });

  it('writes required, enum and example lists in flow style, $refs single-quoted, long text unfolded', () => {
    const long = '很长的描述'.repeat(40);
    expect(toYaml({ required: ['a', 'b'], enum: ['1', 2], example: ['x'], $ref: '../w.yaml#/c', description: long }))
      .toBe(`required: [a, b]\nenum: ['1', 2]\nexample: [x]\n$ref: '../w.yaml#/c'\ndescription: ${long}\n`);
  });

  it('the marker checksum covers the body: any edit breaks it', () => {
    const body = 'get:\n  summary: x\n';
    const file = withMarker('openapi/v3/x.md', body);
    expect(file).toBe(`# imported by wxpay-gen from openapi/v3/x.md (sha256:${checksum(body)})\n${body}`);
    expect(isUntouchedImport(file)).toBe(true);
    expect(isUntouchedImport(file.replace('summary: x', 'summary: y'))).toBe(false);
    expect(isUntouchedImport(body)).toBe(false);
  });
});

describe('root paths', () => {
  const entry = (path: string): { path: string; ref: string } => ({ path, ref: `./paths${path}.yaml` });

  it('fills `paths: {}` of the template, sorted', () => {
    const r = addPaths(ROOT_TEMPLATE, [entry('/v3/b'), entry('/v3/a')]);
    expect(r.added).toEqual(['/v3/a', '/v3/b']);
    expect(r.text).toBe(ROOT_TEMPLATE.replace('paths: {}\n', "paths:\n  /v3/a:\n    $ref: './paths/v3/a.yaml'\n  /v3/b:\n    $ref: './paths/v3/b.yaml'\n"));
  });

  it('adds `paths` to a root without one, and handles an empty `paths:`', () => {
    expect(addPaths('openapi: 3.1.0\n', [entry('/v3/a')]).text).toBe("openapi: 3.1.0\npaths:\n  /v3/a:\n    $ref: './paths/v3/a.yaml'\n");
    expect(addPaths('openapi: 3.1.0\npaths:\ninfo: {}\n', [entry('/v3/a')]).text).toBe("openapi: 3.1.0\npaths:\n  /v3/a:\n    $ref: './paths/v3/a.yaml'\ninfo: {}\n");
  });

  it('keeps comments, inline path items and unsorted hand order; inserts before the first larger key', () => {
    const root = "paths:\n  # the z endpoint\n  /v3/z:\n    get:\n      responses: {}\n  /v3/c:\n    $ref: './paths/v3/c.yaml'\n";
    const r = addPaths(root, [entry('/v3/a'), entry('/v3/c'), entry('/v3/zz')]);
    expect(r.added).toEqual(['/v3/a', '/v3/zz']);
    expect(r.text).toBe("paths:\n  /v3/a:\n    $ref: './paths/v3/a.yaml'\n  # the z endpoint\n  /v3/z:\n    get:\n      responses: {}\n  /v3/c:\n    $ref: './paths/v3/c.yaml'\n  /v3/zz:\n    $ref: './paths/v3/zz.yaml'\n");
  });

  it('reports a path the root already lists with another $ref, and leaves it', () => {
    const r = addPaths("paths:\n  /v3/a:\n    $ref: './other.yaml'\n", [entry('/v3/a')]);
    expect(r.conflicts).toEqual([{ path: '/v3/a', existing: './other.yaml', wanted: './paths/v3/a.yaml' }]);
    expect(r.added).toEqual([]);
  });

  it.each([
    ['paths: [1, 2]\n', /`paths` in the root document must be a mapping/],
    ['- a\n- b\n', /must be a YAML mapping/],
    ['a: [\n', /not valid YAML/],
  ])('rejects %j', (text, message) => {
    expect(() => addPaths(text, [entry('/v3/a')])).toThrow(message);
  });
});

describe('page model', () => {
  const page = (source: string, filePath?: string) => {
    const issues = new PageIssues('p.md');
    const doc = readPage(source, filePath, issues);
    return { doc, warnings: issues.warnings.map((w) => `${w.line}: ${w.message}`) };
  };

  it('takes the path from chain("…") in any quotes, else from the file name', () => {
    expect(page('# t {#get}\n\n```php\n$instance->chain("/v3/a/{b}")->get([]);\n```\n').doc.path).toBe('v3/a/{b}');
    expect(page('# t {#get}\n', 'v3/from/file').doc.path).toBe('v3/from/file');
    expect(() => page('# t {#get}\n')).toThrow(expect.objectContaining({ line: 1, message: expect.stringMatching(/cannot tell the API path/) }));
    expect(() => page('# t {#get}\n', 'v3/a b')).toThrow(/not a usable path template/);
  });

  it('splits {#mix} pages into sections and warns about sections it cannot use', () => {
    const { doc, warnings } = page('# 混合 {#mix}\n\n引言\n\n## 查询 {#get}\n\n查询说明\n\n## 其它说明\n\n跳过\n\n## 再查 {#get}\n\n## 删除 {#delete}\n', 'v3/m');
    expect(doc.mixTitle).toBe('混合');
    expect(doc.mixDescription).toEqual(['引言']);
    expect(doc.operations.map((o) => [o.method, o.summary, o.description])).toEqual([['get', '查询', ['查询说明']], ['delete', '删除', []]]);
    expect(warnings).toEqual([
      '9: section "其它说明" has no {#get|post|put|patch|delete} method id; section skipped',
      '13: a second {#get} section; the page already documents GET, section skipped',
    ]);
  });

  it('a {#mix} page without sections cannot be imported', () => {
    expect(() => page('# 混合 {#mix}\n\n正文\n', 'v3/m')).toThrow(/needs `## <summary> \{#method\}` sections/);
  });
});
