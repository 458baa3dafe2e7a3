/**
 * Pages that must not crash, hang or blow up the importer: each is a located error
 * (page:line) or a warning, never a RangeError, and the limits behind them are options.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_IMPORT_LIMITS, importPagesSync } from '../../importer';
import { PageError, PageIssues } from '../../importer/issues';
import { readPage } from '../../importer/page';
import { readPhpCall, toJs } from '../../importer/php';
import { SAMPLE, tempDir } from './support';

const HEAD = '---\ntitle: 测试\n---\n\n# {{ $frontmatter.title }} {#post}\n\n| 请求参数 | 类型 {.type} | 描述 {.desc}\n| --- | --- | ---\n';
const TAIL = '\n{.im-table #request}\n';
/** HEAD is 8 lines: the first table body row is line 9. */
const FIRST_ROW = 9;

function failure(source: string, limits = DEFAULT_IMPORT_LIMITS): { line: number; message: string } {
  try {
    readPage(source, 'v3/test', new PageIssues('p.md'), limits);
  } catch (e) {
    if (e instanceof PageError) return { line: e.line, message: e.message };
    throw e;
  }
  throw new Error('the page was read without an error');
}

function deepRows(depth: number): string {
  let rows = '| json {data-required} | object | 请求体\n';
  for (let i = 1; i <= depth; i++) rows += `| f${i} {data-indent=${i}} | object | 第${i}层\n`;
  return HEAD + rows + TAIL;
}

describe('nesting', () => {
  test('5,000 data-indent rows: a PageError at the first row deeper than the limit, not "Maximum call stack size exceeded"', () => {
    const f = failure(deepRows(5000));
    // row f33 (data-indent=33) is the 34th body row
    expect(f).toEqual({ line: FIRST_ROW + 33, message: expect.stringContaining('data-indent=33, deeper than the importer\'s limit of 32 (limits.maxDepth)') });
  });

  test('rows up to the limit import; the limit is an option', () => {
    expect(() => readPage(deepRows(32), 'v3/test', new PageIssues('p.md'))).not.toThrow();
    expect(failure(deepRows(3), { ...DEFAULT_IMPORT_LIMITS, maxDepth: 2 }).line).toBe(FIRST_ROW + 3);
  });

  test('a PHP example nested 5,000 deep is read as unknown (no stack overflow)', () => {
    const code = `$instance->chain('v3/test')->post(['json' => ${'['.repeat(5000)}${']'.repeat(5000)}]);`;
    const call = readPhpCall(code);
    expect(call?.args.kind).toBe('unknown');
    expect(readPhpCall(`$instance->chain('v3/test')->post(['json' => ${'['.repeat(10)}1${']'.repeat(10)}]);`)?.args.kind).toBe('array');
  });

  test('a __proto__ key in a PHP example is data, not the prototype', () => {
    const call = readPhpCall(`$instance->chain('v3/test')->post(['json' => ['__proto__' => ['polluted' => 'yes']]]);`);
    const js = toJs(call?.args) as Record<string, Record<string, unknown>>;
    const json = js['json'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(json, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('many unreadable PHP assignments are read in one pass (linear, not once per later line)', () => {
    const code = `${'$a = [\n'.repeat(20_000)}$instance->chain('v3/test')->post(['json' => ['x' => 1]]);`;
    expect(readPhpCall(code)?.method).toBe('post');
  });
});

describe('size', () => {
  test('a 50 MB cell is a PageError naming its line, before any cell is parsed', () => {
    const src = `${HEAD}| json {data-required} | object | 请求体\n| a {data-indent=1} | string | ${'x'.repeat(50 * 1024 * 1024)}\n${TAIL}`;
    expect(failure(src)).toEqual({ line: FIRST_ROW + 1, message: expect.stringContaining("more than the importer's limit of 65536 (limits.maxLineChars)") });
  });

  test('a page file over maxPageBytes is an error of that page; the other pages import', () => {
    const dir = tempDir('limits');
    const pages = join(dir, 'openapi', 'v3');
    mkdirSync(join(pages, 'x'), { recursive: true });
    const good = readFileSync(join(SAMPLE, 'v3', 'facemch', 'users', '{face_sid}.md'), 'utf8');
    writeFileSync(join(pages, 'x', 'good.md'), good.replace(/v3\/facemch\/users\/\{face_sid\}/g, 'v3/x/good'));
    writeFileSync(join(pages, 'x', 'big.md'), `${HEAD}${'<!-- padding -->\n'.repeat(80_000)}`);
    const r = importPagesSync({ inputs: ['openapi'], out: 'specs', cwd: dir });
    expect(r.errors).toEqual([{ page: 'openapi/v3/x/big.md', line: 0, message: expect.stringMatching(/^is \d+ bytes, more than the importer's limit of 1048576 bytes per page \(limits\.maxPageBytes\)$/) }]);
    expect(r.pages.map((p) => p.page)).toEqual(['openapi/v3/x/good.md']);
    const small = importPagesSync({ inputs: ['openapi/v3/x/good.md'], out: 'specs2', cwd: dir, limits: { maxPageBytes: 100 } });
    expect(small.errors[0]?.message).toMatch(/more than the importer's limit of 100 bytes/);
  });

  test('a FIFO given as a page is refused without opening it', () => {
    const dir = tempDir('fifo');
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
    const r = importPagesSync({ inputs: ['pipe.md'], out: 'specs', cwd: dir });
    expect(r.errors).toEqual([{ page: 'pipe.md', line: 0, message: 'is not a regular file' }]);
  });

  test('unknown or bad limits are refused', () => {
    expect(() => importPagesSync({ inputs: [], limits: { maxPages: 1 } as never })).toThrow(/unknown limit "maxPages"/);
    expect(() => importPagesSync({ inputs: [], limits: { maxDepth: 0 } })).toThrow(/limits.maxDepth/);
  });
});

describe('broken code fences', () => {
  const page = readFileSync(join(SAMPLE, 'v3', 'fund-app', 'mch-transfer', 'transfer-bills', 'transfer.md'), 'utf8');
  const lines = page.split('\n');
  /** 1-based line numbers of the page's fence lines, as they are in the file. */
  const opening = lines.flatMap((l, i) => (/^```php/.test(l) ? [i + 1] : []));
  const closing = lines.flatMap((l, i) => (l === '```' ? [i + 1] : []));
  const without = (line: number): string => lines.filter((_, i) => i + 1 !== line).join('\n');

  test('the sample page has the fences this test deletes', () => {
    expect(opening.length).toBeGreaterThanOrEqual(2);
    expect(closing.length).toBe(opening.length);
  });

  test('a deleted opening fence: the PHP code is not pulled into the description, the page fails at its first code line', () => {
    const f = failure(without(opening[0] as number));
    // with the fence line gone, the first line of PHP code takes its line number
    expect(f.line).toBe(opening[0]);
    expect(f.message).toMatch(/PHP code outside any code block: a ``` fence line is missing/);
  });

  test('a deleted closing fence: the page fails where the next block opens inside the unclosed one', () => {
    const f = failure(without(closing[0] as number));
    // the next opening fence moves up one line once the closing fence is gone
    expect(f.line).toBe((opening[1] as number) - 1);
    expect(f.message).toContain(`while the one opened at line ${opening[0]} is still open`);
  });

  test('the intact page imports', () => {
    expect(() => readPage(page, 'v3/fund-app/mch-transfer/transfer-bills/transfer', new PageIssues('p.md'))).not.toThrow();
  });
});
