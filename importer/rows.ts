/**
 * The rows of a request (`| 请求参数 | …`) or response (`| 返回字典 | …`) table, nested into a
 * tree by `data-indent`, with every attribute checked. Rows the importer cannot read are
 * warnings (page:line) and are left out together with the rows nested under them.
 */
import type { PageIssues } from './issues';
import { DEFAULT_IMPORT_LIMITS } from './limits';
import { splitAttrs, type AttrList } from './markdown/attrs';
import type { PipeTable } from './markdown/table';

export const SCALAR_TYPES = ['string', 'integer', 'number', 'boolean', 'object'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

export interface DocRow {
  readonly line: number;
  readonly name: string;
  readonly required: boolean;
  readonly indent: number;
  /** The base type (`object` for `object[]`). */
  readonly type: ScalarType;
  /** `true` for `type[]`. */
  readonly array: boolean;
  /** `data-encrypted=by-rsa-pubkey`. */
  readonly encrypted: boolean;
  /** `data-encrypted=by-aes-gcm`: a notification's `ciphertext`, AEAD_AES_256_GCM with the APIv3 key (webhook pages). */
  readonly aesGcm: boolean;
  /** `data-encoded=by-json_encode`: the string carries JSON described by the nested rows. */
  readonly jsonEncoded: boolean;
  /** A `{colspan=3 .im-table-line}` separator introduced this row's nested rows. */
  readonly separated: boolean;
  /** The description cell as written (markdown, `\|` still escaped). */
  readonly description: string;
  readonly children: DocRow[];
}

/** A full-width row such as `| 空字符串(无返回内容) {align=center colspan=3}`. */
export interface NoteRow {
  readonly line: number;
  readonly text: string;
}

export interface RowTree {
  readonly roots: DocRow[];
  readonly notes: NoteRow[];
}

const NAME = /^[A-Za-z_$][\w.$-]*$/;
const TYPE = /^(string|integer|number|boolean|object)(\[\])?$/;
const NAME_ATTRS = new Set(['data-required', 'data-indent']);
const TYPE_ATTRS = new Set(['data-tooltip', 'data-encrypted', 'data-encoded', 'data-encoded-by']);

type Mutable = { -readonly [K in keyof DocRow]: DocRow[K] };

/** Builds the row tree of one table. */
export function buildRows(table: PipeTable, issues: PageIssues, maxDepth: number = DEFAULT_IMPORT_LIMITS.maxDepth): RowTree {
  const roots: DocRow[] = [];
  const notes: NoteRow[] = [];
  /** stack[n] = the last row read at indent n. */
  const stack: Mutable[] = [];
  /** Indent of a skipped row whose nested rows are skipped with it. */
  let skipBelow: number | undefined;
  let separatorLine: number | undefined;

  for (const { line, cells } of table.body) {
    const first = splitAttrs(cells[0] ?? '');
    if (first.attrs && first.attrs.attrs.some(([k]) => k === 'colspan')) {
      if (first.attrs.classes.includes('im-table-line')) {
        if (separatorLine !== undefined) issues.warn(separatorLine, 'table separator line `{colspan=3 .im-table-line}` is followed by no nested row; ignored');
        separatorLine = line;
      } else {
        notes.push({ line, text: first.text });
      }
      continue;
    }
    if (cells.length < 2 || cells.length > 3) {
      issues.warn(line, `unparseable table row (expected 3 cells: name, type, description; found ${cells.length}); row skipped`);
      continue;
    }
    const name = first.text;
    const nameAttrs = first.attrs;
    const typeCell = splitAttrs(cells[1] ?? '');
    const description = cells[2] ?? '';

    let indent = 0;
    const indentValue = nameAttrs?.attrs.find(([k]) => k === 'data-indent')?.[1];
    if (indentValue !== undefined) {
      if (!/^\d+$/.test(indentValue)) {
        issues.warn(line, `row "${name}" has data-indent=${indentValue}, which is not a number; row skipped`);
        continue;
      }
      indent = Number(indentValue);
      if (indent > maxDepth) issues.fail(line, `row "${name}" has data-indent=${indentValue}, deeper than the importer's limit of ${maxDepth} (limits.maxDepth)`);
    }
    if (skipBelow !== undefined) {
      if (indent > skipBelow) continue;
      skipBelow = undefined;
    }
    const sepLine = separatorLine;
    separatorLine = undefined;
    if (!NAME.test(name)) {
      issues.warn(line, `row name "${name}" is not a field name; row skipped`);
      skipBelow = indent;
      continue;
    }
    warnUnknownAttrs(issues, line, name, nameAttrs, NAME_ATTRS, 'name');
    const typeMatch = TYPE.exec(typeCell.text);
    if (!typeMatch) {
      issues.warn(line, `row "${name}" has unknown type "${typeCell.text}" (known: string, integer, number, boolean, object and their [] arrays); row skipped${hasDeeper(table, line, indent) ? ' with its nested rows' : ''}`);
      skipBelow = indent;
      continue;
    }
    warnUnknownAttrs(issues, line, name, typeCell.attrs, TYPE_ATTRS, 'type');
    const encryptedValue = typeCell.attrs?.attrs.find(([k]) => k === 'data-encrypted')?.[1];
    let encrypted = false;
    let aesGcm = false;
    if (encryptedValue !== undefined) {
      if (encryptedValue === 'by-rsa-pubkey') encrypted = true;
      else if (encryptedValue === 'by-aes-gcm') aesGcm = true;
      else issues.warn(line, `row "${name}" has data-encrypted=${encryptedValue}; only by-rsa-pubkey is known, the field is imported unencrypted`);
    }
    const encoded = encodedBy(typeCell.attrs);
    let jsonEncoded = false;
    if (encoded !== undefined) {
      if (encoded === 'json_encode') jsonEncoded = true;
      else issues.warn(line, `row "${name}" is encoded by "${encoded}"; only json_encode is known, the encoding is not recorded`);
    }
    const row: Mutable = {
      line,
      name,
      required: nameAttrs?.attrs.some(([k]) => k === 'data-required') ?? false,
      indent,
      type: typeMatch[1] as ScalarType,
      array: typeMatch[2] !== undefined,
      encrypted,
      aesGcm,
      jsonEncoded,
      separated: false,
      description,
      children: [],
    };
    if (indent === 0) {
      roots.push(row);
    } else {
      const parent = stack[indent - 1];
      if (!parent || stack.length < indent) {
        issues.warn(line, `row "${name}" has data-indent=${indent} but no row at indent ${indent - 1} before it; row skipped`);
        skipBelow = indent;
        continue;
      }
      parent.children.push(row);
    }
    if (sepLine !== undefined) {
      const previous = stack[stack.length - 1];
      if (previous && indent === previous.indent + 1) previous.separated = true;
      else issues.warn(sepLine, 'table separator line `{colspan=3 .im-table-line}` is not followed by a nested row; ignored');
    }
    stack.length = indent;
    stack[indent] = row;
  }
  if (separatorLine !== undefined) issues.warn(separatorLine, 'table separator line `{colspan=3 .im-table-line}` ends the table; ignored');
  warnUnmarkedSensitive(roots, issues);
  return { roots, notes };
}

/** A description that says the value is encrypted (加密的…, 加密后的…, 密文, 需加密, 公钥加密, 敏感信息). */
const SAYS_ENCRYPTED = /加密(?:的|后)|密文|(?:需|须|需要|要)加密|公钥加密|敏感信息/;

/**
 * A string field whose description says it is encrypted but that carries no
 * `data-encrypted=by-rsa-pubkey` mark: the client would send a user's sensitive data in
 * plaintext (or hand back ciphertext). A warning naming page:line, the field stays unmarked.
 * Not for the AES-GCM envelopes (`ciphertext` beside `nonce`/`associated_data`): those are
 * decrypted with the APIv3 key, not RSA fields.
 */
function warnUnmarkedSensitive(rows: readonly DocRow[], issues: PageIssues): void {
  const envelope = rows.some((r) => r.name === 'associated_data' || r.name === 'nonce');
  for (const row of rows) {
    if (!row.encrypted && row.type === 'string' && row.children.length === 0 && !envelope && SAYS_ENCRYPTED.test(row.description)) {
      issues.warn(row.line, `"${row.name}" is described as encrypted ("${row.description.replace(/<br\s*\/?>.*$/, '')}") but has no data-encrypted=by-rsa-pubkey mark; imported unencrypted (if it is sensitive, the client would send or return it in plaintext)`);
    }
    warnUnmarkedSensitive(row.children, issues);
  }
}

function encodedBy(attrs: AttrList | undefined): string | undefined {
  const a = attrs?.attrs.find(([k]) => k === 'data-encoded')?.[1];
  if (a !== undefined) return a.replace(/^by-/, '');
  return attrs?.attrs.find(([k]) => k === 'data-encoded-by')?.[1];
}

function warnUnknownAttrs(issues: PageIssues, line: number, name: string, attrs: AttrList | undefined, known: ReadonlySet<string>, cell: string): void {
  if (!attrs) return;
  for (const [k, v] of attrs.attrs) {
    if (!known.has(k)) issues.warn(line, `row "${name}": unknown attribute ${v === '' ? k : `${k}=${v}`} in the ${cell} cell; ignored`);
  }
  for (const c of attrs.classes) issues.warn(line, `row "${name}": unknown class .${c} in the ${cell} cell; ignored`);
  if (attrs.id !== undefined) issues.warn(line, `row "${name}": unknown id #${attrs.id} in the ${cell} cell; ignored`);
}

function hasDeeper(table: PipeTable, line: number, indent: number): boolean {
  const idx = table.body.findIndex((r) => r.line === line);
  const next = table.body[idx + 1];
  if (!next) return false;
  const m = /data-indent=(\d+)/.exec(next.cells[0] ?? '');
  return m !== null && Number(m[1]) > indent;
}
