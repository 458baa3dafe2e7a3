/**
 * The generator's fuzz target, for the `npm run fuzz` runner (harden-rt's scripts/): one call
 * is one iteration. It writes the real specs/ into `dir`, mutates one file (seeded by
 * `seed` and `iteration`: lines dropped, duplicated, re-indented, hostile tokens — `$ref`s out
 * of the folder, to devices, with bad %-escapes, YAML alias bombs, deep nesting, typos of
 * x-encrypted), and runs load + model. The outcome is a model or a SpecError whose problems
 * all name a file and a line; anything else (another error, a problem without a location) is
 * returned as `crash` with the mutated file's text, so the runner can save a reproducer.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildModel, loadSpec, SpecError } from '../../generator';
import { listFiles } from '../../generator/write';

export type GeneratorOutcome =
  | { readonly kind: 'model'; readonly operations: number }
  | { readonly kind: 'spec-error'; readonly problems: number }
  | { readonly kind: 'crash'; readonly file: string; readonly text: string; readonly error: string };

const REPO = resolve(__dirname, '..', '..');

const TOKENS = [
  'type: string', 'type: object', 'type: array', 'x-encrypted: rsa', 'x-encypted: rsa', 'x-encrypted: aes',
  "$ref: './nowhere.yaml'", "$ref: '../../../../../etc/hostname'", "$ref: '/dev/zero'", "$ref: './x%zz.yaml'",
  "$ref: '#/components/%E0%A4%A'", "$ref: '#/components/schemas/Error'", 'requestBdy: {}', 'required: [a]',
  'enum: [1, A]', 'in: path', '- name: timeout', '__proto__: { type: string, x-encrypted: rsa }', "'200':",
  'content: {}', 'items: {}', '{', ']', ': :', '"unterminated', '&a [1, 2, 3]', '*a', '!!binary x', '[[[[[[[[[[', '',
];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(next() * lines.length);
    const line = lines[i] ?? '';
    const token = TOKENS[Math.floor(next() * TOKENS.length)] ?? '';
    switch (Math.floor(next() * 6)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, line); break;
      case 2: lines[i] = (next() < 0.5 ? '  ' : '') + line.replace(/^ {2}/, ''); break;
      case 3: lines[i] = line.replace(/:\s.*$/, `: ${token}`); break;
      case 4: lines.splice(i, 0, `${/^\s*/.exec(line)?.[0] ?? ''}${token}`); break;
      default: lines[i] = line.replace(/[A-Za-z_]+/, (w) => w.split('').reverse().join('')); break;
    }
  }
  return lines.join('\n');
}

/** One iteration in `dir` (a scratch folder the runner owns; specs/ is copied there on first use and restored each time). */
export function generatorTarget(seed: number, iteration: number, dir: string): GeneratorOutcome {
  const specs = join(dir, 'specs');
  if (!existsSync(specs)) cpSync(join(REPO, 'specs'), specs, { recursive: true });
  const files = listFiles(join(REPO, 'specs'));
  for (const f of files) writeFileSync(join(specs, f), readFileSync(join(REPO, 'specs', f)));
  const next = rng(seed * 1_000_003 + iteration);
  const target = files[Math.floor(next() * files.length)] ?? 'wechatpay.yaml';
  const text = mutate(readFileSync(join(specs, target), 'utf8'), next);
  writeFileSync(join(specs, target), text);
  try {
    return { kind: 'model', operations: buildModel(loadSpec('specs/wechatpay.yaml', dir)).operations.length };
  } catch (e) {
    const located = e instanceof SpecError && e.problems.every((p) => p.file !== '' && p.line >= 1 && p.column >= 1 && p.message.length > 10);
    if (located) return { kind: 'spec-error', problems: (e as SpecError).problems.length };
    return { kind: 'crash', file: target, text, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
