/**
 * Stage 4a: plain data → YAML text in the style of the hand-written specs: block mappings,
 * `required`/`enum`/`example` lists in flow style (`[a, b]`), single quotes only where
 * needed (and always on `$ref`s and on strings another YAML reader could take for something
 * else), no line folding, LF endings, and a marker comment naming the page.
 *
 * Written here rather than with the `yaml` package's Document + visit + toString, which was about 40 % of
 * a whole-corpus import; the bytes are the same (yaml-string.ts has the string rules, and
 * tests/importer/emit-yaml.test.ts compares both writers on the corpus and on hostile data).
 */
import { createHash } from 'node:crypto';
import { yamlString } from './yaml-string';

const FLOW_KEYS = new Set(['required', 'enum', 'example']);
const STEP = '  ';

/** Strings YAML 1.1 readers would turn into booleans, numbers, dates or sexagesimals: single-quoted. */
const AMBIGUOUS = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/,
  /^\d{4}-\d\d?-\d\d?(?:[Tt\s].*)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+)$/,
  /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/,
];

const ambiguous = (s: string): boolean => AMBIGUOUS.some((re) => re.test(s));

/**
 * The common case, decided without the full rules: one line starting with a letter (or `/`, `$`, `_`, CJK…),
 * no `:`, `#`, flow indicator, quote, control character or surrogate, not ending in a space. Such a string is
 * plain unless it is one of the YAML 1.1 words (`yes`, `null`, …), which are single-quoted — what the full
 * rules (yaml-string.ts) give for it, in keys and values, in block and flow context alike.
 */
const SIMPLE = /^[^\s\x00-\x1f\x7f-\x9f\ud800-\udfff,[\]{}#&*!|>'"%@`?:\-.+0-9~\\][^\t\n\r\x00-\x1f\x7f-\x9f\ud800-\udfff:#,[\]{}'"]*$/;
const WORDS = AMBIGUOUS[0] as RegExp;

function stringText(value: string, indent: string, implicitKey: boolean, inFlow: boolean, single: boolean): string {
  if (SIMPLE.test(value) && !value.endsWith(' ')) return single || WORDS.test(value) ? `'${value}'` : value;
  return yamlString(value, { indent, implicitKey, inFlow }, single || ambiguous(value));
}

/**
 * Serialises plain data (strings, finite or not numbers, booleans, null, arrays, objects by their own
 * enumerable keys; `undefined` members of objects are left out) as YAML (no marker). An object met twice is
 * written twice (no anchors); a cycle, a Map or Set, a function, symbol or bigint is a TypeError.
 */
export function toYaml(value: unknown): string {
  return `${new Writer().node(value, '', false, false)}\n`;
}

type Entry = readonly [string, unknown];

class Writer {
  /** Objects being written (the path from the root): a value met again among them is a cycle. */
  private readonly open = new Set<object>();

  /** `indent`: the continuation indent of this node, as the `yaml` package's context carries it. */
  node(value: unknown, indent: string, inFlow: boolean, forceFlow: boolean, single = false): string {
    if (typeof value === 'string') return stringText(value, indent, false, inFlow, single);
    if (typeof value === 'number') return numberText(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (value === null || value === undefined) return 'null';
    if (typeof value !== 'object') throw new TypeError(`cannot write a ${typeof value} as YAML`);
    if (this.open.has(value)) throw new TypeError('cannot write a cyclic structure as YAML');
    this.open.add(value);
    try {
      if (Array.isArray(value)) return inFlow || forceFlow ? this.flowSeq(value, indent) : this.blockSeq(value, indent);
      return inFlow ? this.flowMap(entries(value), indent) : this.blockMap(entries(value), indent);
    } finally {
      this.open.delete(value);
    }
  }

  private blockMap(items: readonly Entry[], indent: string): string {
    if (items.length === 0) return '{}';
    let out = '';
    for (let i = 0; i < items.length; i++) {
      const [k, v] = items[i] as Entry;
      out += (i === 0 ? '' : `\n${indent}`) + this.pair(k, v, indent, false);
    }
    return out;
  }

  private blockSeq(items: readonly unknown[], indent: string): string {
    if (items.length === 0) return '[]';
    const itemIndent = indent + STEP;
    let out = '';
    for (let i = 0; i < items.length; i++) out += `${i === 0 ? '' : `\n${indent}`}- ${this.node(items[i], itemIndent, false, false)}`;
    return out;
  }

  private flowSeq(items: readonly unknown[], indent: string): string {
    const itemIndent = indent + STEP + STEP;
    return flow('[', ']', items.map((v) => this.node(v, itemIndent, true, false)), indent);
  }

  private flowMap(items: readonly Entry[], indent: string): string {
    const itemIndent = indent + STEP;
    return flow('{', '}', items.map(([k, v]) => this.pair(k, v, itemIndent, true)), indent);
  }

  /** `key: value`, the pair's own indent being `indent` (its key and value continue one step deeper). */
  private pair(key: string, value: unknown, indent: string, inFlow: boolean): string {
    const inner = indent + STEP;
    const keyText = stringText(key, inner, true, inFlow, false);
    // a key longer than 1,024 characters cannot be an implicit key
    const explicitKey = !inFlow && keyText.length > 1024;
    const head = explicitKey ? `? ${keyText}\n${indent}:` : `${keyText}:`;
    const flowList = FLOW_KEYS.has(key) && Array.isArray(value);
    const valueText = this.node(value, inner, inFlow, flowList, key === '$ref');
    let ws = ' ';
    if (!explicitKey && value !== null && typeof value === 'object') {
      const flowStyle = inFlow || flowList || isEmpty(value);
      if (valueText.includes('\n') || !flowStyle) ws = `\n${inner}`;
    } else if (valueText === '' || valueText.startsWith('\n')) {
      ws = '';
    }
    return head + ws + valueText;
  }
}

/** Own enumerable keys, whatever the prototype (a parsed `__proto__` key may have set one), as the yaml package wrote objects. */
function entries(value: object): Entry[] {
  if (value instanceof Map || value instanceof Set) throw new TypeError(`cannot write a ${value.constructor.name} as YAML`);
  const out: Entry[] = [];
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out.push([k, v]);
  }
  return out;
}

/** No member to write: an empty array, or an object whose own enumerable keys all hold `undefined` (as `entries` sees it, without building the list). */
function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const k of Object.keys(value)) if ((value as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

function flow(start: string, end: string, items: readonly string[], indent: string): string {
  if (items.length === 0) return start + end;
  const lines = items.map((s, i) => (i < items.length - 1 ? `${s},` : s));
  if (!items.some((s) => s.includes('\n'))) return `${start}${lines.join(' ')}${end}`;
  let out = start;
  for (const line of lines) out += `\n${STEP}${indent}${line}`;
  return `${out}\n${indent}${end}`;
}

/** As JSON writes it, with YAML's names for the non-finite values. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n < 0 ? '-.inf' : '.inf';
  return Object.is(n, -0) ? '-0' : JSON.stringify(n);
}

/** First line of every file the importer writes: `# imported by wxpay-gen from <page> (sha256:<16 hex of the rest>)`. */
export const MARKER_PREFIX = '# imported by wxpay-gen from ';

/** Between the pages of a file merged from several (twins): `… from openapi/v3/a/{x}.md + openapi/v3/a/{y}.md (sha256:…)`. */
export const PAGE_SEPARATOR = ' + ';

/** The pages a marker's page part names (one, or several for merged twins). */
export function markerPages(pagePart: string): string[] {
  return pagePart.split(PAGE_SEPARATOR);
}

/** The whole path file: the marker line (with the checksum of the body) and the YAML body. */
export function withMarker(pageId: string, body: string): string {
  return `${MARKER_PREFIX}${pageId} (sha256:${checksum(body)})\n${body}`;
}

export function checksum(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex').slice(0, 16);
}

/**
 * `true` when `text` is a file the importer wrote and nobody edited since: its first line is
 * the marker and the checksum still matches the rest.
 */
export function isUntouchedImport(text: string): boolean {
  const nl = text.indexOf('\n');
  if (nl < 0) return false;
  const first = text.slice(0, nl);
  const m = /^# imported by wxpay-gen from .+ \(sha256:([0-9a-f]{16})\)$/.exec(first);
  return m !== null && m[1] === checksum(text.slice(nl + 1));
}
