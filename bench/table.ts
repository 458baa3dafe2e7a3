/** Plain-text table for the bench's console report. */

export type Cell = string | number;

function text(c: Cell): string {
  return typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '–') : c;
}

/** Left-aligns the first column, right-aligns the others. */
export function formatTable(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const all = [header, ...rows].map((r) => r.map(text));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const [head, ...body] = all;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export const fmt = {
  ms: (v: number): string => (Number.isFinite(v) ? `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ms` : '–'),
  s: (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '–'),
  x: (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–'),
  int: (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–'),
  kb: (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : '–'),
};
