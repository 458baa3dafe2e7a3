/**
 * A small reader for the PHP examples of the doc pages: array literals (`[...]`, `array(...)`),
 * strings, numbers, booleans, null, `json_encode(...)`, string concatenation and simple
 * `$var = …;` assignments. Anything else is an `unknown` value (its example is skipped).
 */

export type PhpValue =
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null }
  | { readonly kind: 'array'; readonly entries: ReadonlyArray<readonly [string | undefined, PhpValue]> }
  | { readonly kind: 'json'; readonly value: PhpValue }
  | { readonly kind: 'unknown'; readonly text: string };

/** JSON-like view of a PHP value; `undefined` where the value is unknown. */
export type JsValue = string | number | boolean | null | JsValue[] | { [key: string]: JsValue };

/** Default deepest nesting of arrays (and json_encode) the reader follows. */
export const MAX_PHP_DEPTH = 64;

/**
 * Sticky patterns, matched at the reader's position (`lastIndex`) instead of against a copy of
 * the rest of the text: the same matches, without a regex call per character of white space.
 */
const SPACE = /\s*/y;
const NUMBER = /[-+]?(?:0x[0-9a-f]+|\d[\d_]*(?:\.\d+)?(?:e[-+]?\d+)?)/iy;
const VARIABLE = /\$(\w+)/y;
const IDENTIFIER = /\\?[A-Za-z_][\w\\]*/y;
/** A run of characters inside a '…' or "…" string that are neither its quote nor a backslash. */
const SINGLE_QUOTED_RUN = /[^'\\]*/y;
const DOUBLE_QUOTED_RUN = /[^"\\]*/y;
/** The escapes of a double-quoted PHP string that the examples use; any other stays as written. */
const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$', '0': '\0' });

class Reader {
  i = 0;
  depth = 0;

  /** `pattern` (sticky) matched at the current position, or null. */
  at(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.i;
    return pattern.exec(this.s);
  }

  constructor(readonly s: string, readonly vars: ReadonlyMap<string, PhpValue>, readonly maxDepth: number = MAX_PHP_DEPTH) {}

  /** Enters one level of nesting; too deep is an error (the example is then unknown). */
  enter(): void {
    if (++this.depth > this.maxDepth) throw new Error(`the example nests deeper than ${this.maxDepth} levels`);
  }

  skipSpace(): void {
    for (;;) {
      SPACE.lastIndex = this.i;
      SPACE.test(this.s);
      this.i = SPACE.lastIndex;
      if (this.s.startsWith('//', this.i) || (this.s[this.i] === '#' && this.s[this.i + 1] !== '[')) {
        const nl = this.s.indexOf('\n', this.i);
        this.i = nl < 0 ? this.s.length : nl + 1;
        continue;
      }
      if (this.s.startsWith('/*', this.i)) {
        const end = this.s.indexOf('*/', this.i + 2);
        this.i = end < 0 ? this.s.length : end + 2;
        continue;
      }
      return;
    }
  }

  peek(): string {
    this.skipSpace();
    return this.s[this.i] ?? '';
  }

  value(): PhpValue {
    let left = this.primary();
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] === '.' && !/\d/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        const right = this.primary();
        left = left.kind === 'scalar' && right.kind === 'scalar' && left.value !== null && right.value !== null && typeof left.value !== 'boolean' && typeof right.value !== 'boolean'
          ? { kind: 'scalar', value: `${left.value}${right.value}` }
          : { kind: 'unknown', text: 'concatenation' };
        continue;
      }
      return left;
    }
  }

  primary(): PhpValue {
    const c = this.peek();
    const start = this.i;
    if (c === "'" || c === '"') return { kind: 'scalar', value: this.string(c) };
    if (c === '[') {
      this.i++;
      return this.nested(() => this.array(']'));
    }
    if (/[-+\d]/.test(c)) {
      const m = this.at(NUMBER);
      if (m) {
        this.i += m[0].length;
        return { kind: 'scalar', value: Number(m[0].replace(/_/g, '')) };
      }
    }
    if (c === '$') {
      const m = this.at(VARIABLE);
      if (m) {
        this.i += m[0].length;
        if (this.peek() === '-' || this.peek() === '[' || this.peek() === '(') return this.skipUnknown(start);
        return this.vars.get(m[1] ?? '') ?? { kind: 'unknown', text: m[0] };
      }
    }
    const ident = this.at(IDENTIFIER);
    if (ident) {
      const name = ident[0].replace(/^\\/, '').toLowerCase();
      this.i += ident[0].length;
      if (name === 'true' || name === 'false') return { kind: 'scalar', value: name === 'true' };
      if (name === 'null') return { kind: 'scalar', value: null };
      if (name === 'array' && this.peek() === '(') {
        this.i++;
        return this.nested(() => this.array(')'));
      }
      if (name === 'json_encode' && this.peek() === '(') {
        this.i++;
        const inner = this.nested(() => this.value());
        this.skipArgsTo(')');
        return inner.kind === 'unknown' ? inner : { kind: 'json', value: inner };
      }
      return this.skipUnknown(start);
    }
    return this.skipUnknown(start);
  }

  nested<T>(read: () => T): T {
    this.enter();
    const out = read();
    this.depth--;
    return out;
  }

  string(q: string): string {
    this.i++;
    const plain = q === "'" ? SINGLE_QUOTED_RUN : DOUBLE_QUOTED_RUN;
    let out = '';
    while (this.i < this.s.length) {
      // the characters up to the next quote or backslash, at once
      plain.lastIndex = this.i;
      plain.test(this.s);
      if (plain.lastIndex > this.i) {
        out += this.s.slice(this.i, plain.lastIndex);
        this.i = plain.lastIndex;
        if (this.i >= this.s.length) break;
      }
      if (this.s[this.i] === q) {
        this.i++;
        return out;
      }
      // a backslash
      const next = this.s[this.i + 1] ?? '';
      if (q === "'") out += next === "'" || next === '\\' ? next : `\\${next}`;
      else out += DOUBLE_QUOTED_ESCAPES[next] ?? `\\${next}`;
      this.i += 2;
    }
    throw new Error('unterminated string');
  }

  array(close: string): PhpValue {
    const entries: [string | undefined, PhpValue][] = [];
    for (;;) {
      const c = this.peek();
      if (c === close) {
        this.i++;
        return { kind: 'array', entries };
      }
      if (c === '') throw new Error(`array is never closed with ${close}`);
      const first = this.value();
      this.skipSpace();
      if (this.s.startsWith('=>', this.i)) {
        this.i += 2;
        const v = this.value();
        const key = first.kind === 'scalar' && first.value !== null ? String(first.value) : '?';
        entries.push([key, v]);
      } else {
        entries.push([undefined, first]);
      }
      const sep = this.peek();
      if (sep === ',') this.i++;
      else if (sep !== close) throw new Error(`unexpected "${sep}" in an array`);
    }
  }

  /** Skips one unknown expression up to (not including) a `,` `]` `)` `;` at depth 0. */
  skipUnknown(start: number): PhpValue {
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i] ?? '';
      if (c === "'" || c === '"') {
        this.string(c);
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === ';') && depth === 0) break;
      this.i++;
    }
    return { kind: 'unknown', text: this.s.slice(start, this.i).trim() };
  }

  skipArgsTo(close: string): void {
    while (this.peek() === ',') {
      this.i++;
      this.value();
    }
    if (this.peek() === close) this.i++;
  }
}

/** `$name = <value>;` assignments of a code block, in order (later ones see earlier ones). */
function assignments(code: string, maxDepth: number): Map<string, PhpValue> {
  const vars = new Map<string, PhpValue>();
  const re = /^\s*\$(\w+)\s*=(?!=)/gm;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const r = new Reader(code, vars, maxDepth);
    r.i = m.index + m[0].length;
    try {
      vars.set(m[1] ?? '', r.value());
    } catch {
      // An assignment we cannot read is unknown, and so is the rest: a reader that failed may
      // have run to the end of the code, and trying every later line again would be quadratic.
      break;
    }
    // the next assignment starts after this value: each character is read once
    re.lastIndex = Math.max(re.lastIndex, r.i);
  }
  return vars;
}

export interface PhpCall {
  /** Lower-case HTTP method of the call (`postAsync` → `post`). */
  readonly method: string;
  /** The options array passed to the call. */
  readonly args: PhpValue;
  /** The value given to `$media->setMeta(...)` in upload examples, if any. */
  readonly meta?: PhpValue;
  /** 1-based line (within the code block) of the call. */
  readonly offsetLine: number;
}

/** Reads the request call (`->post([...])`, `->getAsync([...])`) of a PHP example; `undefined` when there is none. */
export function readPhpCall(code: string, maxDepth: number = MAX_PHP_DEPTH): PhpCall | undefined {
  const call = /->\s*(get|post|put|patch|delete)(?:Async)?\s*\(\s*(?=\[|array\s*\()/i.exec(code);
  if (!call) return undefined;
  const vars = assignments(code, maxDepth);
  const reader = new Reader(code, vars, maxDepth);
  reader.i = call.index + call[0].length;
  let args: PhpValue;
  try {
    args = reader.value();
  } catch (e) {
    args = { kind: 'unknown', text: (e as Error).message };
  }
  let meta: PhpValue | undefined;
  const setMeta = /->\s*setMeta\s*\(/.exec(code);
  if (setMeta) {
    try {
      const r = new Reader(code, vars, maxDepth);
      r.i = setMeta.index + setMeta[0].length;
      meta = r.value();
    } catch {
      meta = { kind: 'unknown', text: 'setMeta' };
    }
  }
  const offsetLine = code.slice(0, call.index).split('\n').length;
  return { method: (call[1] ?? '').toLowerCase(), args, ...(meta ? { meta } : {}), offsetLine };
}

/** JSON-like view; unknown parts become `undefined` (arrays keep their length with `undefined` holes dropped). */
export function toJs(v: PhpValue | undefined): JsValue | undefined {
  if (!v) return undefined;
  switch (v.kind) {
    case 'scalar':
      return v.value;
    case 'json': {
      const inner = toJs(v.value);
      return inner === undefined ? undefined : JSON.stringify(inner);
    }
    case 'unknown':
      return undefined;
    case 'array': {
      if (v.entries.every(([k]) => k === undefined)) {
        const out: JsValue[] = [];
        for (const [, item] of v.entries) {
          const j = toJs(item);
          if (j === undefined) return undefined;
          out.push(j);
        }
        return out;
      }
      const obj: { [key: string]: JsValue } = {};
      v.entries.forEach(([k, item], idx) => {
        const j = toJs(item);
        // defineProperty: a `__proto__` key is data, not the object's prototype
        if (j !== undefined) Object.defineProperty(obj, k ?? String(idx), { value: j, enumerable: true, writable: true, configurable: true });
      });
      return obj;
    }
  }
}

/** The entry `key` of a PHP array value. */
export function member(v: PhpValue | undefined, key: string): PhpValue | undefined {
  if (!v || v.kind !== 'array') return undefined;
  return v.entries.find(([k]) => k === key)?.[1];
}

/** The value a `json_encode(...)` wraps (or the value itself). */
export function unwrapJson(v: PhpValue | undefined): PhpValue | undefined {
  return v?.kind === 'json' ? v.value : v;
}
