import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildModel, loadSpec, SpecError } from '../../generator';
import { listFiles } from '../../generator/write';

/**
 * Bounded, seeded fuzzing of load + model: the real specs, mutated line by line (lines
 * dropped, duplicated, re-indented, tokens swapped, values replaced). Whatever comes in, the
 * answer is a model or a SpecError whose every problem names an existing file and a line
 * inside it — never a crash.
 */
const ROOT = resolve(__dirname, '..', '..');
const ITERATIONS = 300;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TOKENS = ['type: string', 'type: integer', 'type: object', 'type: array', 'x-encrypted: rsa', 'x-encrypted: aes', "$ref: './nowhere.yaml'", "$ref: '#/components/schemas/Error'", 'required: true', 'required: [a]', 'enum: [1, A]', 'in: path', 'in: cookie', '- name: x', "'200':", 'content: {}', 'items: {}', '{', ']', ': :', '"unterminated', '&a', '*a', '!!binary x', ''];

function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const pick = (): number => Math.floor(next() * lines.length);
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const i = pick();
    const line = lines[i] ?? '';
    switch (Math.floor(next() * 6)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, line); break;
      case 2: lines[i] = (next() < 0.5 ? '  ' : '') + line.replace(/^ {2}/, next() < 0.5 ? '' : ' '); break;
      case 3: lines[i] = line.replace(/:\s.*$/, `: ${TOKENS[Math.floor(next() * TOKENS.length)] ?? ''}`); break;
      case 4: lines.splice(i, 0, `${line.match(/^\s*/)?.[0] ?? ''}${TOKENS[Math.floor(next() * TOKENS.length)] ?? ''}`); break;
      default: lines[i] = line.replace(/[A-Za-z_]+/, (w) => w.split('').reverse().join('')); break;
    }
  }
  return lines.join('\n');
}

describe('fuzzed specs never crash load or model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-fuzz-'));
  cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
  const files = listFiles(join(dir, 'specs')).map((f) => join(dir, 'specs', f));
  const originals = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`${ITERATIONS} mutated variants: a model, or located SpecErrors`, () => {
    const next = rng(20261123);
    let failures = 0;
    for (let n = 0; n < ITERATIONS; n++) {
      const target = files[Math.floor(next() * files.length)] ?? files[0]!;
      for (const [f, text] of originals) writeFileSync(f, text);
      writeFileSync(target, mutate(originals.get(target) ?? '', next));
      try {
        buildModel(loadSpec('specs/wechatpay.yaml', dir));
      } catch (e) {
        if (!(e instanceof SpecError)) throw new Error(`iteration ${n} (${target}): ${e instanceof Error ? e.stack : String(e)}`);
        failures++;
        for (const p of e.problems) {
          const lines = readFileSync(join(dir, p.file), 'utf8').split('\n').length;
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines + 1);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(10);
        }
      }
    }
    // the mutations must actually break things most of the time, or this test proves little
    expect(failures).toBeGreaterThan(ITERATIONS / 3);
  });
});
