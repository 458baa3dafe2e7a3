/**
 * Line-based block scanner for the doc pages' VitePress markdown. Every block keeps the
 * 1-based line it starts on, so every later warning can name page:line.
 */
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { PageIssues } from '../issues';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';
import { parseAttrList, splitAttrs, type AttrList } from './attrs';

export interface SourceLine {
  readonly line: number;
  readonly text: string;
}

export type Block =
  | { readonly kind: 'heading'; readonly line: number; readonly level: number; readonly text: string; readonly attrs?: AttrList }
  | { readonly kind: 'paragraph'; readonly line: number; readonly lines: readonly SourceLine[] }
  | { readonly kind: 'table'; readonly line: number; readonly rows: readonly SourceLine[] }
  | { readonly kind: 'list'; readonly line: number; readonly items: readonly SourceLine[] }
  | { readonly kind: 'attrs'; readonly line: number; readonly attrs: AttrList }
  | { readonly kind: 'code'; readonly line: number; readonly info: string; readonly lines: readonly SourceLine[] }
  | { readonly kind: 'container-open'; readonly line: number; readonly name: string; readonly title: string; readonly attrs?: AttrList }
  | { readonly kind: 'container-close'; readonly line: number };

export interface ScannedPage {
  /** Front matter keys (title, description, …) with the line each is on. */
  readonly frontMatter: ReadonlyMap<string, { readonly value: unknown; readonly line: number }>;
  readonly blocks: readonly Block[];
}

const FENCE = /^(\s{0,3})(`{3,}|~{3,})(.*)$/;
const CONTAINER = /^:{3,}\s*(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d+[.)])\s+/;
/** A line that opens a fence with an info string (```php [同步声明式]): never a closing fence. */
const OPENING_FENCE = /^\s{0,3}(`{3,}|~{3,})\s*\S/;
/**
 * Lines that are PHP code, not prose: `$var->…`, `$var = …`, `$var[…]`, `->method(`, `'key' => …`,
 * `])` / `]);` alone. Outside a code block they mean a fence line was deleted.
 */
const PHP_LINE = /^\s*(?:\$[A-Za-z_]\w*\s*(?:->|\[|=[^=])|->\s*\w+\s*\(|'[^'\n]*'\s*=>|\]\)\s*;?\s*$|\]\s*,\s*$)/;

/** Scans a page into front matter and blocks. Fails (PageError) on an unterminated front matter or code fence. */
export function scanPage(source: string, issues: PageIssues, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): ScannedPage {
  const all = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const lines: SourceLine[] = all.map((text, i) => ({ line: i + 1, text }));
  for (const l of lines) {
    if (l.text.length > limits.maxLineChars) {
      issues.fail(l.line, `the line is ${l.text.length} characters long, more than the importer's limit of ${limits.maxLineChars} (limits.maxLineChars)`);
    }
  }
  let i = 0;
  const frontMatter = new Map<string, { value: unknown; line: number }>();
  if (lines[0]?.text.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l.text));
    if (end < 0) issues.fail(1, 'front matter opened with `---` is never closed; add a `---` line after it');
    const body = lines.slice(1, end);
    let data: unknown;
    try {
      // js-yaml (YAML 1.2 core schema, duplicate keys refused), as the generator's loader reads specs: the
      // `yaml` package's parse of 900 small front matters was ~10 % of a whole-corpus import
      data = loadYaml(body.map((l) => l.text).join('\n'), { schema: CORE_SCHEMA });
    } catch (e) {
      issues.fail(1, `front matter is not valid YAML (${firstLine((e as Error).message)})`);
    }
    if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
      issues.fail(1, 'front matter must be a YAML mapping (title, description)');
    }
    for (const [key, value] of Object.entries((data ?? {}) as Record<string, unknown>)) {
      const at = body.find((l) => l.text.startsWith(`${key}:`));
      frontMatter.set(key, { value, line: at?.line ?? 1 });
    }
    i = end + 1;
  }

  const blocks: Block[] = [];
  let para: SourceLine[] = [];
  let table: SourceLine[] = [];
  let list: SourceLine[] = [];
  const flush = (): void => {
    if (para.length > 0) blocks.push({ kind: 'paragraph', line: para[0]?.line ?? 0, lines: para });
    if (table.length > 0) blocks.push({ kind: 'table', line: table[0]?.line ?? 0, rows: table });
    if (list.length > 0) blocks.push({ kind: 'list', line: list[0]?.line ?? 0, items: list });
    para = [];
    table = [];
    list = [];
  };

  for (; i < lines.length; i++) {
    const cur = lines[i];
    if (!cur) break;
    const text = cur.text;
    const fence = FENCE.exec(text);
    if (fence) {
      flush();
      const marker = fence[2] ?? '```';
      const body: SourceLine[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        const l = lines[i];
        if (!l) break;
        const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(l.text);
        if (close && close[1]?.[0] === marker[0] && (close[1]?.length ?? 0) >= marker.length) {
          closed = true;
          break;
        }
        const reopen = OPENING_FENCE.exec(l.text);
        if (reopen && reopen[1]?.[0] === marker[0] && (reopen[1]?.length ?? 0) >= marker.length) {
          issues.fail(l.line, `a code block opens here while the one opened at line ${cur.line} is still open: a fence line is missing (a closing ${marker} before this line, or an opening one before line ${cur.line})`);
        }
        body.push(l);
      }
      if (!closed) issues.fail(cur.line, `code block opened with ${marker} is never closed; add a closing ${marker} line`);
      blocks.push({ kind: 'code', line: cur.line, info: (fence[3] ?? '').trim(), lines: body });
      continue;
    }
    if (text.trim() === '') {
      flush();
      continue;
    }
    const container = CONTAINER.exec(text);
    if (container) {
      flush();
      const rest = (container[1] ?? '').trim();
      if (rest === '') blocks.push({ kind: 'container-close', line: cur.line });
      else {
        const { text: head, attrs } = splitAttrs(rest);
        const space = head.search(/\s/);
        const name = space < 0 ? head : head.slice(0, space);
        const title = space < 0 ? '' : head.slice(space + 1).trim();
        blocks.push(attrs ? { kind: 'container-open', line: cur.line, name, title, attrs } : { kind: 'container-open', line: cur.line, name, title });
      }
      continue;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      flush();
      const { text: title, attrs } = splitAttrs(heading[2] ?? '');
      const level = heading[1]?.length ?? 1;
      blocks.push(attrs ? { kind: 'heading', line: cur.line, level, text: title, attrs } : { kind: 'heading', line: cur.line, level, text: title });
      continue;
    }
    if (text.trimStart().startsWith('|')) {
      if (para.length > 0 || list.length > 0) flush();
      table.push(cur);
      continue;
    }
    if (table.length > 0) flush();
    const onlyAttrs = /^\s*\{(.*)\}\s*$/.exec(text);
    if (onlyAttrs && !text.includes('{{')) {
      const parsed = parseAttrList(onlyAttrs[1] ?? '');
      if (parsed) {
        flush();
        blocks.push({ kind: 'attrs', line: cur.line, attrs: parsed });
        continue;
      }
    }
    if (LIST_ITEM.test(text)) {
      if (para.length > 0) flush();
      list.push(cur);
      continue;
    }
    if (list.length > 0 && /^\s+\S/.test(text)) {
      // continuation of the previous list item
      const last = list[list.length - 1];
      if (last) list[list.length - 1] = { line: last.line, text: `${last.text} ${text.trim()}` };
      continue;
    }
    if (list.length > 0) flush();
    if (PHP_LINE.test(text)) {
      issues.fail(cur.line, 'this line is PHP code outside any code block: a ``` fence line is missing (deleted?) around it');
    }
    para.push(cur);
  }
  flush();
  return { frontMatter, blocks };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
