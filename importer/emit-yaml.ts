/**
 * Stage 4a: plain data → YAML text in the style of the hand-written specs: block mappings,
 * `required`/`enum`/`x-enum-descriptions`-free flow lists (`[a, b]`), single quotes only where
 * needed (and always on `$ref`s and on strings another YAML reader could take for something
 * else), no line folding, LF endings, and a marker comment naming the page.
 */
import { createHash } from 'node:crypto';
import { Document, isScalar, isSeq, Scalar, visit } from 'yaml';

const FLOW_KEYS = new Set(['required', 'enum', 'example']);

/** Strings YAML 1.1 readers would turn into booleans, numbers, dates or sexagesimals. */
const AMBIGUOUS = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/,
  /^\d{4}-\d\d?-\d\d?(?:[Tt\s].*)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+)$/,
  /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/,
];

/** Serialises a value as YAML (no marker). */
export function toYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === 'string' && FLOW_KEYS.has(key) && isSeq(pair.value)) pair.value.flow = true;
      if (key === '$ref' && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_SINGLE;
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.type === undefined && AMBIGUOUS.some((re) => re.test(node.value as string))) {
        node.type = Scalar.QUOTE_SINGLE;
      }
    },
  });
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false });
  return text.replace(/\r\n?/g, '\n');
}

/** First line of every file the importer writes: `# imported by wxpay-gen from <page> (sha256:<16 hex of the rest>)`. */
export const MARKER_PREFIX = '# imported by wxpay-gen from ';

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
