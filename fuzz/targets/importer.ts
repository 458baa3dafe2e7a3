/**
 * Importer target: the sample doc pages, mutated (lines dropped, duplicated, moved, cut;
 * fence/table/container/heading lines inserted; rows nested thousands deep or by the
 * thousand; huge cells; PHP examples nested deep; junk code units, NUL, CRLF, BOM), read,
 * turned into a path item and YAML, and the YAML parsed back. The answer must be YAML that
 * parses, or a PageError (a located WxPayGenError); every warning names a line of the page.
 * Now and then the page goes through importPagesSync from a file, limits and all.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { WxPayGenError } from '../../generator/errors';
import { importPagesSync } from '../../importer';
import { toYaml } from '../../importer/emit-yaml';
import { PageError, PageIssues } from '../../importer/issues';
import { readPage } from '../../importer/page';
import { buildPathItem } from '../../importer/path-item';
import { DEFAULT_SERVER } from '../../importer/root';
import type { Draw } from '../rng';
import type { FuzzTarget, Outcome, TargetEnv } from '../types';

const LINES = [
  '```', '```php', '```php [同步声明式]', '~~~', '````', ':::', '::: code-group', '::: tip', '::: danger 已废弃 {.im-redesigned}',
  '| 请求参数 | 类型 {.type} | 描述 {.desc}', '| 返回字典 | 类型 {.type} | 描述 {.desc}', '| --- | --- | ---', '| - | - | -',
  '{.im-table #request}', '{.im-table #response}', '{colspan=3 .im-table-line}', '| x {colspan=3 .im-table-line}',
  '# {{ $frontmatter.title }} {#post}', '## 查询 {#get}', '## x {#mix}', '---', '<br/>', '{{ $frontmatter.nothing }}',
  "$instance->chain('v3/x')->post(['json' => ['a' => 1]]);", "'json' => [", '])', '参阅 [x](/openapi/v3/x)',
  '| json {data-required} | object | x', '| a {data-indent=1} | string {data-encrypted=by-rsa-pubkey} | `A` \\| `B` 枚举值之一',
  '| __proto__ {data-indent=1} | object | x', '| b {data-indent=99999999999999999999} | string | x', '',
];

export function listPages(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listPages(full));
    else if (name.endsWith('.md')) out.push(full);
  }
  return out;
}

function deepRows(d: Draw): string[] {
  const depth = d.size(2, 6000);
  const rows = ['| json {data-required} | object | x'];
  const flat = d.chance(0.5);
  for (let i = 1; i <= depth; i++) rows.push(`| f${i} {data-indent=${flat ? 1 : i}} | ${d.chance(0.8) ? 'object' : 'string'} | d`);
  return rows;
}

export function mutate(text: string, d: Draw): string {
  const lines = text.split('\n');
  const edits = 1 + d.int(4);
  for (let e = 0; e < edits; e++) {
    const i = d.int(lines.length);
    const line = lines[i] ?? '';
    switch (d.int(11)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, line); break;
      case 2: { const j = d.int(lines.length); lines[i] = lines[j] ?? ''; lines[j] = line; break; }
      case 3: lines.splice(i, 0, d.pick(LINES)); break;
      case 4: lines.splice(i, 0, ...deepRows(d)); break;
      case 5: lines[i] = `${line} ${'长'.repeat(d.size(100, 120_000))}`; break;
      case 6: {
        const depth = d.size(10, 6000);
        lines[i] = line.replace(/=> .*$/, `=> ${'['.repeat(depth)}1${']'.repeat(depth)},`);
        break;
      }
      case 7: lines[i] = line.slice(0, d.int(line.length + 1)) + d.junk(d.size(1, 40)) + line.slice(d.int(line.length + 1)); break;
      case 8: lines.length = Math.max(1, i); break;
      case 9: lines[i] = line.replace(/data-indent=\d+/, `data-indent=${d.size(0, 100)}`); break;
      default: lines[i] = line.replace(/[A-Za-z_]+/, (w) => w.split('').reverse().join('')); break;
    }
  }
  const sep = d.chance(0.05) ? '\r\n' : '\n';
  return (d.chance(0.02) ? '\uFEFF' : '') + lines.join(sep);
}

/** The path template of a page from its file name, as importPages derives it. */
function filePath(docs: string, abs: string): string {
  return abs.slice(join(docs, 'openapi').length + 1).replace(/\.md$/, '');
}

export function importerTarget(env: TargetEnv): FuzzTarget {
  const pages = listPages(join(env.docs, 'openapi'));
  if (pages.length === 0) throw new Error(`no doc pages under ${env.docs}/openapi`);
  const texts = pages.map((p) => readFileSync(p, 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'wxpay-gen-fuzz-pages-'));
  return {
    run(d: Draw, n: number): Outcome {
      const k = d.int(pages.length);
      const source = mutate(texts[k] ?? '', d);
      // as the scanner counts them: \r\n, a lone \r and \n each end a line
      const lineCount = source.split(/\r\n?|\n/).length;
      if (n % 50 === 0) return viaFiles(work, filePath(env.docs, pages[k] ?? ''), source, n);
      const issues = new PageIssues('page.md');
      try {
        const doc = readPage(source, filePath(env.docs, pages[k] ?? ''), issues);
        const item = buildPathItem(doc, { issues, rootRef: '../wechatpay.yaml', defaultServer: DEFAULT_SERVER });
        const yaml = toYaml(item);
        // the YAML must parse back (checked below 256 kB: the yaml package's parser, not the importer, dominates beyond)
        if (yaml.length < 256 * 1024) parseYaml(yaml, { maxAliasCount: 0 });
      } catch (e) {
        if (!(e instanceof PageError) && !(e instanceof WxPayGenError)) throw e;
        if (e instanceof PageError && !(e.line >= 0 && e.line <= lineCount + 1)) throw new Error(`PageError at line ${e.line} of a ${lineCount}-line page`);
        return 'rejected';
      }
      for (const w of issues.warnings) if (!(w.line >= 0 && w.line <= lineCount + 1)) throw new Error(`warning at line ${w.line} of a ${lineCount}-line page: ${w.message.slice(0, 100)}`);
      return 'accepted';
    },
    close() {
      rmSync(work, { recursive: true, force: true });
    },
  };
}

function viaFiles(work: string, path: string, source: string, n: number): Outcome {
  const dir = join(work, String(n));
  const file = join(dir, 'openapi', `${path}.md`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, source);
  try {
    const r = importPagesSync({ inputs: ['openapi'], out: 'specs', cwd: dir });
    if (r.errors.some((e) => e.message.includes('internal limit was hit') || e.message.startsWith('cannot import the page:'))) {
      throw new Error(`importPages reported an unexpected error: ${r.errors.map((e) => e.message.slice(0, 120)).join('; ')}`);
    }
    return r.errors.length > 0 ? 'rejected' : 'accepted';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
