import { quote } from './names';

export const SOURCES_FILE = 'sources.gen.ts';

/** What a generation recorded besides the spec hashes, for `--check`'s fast path. */
export interface Fingerprint {
  readonly operations: number;
  readonly encryptedFields: number;
  /** `'<kind>:<name>'` → sha256 of every input but the spec files (see generator/fingerprint/inputs.ts). */
  readonly inputs: ReadonlyMap<string, string>;
  /** Every other output file (relative path) → sha256 of its bytes. */
  readonly outputs: ReadonlyMap<string, string>;
}

/** What `sources.gen.ts` holds. */
export interface SourcesRecord {
  /** Spec file → sha256 of its text with LF line endings. */
  readonly sources: ReadonlyMap<string, string>;
  readonly fingerprint?: Fingerprint;
}

const FINGERPRINT_DOC = [
  '/**',
  ' * What `wxpay-gen --check` compares before generating anything: the sha256 of everything else generation',
  ' * depends on (generator code and package versions, options, runtime templates) and of every other file here.',
  ' */',
];
const FINGERPRINT_TYPE = '{ readonly operations: number; readonly encryptedFields: number; readonly inputs: Readonly<Record<string, string>>; readonly outputs: Readonly<Record<string, string>> }';

const sorted = (m: ReadonlyMap<string, string>): [string, string][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * `sources.gen.ts`: the sha256 of every spec file the output was made from, so `--check` can name the spec
 * files that changed, and (when given) the fingerprint of the whole generation.
 */
export function emitSources(files: ReadonlyMap<string, string>, fingerprint?: Fingerprint): string {
  const lines = ['/** sha256 of each spec file this client was generated from (LF line endings). */', 'export const sources: Readonly<Record<string, string>> = {'];
  for (const [name, hash] of sorted(files)) lines.push(`  ${quote(name)}: ${quote(hash)},`);
  lines.push('};');
  if (fingerprint) {
    lines.push('', ...FINGERPRINT_DOC, `export const fingerprint: ${FINGERPRINT_TYPE} = {`);
    lines.push(`  operations: ${fingerprint.operations},`, `  encryptedFields: ${fingerprint.encryptedFields},`);
    for (const [section, map] of [['inputs', fingerprint.inputs], ['outputs', fingerprint.outputs]] as const) {
      lines.push(`  ${section}: {`);
      for (const [key, hash] of sorted(map)) lines.push(`    ${JSON.stringify(key)}: ${JSON.stringify(hash)},`);
      lines.push('  },');
    }
    lines.push('};');
  }
  lines.push('');
  return lines.join('\n');
}

/** Reads `sources.gen.ts` back (empty when absent). Lenient: the fast path re-renders the record and compares it byte for byte. */
export function parseSourcesFile(text: string | undefined): SourcesRecord {
  const sources = new Map<string, string>();
  for (const m of (text ?? '').matchAll(/^ {2}'((?:[^'\\]|\\.)*)': '([0-9a-f]{64})',$/gm)) sources.set((m[1] ?? '').replace(/\\(.)/g, '$1'), m[2] ?? '');
  const at = (text ?? '').indexOf('\nexport const fingerprint');
  if (text === undefined || at < 0) return { sources };
  const block = text.slice(at);
  const count = (name: string): number => Number(new RegExp(`^ {2}${name}: (\\d+),$`, 'm').exec(block)?.[1] ?? NaN);
  const section = (name: string): Map<string, string> => {
    const out = new Map<string, string>();
    const body = new RegExp(`^ {2}${name}: \\{\\n([\\s\\S]*?)^ {2}\\},$`, 'm').exec(block)?.[1] ?? '';
    for (const m of body.matchAll(/^ {4}("(?:[^"\\]|\\.)*"): ("[^"\\]*"),$/gm)) out.set(JSON.parse(m[1] ?? '""') as string, JSON.parse(m[2] ?? '""') as string);
    return out;
  };
  return { sources, fingerprint: { operations: count('operations'), encryptedFields: count('encryptedFields'), inputs: section('inputs'), outputs: section('outputs') } };
}

/** Reads the file → hash map back from a `sources.gen.ts` text (empty when absent or unreadable). */
export function parseSources(text: string | undefined): Map<string, string> {
  return new Map(parseSourcesFile(text).sources);
}

/** Spec files added, removed or changed since the output was generated. */
export function changedSources(files: readonly { readonly name: string; readonly hash: string }[], previous: ReadonlyMap<string, string>): string[] {
  const now = new Map(files.map((f) => [f.name, f.hash]));
  const names = new Set([...now.keys(), ...previous.keys()]);
  return [...names].filter((n) => now.get(n) !== previous.get(n)).sort();
}

/** A `sources.gen.ts` text without its fingerprint (whose generator and runtime hashes change with every edit of either), for golden comparisons. */
export function withoutFingerprint(text: string): string {
  const at = text.indexOf('\n/**\n * What `wxpay-gen --check` compares');
  return at < 0 ? text : text.slice(0, at);
}
