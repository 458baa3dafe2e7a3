/**
 * How emit-yaml.ts writes one string: plain where a YAML 1.2 core-schema reader reads it back as that
 * same string, single-quoted otherwise (double-quoted for control characters, or for what single quotes
 * cannot hold), a literal block (`|-`) for multi-line text. These are the rules of the `yaml` package's
 * stringifier (v2, `stringifyString`) for the options the importer always used — `lineWidth: 0` (no
 * folding), `singleQuote: true`, two-space indent — so the output keeps its bytes; tests/importer/
 * emit-yaml.test.ts compares the two on the corpus and on hostile strings, and parses every result back.
 */

export interface StringContext {
  /** Indentation of the lines that continue this scalar (block-scalar body, quoted continuation lines). */
  readonly indent: string;
  /** A mapping key written as `key:` (no block scalars, no line breaks). */
  readonly implicitKey: boolean;
  /** Inside a flow collection (`[a, b]`): the flow indicators must be quoted. */
  readonly inFlow: boolean;
}

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const FLOW_INDICATOR = /[[\]{},]/;
/** Not allowed in a plain scalar: a leading indicator, a lone `-`/`?`, `: `, ` #`, a trailing space or colon… */
const PLAIN_FORBIDDEN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** What the YAML 1.2 core schema reads as null, a boolean, an integer or a float. */
const CORE_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
const DOUBLE_MIN_MULTILINE = 40;

const ESCAPES: Readonly<Record<string, string>> = {
  '0000': '\\0',
  '0007': '\\a',
  '000b': '\\v',
  '001b': '\\e',
  '0085': '\\N',
  '00a0': '\\_',
  '2028': '\\L',
  '2029': '\\P',
};

/** A string scalar; `single` forces single quotes (the importer's choice for `$ref`s and YAML 1.1 look-alikes). */
export function yamlString(value: string, ctx: StringContext, single: boolean): string {
  if (CONTROL.test(value)) return doubleQuoted(value, ctx);
  if (single) return singleQuoted(value, ctx);
  return plain(value, ctx);
}

function continuationIndent(value: string, ctx: StringContext): string {
  return ctx.indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
}

function doubleQuoted(value: string, ctx: StringContext): string {
  const json = JSON.stringify(value);
  const indent = continuationIndent(value, ctx);
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // a space before a line break is escaped, or folding would eat it
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      str += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      str += ESCAPES[code] ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === 'n') {
      if (ctx.implicitKey || json[i + 2] === '"' || json.length < DOUBLE_MIN_MULTILINE) {
        i += 1;
      } else {
        // written as real line breaks: the first is folded away when read, so it is doubled
        str += `${json.slice(start, i)}\n\n`;
        while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
          str += '\n';
          i += 2;
        }
        str += indent;
        if (json[i + 2] === ' ') str += '\\';
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

function singleQuoted(value: string, ctx: StringContext): string {
  if (!value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  if ((ctx.implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, ctx);
  const indent = continuationIndent(value, ctx);
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`)}'`;
}

function quoted(value: string, ctx: StringContext): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasSingle && !hasDouble ? doubleQuoted(value, ctx) : singleQuoted(value, ctx);
}

/** A literal block scalar (`|`, `|-`, `|+`, with an indentation indicator when the text starts with a space). */
function literalBlock(value: string, ctx: StringContext): string {
  if (/\n[\t ]+$/.test(value)) return quoted(value, ctx);
  // at the top level (no indent) a text that starts with a space needs an indented body: the `yaml`
  // package writes `|1` there with unindented lines, which does not read back
  const indent = ctx.indent || (DOCUMENT_MARKER.test(value) || /^\n* /.test(value) ? '  ' : '');
  if (!value) return '|\n';
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
    endStart--;
  }
  let end = value.substring(endStart);
  const endNl = end.indexOf('\n');
  const chomp = endNl === -1 ? '-' : value === end || endNl !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = body.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(/(^|(?<!\n))\n+(?!\n|$)/g, `$&${indent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNl = -1;
  for (; startEnd < body.length; ++startEnd) {
    const ch = body[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNl = startEnd;
    else break;
  }
  let start = body.substring(0, startNl < startEnd ? startNl + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? (indent ? '2' : '1') : '') + chomp;
  return `|${header}\n${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
}

function plain(value: string, ctx: StringContext): string {
  const { implicitKey, inFlow, indent } = ctx;
  // (a first line that is a lone `-`, `?` or `:` would start a block list, key or value inside the flow list: the
  // `yaml` package writes it plain there, which does not read back, so it is quoted here)
  if ((implicitKey && value.includes('\n')) || (inFlow && (FLOW_INDICATOR.test(value) || /^[?:-]\n/.test(value)))) return quoted(value, ctx);
  if (PLAIN_FORBIDDEN.test(value)) return implicitKey || inFlow || !value.includes('\n') ? quoted(value, ctx) : literalBlock(value, ctx);
  if (!implicitKey && !inFlow && value.includes('\n')) return literalBlock(value, ctx);
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') return literalBlock(value, { ...ctx, indent: '  ' });
    // a top-level key (its continuation indent is one step) that looks like a document marker
    if (implicitKey && indent === '  ') return quoted(value, ctx);
  }
  const str = value.replace(/\n+/g, `$&\n${indent}`);
  if (CORE_NON_STRING.some((re) => re.test(str))) return quoted(value, ctx);
  return str;
}
