import type { LoadedSpec } from '../load';
import { quote } from './names';

export const SOURCES_FILE = 'sources.gen.ts';

/** `sources.gen.ts`: the sha256 of every spec file the output was made from, so `--check` can name the spec files that changed. */
export function emitSources(spec: LoadedSpec): string {
  const lines = spec.files.map((f) => `  ${quote(f.name)}: ${quote(f.hash)},`);
  return ['/** sha256 of each spec file this client was generated from (LF line endings). */', 'export const sources: Readonly<Record<string, string>> = {', ...lines, '};', ''].join('\n');
}

/** Reads the file → hash map back from a `sources.gen.ts` text (empty when absent or unreadable). */
export function parseSources(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of (text ?? '').matchAll(/^ {2}'((?:[^'\\]|\\.)*)': '([0-9a-f]{64})',$/gm)) out.set((m[1] ?? '').replace(/\\(.)/g, '$1'), m[2] ?? '');
  return out;
}

/** Spec files added, removed or changed since the output was generated. */
export function changedSources(spec: LoadedSpec, previous: ReadonlyMap<string, string>): string[] {
  const now = new Map(spec.files.map((f) => [f.name, f.hash]));
  const names = new Set([...now.keys(), ...previous.keys()]);
  return [...names].filter((n) => now.get(n) !== previous.get(n)).sort();
}
