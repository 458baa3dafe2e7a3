/**
 * Stage 1: one doc page (markdown source) → DocPage, the page model: path, operations,
 * their tables as row trees, examples, links and descriptive text, each with its line.
 */
import { HTTP_METHODS, isHttpMethod, type LowerHttpMethod as HttpMethod } from '../templates/runtime/methods';
import type { PageIssues } from './issues';
import { scanPage, type Block } from './markdown/blocks';
import { parsePipeTable } from './markdown/table';
import { readPhpCall, type PhpCall } from './php';
import { buildRows, type DocRow, type NoteRow } from './rows';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';

export { HTTP_METHODS };
export type { LowerHttpMethod as HttpMethod } from '../templates/runtime/methods';

/** Where the doc site lives: relative links and pages without official links point here. */
export const SITE = 'https://wechatpay.im';

export interface DocLink {
  readonly line: number;
  readonly text: string;
  readonly url: string;
}

export interface DocExample {
  readonly line: number;
  readonly call: PhpCall;
}

export interface DocTable {
  readonly line: number;
  readonly roots: readonly DocRow[];
  readonly notes: readonly NoteRow[];
}

export interface DocOperation {
  readonly method: HttpMethod;
  /** Line of the `# … {#method}` / `## … {#method}` heading. */
  readonly line: number;
  readonly summary: string;
  /** Markdown paragraphs, in page order. */
  readonly description: readonly string[];
  readonly deprecated: boolean;
  readonly request?: DocTable;
  readonly response?: DocTable;
  readonly example?: DocExample;
  readonly links: readonly DocLink[];
  /** `true` on `{#mix}` pages and pages with several `# … {#method}` headings (the wechatpay.im anchor of the section is `#method`). */
  readonly inMix: boolean;
}

export interface DocPage {
  /** Path template without the leading slash: `v3/facemch/users/{face_sid}`. */
  readonly path: string;
  /** Line of the example that names the path (1 when it comes from the file name). */
  readonly pathLine: number;
  /** `summary` of a `{#mix}` page as a whole (its `#` heading). */
  readonly mixTitle?: string;
  /** Paragraphs before the first `##` section of a `{#mix}` page. */
  readonly mixDescription: readonly string[];
  readonly operations: readonly DocOperation[];
}

const KNOWN_FRONT_MATTER = new Set(['title', 'description']);
/** Container classes that mark the operation deprecated. */
const DEPRECATING_CLASSES: ReadonlySet<string> = new Set(['im-redesigned', 'im-deprecated']);
/** Container classes that only style a note (its text goes into the description like any other note). */
const NOTE_CLASSES: ReadonlySet<string> = new Set(['im-important', 'im-specific', 'im-parsed', 'im-confusing', 'im-need-accessment']);
const NOTE_CONTAINERS = new Set(['tip', 'warning', 'danger', 'info', 'details', 'note', 'important', 'caution']);

/**
 * Reads one page. `filePath` is the page's path template derived from its file name
 * (`v3/…`), used when the page's examples do not name it.
 */
export function readPage(source: string, filePath: string | undefined, issues: PageIssues, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): DocPage {
  const { frontMatter, blocks } = scanPage(source, issues, limits);
  for (const [key, { line }] of frontMatter) {
    if (!KNOWN_FRONT_MATTER.has(key)) issues.warn(line, `front matter key "${key}" is not used by the importer; ignored`);
  }
  const fmText = (key: string): string | undefined => {
    const v = frontMatter.get(key);
    if (v === undefined || v.value === null) return undefined;
    if (typeof v.value === 'string' || typeof v.value === 'number') return String(v.value).trim();
    issues.warn(v.line, `front matter "${key}" is not a string; ignored`);
    return undefined;
  };
  const fm = { title: fmText('title'), description: fmText('description') };
  const expand = (text: string, line: number): string =>
    text.replace(/\{\{\s*\$frontmatter\.(\w+)\s*\}\}/g, (whole, key: string) => {
      const v = key === 'title' ? fm.title : key === 'description' ? fm.description : undefined;
      if (v === undefined) {
        issues.warn(line, `${whole} names a front matter key the page does not have; left out`);
        return '';
      }
      return v;
    }).trim();

  const h1Index = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const h1 = blocks[h1Index];
  if (!h1 || h1.kind !== 'heading') issues.fail(1, 'the page has no `# <title> {#method}` heading naming the HTTP method (e.g. `# {{ $frontmatter.title }} {#post}`)');
  for (const b of blocks.slice(0, h1Index)) warnSkipped(issues, b, 'before the page heading');
  const pageId = h1.attrs?.id;
  const title = expand(h1.text, h1.line);
  if (pageId !== 'mix' && (pageId === undefined || !isMethod(pageId))) {
    issues.fail(h1.line, `the page heading has ${pageId === undefined ? 'no {#method} id' : `the id {#${pageId}}`}; expected one of ${HTTP_METHODS.map((m) => `{#${m}}`).join(', ')} or {#mix}`);
  }
  const { path, line: pathLine } = pagePath(blocks, filePath, issues);

  if (pageId === 'mix') {
    const sections: { heading: Extract<Block, { kind: 'heading' }>; blocks: Block[] }[] = [];
    const intro: Block[] = [];
    let current: Block[] | undefined = intro;
    for (const b of blocks.slice(h1Index + 1)) {
      if (b.kind === 'heading' && b.level <= 2) {
        const id = b.attrs?.id;
        if (b.level === 1) {
          issues.warn(b.line, `a second \`#\` heading "${b.text}" on a {#mix} page; the section is skipped`);
          current = undefined;
        } else if (id !== undefined && isMethod(id)) {
          if (sections.some((s) => s.heading.attrs?.id === id)) {
            issues.warn(b.line, `a second {#${id}} section; the page already documents ${id.toUpperCase()}, section skipped`);
            current = undefined;
          } else {
            current = [];
            sections.push({ heading: b, blocks: current });
          }
        } else {
          issues.warn(b.line, `section "${b.text}" has no {#get|post|put|patch|delete} method id; section skipped`);
          current = undefined;
        }
        continue;
      }
      current?.push(b);
    }
    if (sections.length === 0) issues.fail(h1.line, 'a {#mix} page needs `## <summary> {#method}` sections, one per HTTP method; found none');
    const introText = readSection(intro, issues, expand, limits).description;
    return {
      path,
      pathLine,
      ...(title !== '' ? { mixTitle: title } : {}),
      mixDescription: introText,
      operations: sections.map(({ heading, blocks: body }) => operation(heading.attrs?.id as HttpMethod, heading.line, expand(heading.text, heading.line), body, true, issues, expand, limits)),
    };
  }
  const summary = title !== '' ? title : fm.title ?? '';
  // A page may document a second method under another `# … {#method}` heading (e.g.
  // marketing/bank/packages/{package_id}/tasks.md: POST, then `# 查询上传任务列表 {#get}`).
  const parts: { method: HttpMethod; line: number; summary: string; blocks: Block[] }[] = [{ method: pageId, line: h1.line, summary, blocks: [] }];
  let target: Block[] | undefined = parts[0]?.blocks;
  for (const b of blocks.slice(h1Index + 1)) {
    const id = b.kind === 'heading' && b.level === 1 ? b.attrs?.id : undefined;
    if (b.kind === 'heading' && id !== undefined && isMethod(id)) {
      if (parts.some((p) => p.method === id)) {
        issues.warn(b.line, `a second \`# … {#${id}}\` heading; the page already documents ${id.toUpperCase()}, section skipped`);
        target = undefined;
      } else {
        const part = { method: id, line: b.line, summary: expand(b.text, b.line), blocks: [] as Block[] };
        parts.push(part);
        target = part.blocks;
      }
      continue;
    }
    target?.push(b);
  }
  return { path, pathLine, mixDescription: [], operations: parts.map((p) => operation(p.method, p.line, p.summary, p.blocks, parts.length > 1, issues, expand, limits)) };
}

function isMethod(id: string): id is HttpMethod {
  return isHttpMethod(id);
}

/** The path template: from `chain('v3/…')` (or `$instance['v3/…']`), else from the file name. */
function pagePath(blocks: readonly Block[], filePath: string | undefined, issues: PageIssues): { path: string; line: number } {
  const found: { path: string; line: number }[] = [];
  for (const b of blocks) {
    if (b.kind !== 'code') continue;
    for (const l of b.lines) {
      // (most code lines name no path: the regular expression only where one could)
      if (!l.text.includes('chain(') && !l.text.includes('$instance[')) continue;
      const m = /(?:chain\(\s*|\$instance\[\s*)(['"])\/?(v\d[^'"]*)\1/.exec(l.text);
      if (m?.[2]) found.push({ path: m[2].replace(/\/+$/g, ''), line: l.line });
    }
  }
  const first = found[0];
  for (const other of found) {
    if (first && other.path !== first.path) {
      issues.warn(other.line, `example names the path "${other.path}", but the page's first example names "${first.path}"; using "${first.path}"`);
      break;
    }
  }
  const named = first ? withTrailingSlash(first.path) : undefined;
  const path = named ?? (filePath !== undefined ? pathOfFile(filePath) : undefined);
  if (path === undefined) issues.fail(1, 'cannot tell the API path: no example names it (`chain(\'v3/…\')`) and the file is not under a `v3/` folder');
  const segments = path.split('/');
  if (!segments.every((seg, i) => (seg === '' && i === segments.length - 1 && i > 0) || /^(?:[A-Za-z0-9_.~-]|\{[A-Za-z_]\w*\})+$/.test(seg))) {
    issues.fail(first?.line ?? 1, `"${path}" is not a usable path template (segments of letters, digits, - _ . ~ and {param}; {empty} only as the last segment)`);
  }
  if (first && named !== undefined && filePath !== undefined && pathOfFile(filePath) !== named) {
    issues.warn(first.line, `the examples name the path "${first.path}" but the file name says "${filePath}"; using "${named}"`);
  }
  return { path, line: first?.line ?? 1 };
}

/**
 * The PHP SDK's `{empty}` placeholder (`chain('v3/applyment4sub/applyment/{empty}')`) is an empty last
 * segment: the URL ends in a slash (`/v3/applyment4sub/applyment/`), it is not a path parameter.
 */
export function withTrailingSlash(path: string): string {
  return path.endsWith('/{empty}') ? path.slice(0, -'{empty}'.length) : path;
}

/** The path a page's file name stands for: `v3/a/index` is the trailing-slash path `v3/a/`. */
export function pathOfFile(filePath: string): string {
  return filePath.endsWith('/index') ? filePath.slice(0, -'index'.length) : filePath;
}

/** Path file (relative, `/`-separated, without `.yaml`) of a path template: a trailing slash is `…/index`. */
export function fileOfPath(path: string): string {
  return path.endsWith('/') ? `${path}index` : path;
}

interface SectionText {
  readonly description: string[];
  readonly deprecated: boolean;
  readonly links: DocLink[];
  readonly tables: { kind: 'request' | 'response'; table: DocTable }[];
  readonly examples: { label: string; line: number; code: string }[];
}

function operation(method: HttpMethod, line: number, summary: string, body: readonly Block[], inMix: boolean, issues: PageIssues, expand: (t: string, l: number) => string, limits: ImportLimits): DocOperation {
  const s = readSection(body, issues, expand, limits);
  const pick = (kind: 'request' | 'response'): DocTable | undefined => {
    const all = s.tables.filter((t) => t.kind === kind);
    for (const extra of all.slice(1)) issues.warn(extra.table.line, `a second ${kind} table in this section; ignored`);
    return all[0]?.table;
  };
  const request = pick('request');
  const response = pick('response');
  const example = pickExample(s.examples, method, issues, limits.maxExampleDepth);
  return {
    method,
    line,
    summary,
    description: s.description,
    deprecated: s.deprecated,
    ...(request ? { request } : {}),
    ...(response ? { response } : {}),
    ...(example ? { example } : {}),
    links: s.links,
    inMix,
  };
}

/** Prefers the `[同步声明式]` example; else the first one that makes a call. */
function pickExample(examples: SectionText['examples'], method: HttpMethod, issues: PageIssues, maxDepth: number): DocExample | undefined {
  const ordered = [...examples.filter((e) => e.label.includes('同步声明式')), ...examples.filter((e) => !e.label.includes('同步声明式'))];
  for (const e of ordered) {
    const call = readPhpCall(e.code, maxDepth);
    if (!call) continue;
    const at = e.line + call.offsetLine;
    if (call.method !== method) {
      issues.warn(at, `the example calls ${call.method.toUpperCase()} but the section documents ${method.toUpperCase()}; its values are not used`);
      return undefined;
    }
    if (call.args.kind !== 'array') {
      issues.warn(at, 'the example\'s request options could not be read as a PHP array; no example values taken from it');
      return undefined;
    }
    return { line: at, call };
  }
  return undefined;
}

function readSection(body: readonly Block[], issues: PageIssues, expand: (t: string, l: number) => string, limits: ImportLimits): SectionText {
  const description: string[] = [];
  const links: DocLink[] = [];
  const tables: SectionText['tables'] = [];
  const examples: SectionText['examples'] = [];
  let deprecated = false;
  /** Open containers: code-group or a note container collecting text. */
  const containers: { name: string; line: number; text: string[] }[] = [];
  const consumed = new Set<Block>();
  let seeAlso = false;

  const addText = (text: string): void => {
    const note = [...containers].reverse().find((c) => c.name !== 'code-group');
    if (note) note.text.push(text);
    else description.push(text);
  };

  body.forEach((b, idx) => {
    if (consumed.has(b)) return;
    switch (b.kind) {
      case 'paragraph': {
        const text = expand(b.lines.map((l) => l.text.trim()).join('\n'), b.line);
        if (/^参阅/.test(text)) {
          seeAlso = true;
          const found = linksIn(b.lines);
          links.push(...found);
          const rest = text.replace(/^参阅[:：]?/, '').replace(/\[[^\]]*\]\([^)]*\)/g, '').trim();
          if (rest !== '') addText(absolutise(text));
          return;
        }
        seeAlso = false;
        if (text !== '') addText(absolutise(text));
        return;
      }
      case 'list': {
        const found = linksIn(b.items);
        if (seeAlso && found.length > 0) {
          links.push(...found);
          return;
        }
        addText(absolutise(b.items.map((i) => i.text.trim()).join('\n')));
        return;
      }
      case 'heading':
        seeAlso = false;
        addText(`${'#'.repeat(b.level)} ${expand(b.text, b.line)}`);
        return;
      case 'table': {
        seeAlso = false;
        const next = body[idx + 1];
        const marker = next?.kind === 'attrs' && next.attrs.classes.includes('im-table') ? next : undefined;
        if (marker) consumed.add(marker);
        const parsed = parsePipeTable(b.rows);
        if (!parsed) {
          issues.warn(b.line, 'a table without a `| --- |` delimiter row; skipped');
          return;
        }
        const head = parsed.header.cells[0] ?? '';
        const kind = marker?.attrs.id === 'request' || (!marker && head === '请求参数') ? 'request'
          : marker?.attrs.id === 'response' || (!marker && head === '返回字典') ? 'response' : undefined;
        if (!kind) {
          issues.warn(b.line, `table "${head}" is neither the request (#request, 请求参数) nor the response (#response, 返回字典) table; skipped`);
          return;
        }
        const { roots, notes } = buildRows(parsed, issues, limits.maxDepth);
        tables.push({ kind, table: { line: b.line, roots, notes } });
        return;
      }
      case 'attrs':
        issues.warn(b.line, `attribute line {${[...b.attrs.classes.map((c) => `.${c}`), ...(b.attrs.id ? [`#${b.attrs.id}`] : [])].join(' ')}} does not follow a table; ignored`);
        return;
      case 'code': {
        seeAlso = false;
        const label = /\[([^\]]*)\]/.exec(b.info)?.[1] ?? '';
        const code = b.lines.map((l) => l.text).join('\n');
        const lang = b.info.split(/[\s[]/)[0] ?? '';
        if (lang === 'php' && readPhpCall(code, limits.maxExampleDepth)) {
          examples.push({ label, line: b.line, code });
          return;
        }
        // not a request example (e.g. the snippets of a tip): keep it in the description
        addText(`${label !== '' ? `${label}:\n\n` : ''}\`\`\`${lang}\n${code}\n\`\`\``);
        return;
      }
      case 'container-open': {
        seeAlso = false;
        if (b.name === 'code-group') {
          containers.push({ name: b.name, line: b.line, text: [] });
          return;
        }
        if (!NOTE_CONTAINERS.has(b.name)) issues.warn(b.line, `unknown container "::: ${b.name}"; its text is kept in the description`);
        // .im-redesigned: replaced by a newer API; .im-deprecated: the service is switched off. Both
        // containers' text (the reason, the date) stays in the description.
        if (b.attrs?.classes.some((c) => DEPRECATING_CLASSES.has(c))) deprecated = true;
        const known = new Set([...DEPRECATING_CLASSES, ...NOTE_CLASSES]);
        for (const c of b.attrs?.classes ?? []) if (!known.has(c)) issues.warn(b.line, `unknown class .${c} on "::: ${b.name}"; ignored`);
        const title = b.title.replace(/^:[a-z_]+:\s*/, '').trim();
        containers.push({ name: b.name, line: b.line, text: title !== '' ? [absolutise(expand(title, b.line))] : [] });
        return;
      }
      case 'container-close': {
        seeAlso = false;
        const open = containers.pop();
        if (!open) {
          issues.warn(b.line, 'a `:::` closes no open container; ignored');
          return;
        }
        if (open.name !== 'code-group' && open.text.length > 0) addText(open.text.join('\n\n'));
        return;
      }
    }
  });
  for (const open of containers) {
    issues.warn(open.line, `container "::: ${open.name}" is never closed with \`:::\``);
    if (open.name !== 'code-group' && open.text.length > 0) description.push(open.text.join('\n\n'));
  }
  return { description, deprecated, links, tables, examples };
}

function linksIn(lines: readonly { line: number; text: string }[]): DocLink[] {
  const out: DocLink[] = [];
  for (const l of lines) {
    for (const m of l.text.matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)) {
      out.push({ line: l.line, text: m[1] ?? '', url: absoluteUrl(m[2] ?? '') });
    }
  }
  return out;
}

function absoluteUrl(url: string): string {
  return url.startsWith('/') ? `${SITE}${url}` : url;
}

/** Makes site-relative markdown links absolute (`](/openapi/…)` → `](https://wechatpay.im/openapi/…)`). */
function absolutise(text: string): string {
  return text.replace(/\]\((\/[^)\s]*)\)/g, (_, u: string) => `](${SITE}${u})`);
}

function warnSkipped(issues: PageIssues, b: Block, where: string): void {
  const what = b.kind === 'heading' ? `heading "${b.text}"` : b.kind === 'container-open' ? `container "::: ${b.name}"` : b.kind;
  issues.warn(b.line, `${what} ${where} is not part of any operation; skipped`);
}
