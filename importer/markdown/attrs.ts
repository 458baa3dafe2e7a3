/**
 * markdown-it-attrs style attribute lists, as the doc pages use them:
 * `{data-required data-indent=1}`, `{data-tooltip="对应PHP的array"}`, `{.im-table #request}`,
 * `{colspan=3 .im-table-line}`.
 */
export interface AttrList {
  /** `key` or `key=value` entries in order (a bare key has the value `''`). */
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  /** `.class` entries. */
  readonly classes: readonly string[];
  /** `#id`, when given. */
  readonly id?: string;
}

export interface WithAttrs {
  /** The text before the attribute list, trimmed. */
  readonly text: string;
  /** `undefined` when the text carries no trailing `{…}`. */
  readonly attrs?: AttrList;
}

/** Splits `text {attrs}` into the text and its parsed trailing attribute list. */
export function splitAttrs(raw: string): WithAttrs {
  const trimmed = raw.trim();
  if (!trimmed.endsWith('}')) return { text: trimmed };
  const open = findAttrOpen(trimmed);
  if (open < 0) return { text: trimmed };
  const inner = trimmed.slice(open + 1, -1);
  const parsed = parseAttrList(inner);
  if (!parsed) return { text: trimmed };
  return { text: trimmed.slice(0, open).trim(), attrs: parsed };
}

/** Index of the `{` opening the trailing attribute list, honouring quotes; -1 when there is none. */
function findAttrOpen(s: string): number {
  let quote: string | undefined;
  for (let i = s.length - 2; i >= 0; i--) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '}') return -1;
    else if (c === '{') {
      // `{{ $frontmatter.title }}` is a template, not an attribute list
      if (s[i - 1] === '{') return -1;
      return i;
    }
  }
  return -1;
}

/** Parses the inside of `{…}`; `undefined` when it does not look like an attribute list. */
export function parseAttrList(inner: string): AttrList | undefined {
  const attrs: [string, string][] = [];
  const classes: string[] = [];
  let id: string | undefined;
  let i = 0;
  const n = inner.length;
  while (i < n) {
    while (i < n && /\s/.test(inner[i] ?? '')) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !/[\s=]/.test(inner[i] ?? '')) i++;
    const key = inner.slice(start, i);
    if (key === '') return undefined;
    let value = '';
    if (inner[i] === '=') {
      i++;
      const q = inner[i];
      if (q === '"' || q === "'") {
        const end = inner.indexOf(q, i + 1);
        if (end < 0) return undefined;
        value = inner.slice(i + 1, end);
        i = end + 1;
      } else {
        const vs = i;
        while (i < n && !/\s/.test(inner[i] ?? '')) i++;
        value = inner.slice(vs, i);
      }
    }
    if (key.startsWith('.') && value === '') classes.push(key.slice(1));
    else if (key.startsWith('#') && value === '') id = key.slice(1);
    else if (/^[A-Za-z_][\w.:-]*$/.test(key)) attrs.push([key, value]);
    else return undefined;
  }
  return id === undefined ? { attrs, classes } : { attrs, classes, id };
}

/** The value of `key` (`''` for a bare key), or `undefined`. */
export function attr(list: AttrList | undefined, key: string): string | undefined {
  return list?.attrs.find(([k]) => k === key)?.[1];
}
