/** GFM pipe tables, line by line (cells split on unescaped `|`). */
import type { SourceLine } from './blocks';

export interface TableLine {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface PipeTable {
  readonly line: number;
  readonly header: TableLine;
  readonly body: readonly TableLine[];
}

/** One or more hyphens, optional alignment colons: what markdown-it (the doc site's renderer) accepts, e.g. `| -- | -- | --`. */
const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

/** Splits a table line into its cells; the outer pipes are optional, `\|` stays in the cell as `\|`. */
export function splitCells(text: string): string[] {
  let s = text.trim();
  if (s.startsWith('|')) s = s.slice(1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      cur += c + (s[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '|') {
      cells.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim() !== '' || !s.endsWith('|')) cells.push(cur);
  return cells.map((c) => c.trim());
}

/** Header, delimiter and body rows; `undefined` when the second line is not a delimiter row. */
export function parsePipeTable(rows: readonly SourceLine[]): PipeTable | undefined {
  const [head, delim, ...body] = rows;
  if (!head || !delim) return undefined;
  const delimCells = splitCells(delim.text);
  if (delimCells.length === 0 || !delimCells.every((c) => DELIMITER_CELL.test(c))) return undefined;
  return {
    line: head.line,
    header: { line: head.line, cells: splitCells(head.text) },
    body: body.map((r) => ({ line: r.line, cells: splitCells(r.text) })),
  };
}
