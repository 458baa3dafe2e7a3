/**
 * Reads a `tsc --generateTrace` trace.json and sums, per source file, the time tsc spent
 * parsing (createSourceFile), binding (bindSourceFile) and checking (checkSourceFile) it: where
 * a type-check's time goes, file by file.
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly path?: string; readonly fileName?: string };
}

export interface FileCost {
  readonly file: string;
  readonly parseMs: number;
  readonly bindMs: number;
  readonly checkMs: number;
  readonly totalMs: number;
}

const PHASES: Record<string, 'parseMs' | 'bindMs' | 'checkMs'> = {
  createSourceFile: 'parseMs',
  bindSourceFile: 'bindMs',
  checkSourceFile: 'checkMs',
};

/** Per-file phase times (ms), largest total first; `shorten` maps an absolute path to a label. */
export function fileCosts(traceFile: string, shorten: (path: string) => string, limit = 10): FileCost[] {
  const events = JSON.parse(readFileSync(traceFile, 'utf8')) as TraceEvent[];
  const open = new Map<string, number>();
  const sums = new Map<string, { parseMs: number; bindMs: number; checkMs: number }>();
  for (const e of events) {
    const phase = PHASES[e.name];
    const path = e.args?.path ?? e.args?.fileName;
    if (!phase || !path) continue;
    const key = `${e.name}\u0000${path}`;
    let us: number | undefined;
    if (e.ph === 'X') us = e.dur ?? 0;
    else if (e.ph === 'B') open.set(key, e.ts);
    else if (e.ph === 'E') {
      const start = open.get(key);
      if (start !== undefined) us = e.ts - start;
      open.delete(key);
    }
    if (us === undefined) continue;
    const label = shorten(path);
    const s = sums.get(label) ?? { parseMs: 0, bindMs: 0, checkMs: 0 };
    s[phase] += us / 1000;
    sums.set(label, s);
  }
  return [...sums.entries()]
    .map(([file, s]) => ({ file, parseMs: Math.round(s.parseMs), bindMs: Math.round(s.bindMs), checkMs: Math.round(s.checkMs), totalMs: Math.round(s.parseMs + s.bindMs + s.checkMs) }))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, limit);
}
