/**
 * Generator target: the project's own specs, mutated (lines dropped, duplicated,
 * re-indented, values swapped for hostile tokens: $refs out of the folder and to devices,
 * bad %-encodings, alias bombs, deep flow nesting, huge strings, __proto__, typos of known
 * keys), then load + model. The answer must be a model or a WxPayGenError whose problems
 * name a spec file and a line inside it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WxPayGenError, SpecError } from '../../generator/errors';
import { loadSpec } from '../../generator/load';
import { buildModel } from '../../generator/model';
import { listFiles } from '../../generator/write';
import type { Draw } from '../rng';
import type { FuzzTarget, Outcome, TargetEnv } from '../types';

const TOKENS = [
  'type: string', 'type: integer', 'type: object', 'type: array', 'x-encrypted: rsa', 'x-encrypted: aes', 'x-encypted: rsa',
  "$ref: './nowhere.yaml'", "$ref: '#/components/schemas/Error'", "$ref: '/etc/hostname'", "$ref: '../../../etc/passwd#/a'",
  "$ref: '/dev/zero'", "$ref: './wechatpay.yaml#/%E0%A4%A'", "$ref: '#/%zz'", "$ref: '#/paths/~2'", "$ref: '#'",
  'required: true', 'required: [a]', 'enum: [1, A]', 'in: path', 'in: cookie', '- name: x', "'200':", 'content: {}', 'items: {}',
  'requestBdy: {}', '__proto__: {x-encrypted: rsa}', 'constructor: 1', '{', ']', ': :', '"unterminated', '&a', '*a', '!!binary x',
  '!custom x', 'operationId: dup', 'x-vendor-thing: 1', '',
];

function hostileBlock(d: Draw, indent: string): string {
  switch (d.int(6)) {
    case 0: {
      const depth = d.size(10, 5000);
      return `${indent}deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    }
    case 1: {
      const levels = d.size(2, 9);
      const lines = [`${indent}l0: &l0 [x, x, x, x, x, x, x, x, x]`];
      for (let i = 1; i < levels; i++) lines.push(`${indent}l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
      return lines.join('\n');
    }
    case 2:
      return `${indent}description: "${'长'.repeat(d.size(1000, 2_000_000))}"`;
    case 3:
      return `${indent}${d.junk(d.size(1, 200)).replace(/\n/g, ' ')}`;
    case 4: {
      const depth = d.size(10, 3000);
      return `${indent}nest: ${'['.repeat(depth)}${']'.repeat(depth)}`;
    }
    default:
      return `${indent}${d.pick(TOKENS)}`;
  }
}

function mutate(text: string, d: Draw): string {
  const lines = text.split('\n');
  const edits = 1 + d.int(3);
  for (let e = 0; e < edits; e++) {
    const i = d.int(lines.length);
    const line = lines[i] ?? '';
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    switch (d.int(8)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, line); break;
      case 2: lines[i] = (d.chance(0.5) ? '  ' : '') + line.replace(/^ {2}/, d.chance(0.5) ? '' : ' '); break;
      case 3: lines[i] = line.replace(/:\s.*$/, `: ${d.pick(TOKENS)}`); break;
      case 4: lines.splice(i, 0, `${indent}${d.pick(TOKENS)}`); break;
      case 5: lines.splice(i, 0, hostileBlock(d, indent)); break;
      case 6: lines.length = Math.max(1, i); break;
      default: lines[i] = line.replace(/[A-Za-z_]+/, (w) => w.split('').reverse().join('')); break;
    }
  }
  const out = lines.join('\n');
  return d.chance(0.02) ? `\uFEFF${out}` : d.chance(0.02) ? `${out}\0` : out;
}

export function generatorTarget(env: TargetEnv): FuzzTarget {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-fuzz-spec-'));
  cpSync(join(env.repo, 'specs'), join(dir, 'specs'), { recursive: true });
  const files = listFiles(join(dir, 'specs')).map((f) => join(dir, 'specs', f));
  const originals = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  let dirty: string[] = [];
  return {
    run(d: Draw): Outcome {
      for (const f of dirty) writeFileSync(f, originals.get(f) ?? '');
      dirty = [];
      const mutated = 1 + (d.chance(0.2) ? 1 : 0);
      for (let k = 0; k < mutated; k++) {
        const f = d.pick(files);
        writeFileSync(f, mutate(readFileSync(f, 'utf8'), d));
        dirty.push(f);
      }
      try {
        buildModel(loadSpec('specs/wechatpay.yaml', dir));
        return 'accepted';
      } catch (e) {
        if (!(e instanceof WxPayGenError)) throw e;
        if (e instanceof SpecError) {
          for (const p of e.problems) {
            if (!(p.line >= 1 && p.column >= 1 && p.message.length > 5)) throw new Error(`a SpecError problem is not located: ${p.file}:${p.line}:${p.column}`);
            if (p.file.startsWith('/') || p.file.includes('..')) throw new Error(`a SpecError names a file outside the spec folder: ${p.file.slice(0, 80)}`);
          }
        }
        return 'rejected';
      }
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
