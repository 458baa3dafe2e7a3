/**
 * Reads V8 `.cpuprofile` files (from `node --cpu-prof`) and sums self time by function and by
 * source file, so the bench can say where the time of a missed target goes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
  readonly percent: number;
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly topFunctions: readonly ProfileEntry[];
  readonly topFiles: readonly ProfileEntry[];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  if (clean.startsWith('node:')) return clean;
  const parts = clean.split('/');
  return parts.slice(-2).join('/');
}

function top(map: Map<string, number>, total: number, n: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, percent: Math.round((us / total) * 1000) / 10 }));
}

export function summariseProfile(file: string, n = 12): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, CpuProfileNode>(prof.nodes.map((x) => [x.id, x]));
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = shortUrl(url);
    const name = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + dt);
    files.set(where, (files.get(where) ?? 0) + dt);
  });
  return { file: basename(file), totalMs: Math.round(total / 1000), topFunctions: top(fn, total, n), topFiles: top(files, total, n) };
}

/** Summaries of every profile in `dir` (one per process that ran with --cpu-prof-dir=dir). */
export function summariseDir(dir: string, n = 12): ProfileSummary[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  return names.map((f) => summariseProfile(join(dir, f), n));
}

export function formatSummary(title: string, s: ProfileSummary): string {
  const lines = [`${title} (${s.file}, ${s.totalMs} ms sampled)`, '  self time by function:'];
  for (const e of s.topFunctions) lines.push(`    ${e.percent.toFixed(1).padStart(5)}%  ${e.ms.toFixed(1).padStart(8)} ms  ${e.name}`);
  lines.push('  self time by file:');
  for (const e of s.topFiles) lines.push(`    ${e.percent.toFixed(1).padStart(5)}%  ${e.ms.toFixed(1).padStart(8)} ms  ${e.name}`);
  return lines.join('\n');
}
