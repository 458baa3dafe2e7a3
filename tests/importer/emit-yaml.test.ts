/**
 * importer/emit-yaml.ts's own YAML writer against the `yaml` package: for hostile strings in every
 * position (key, value, list item, flow list, `$ref`, nested, top level) and for the whole doc corpus's
 * import, the text must be byte-identical to what the `yaml` package's Document writer produces with the
 * options the importer used before, and the `yaml` package must read it back as the same data.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Document, isScalar, isSeq, parse, Scalar, visit } from 'yaml';
import * as emitYaml from '../../importer/emit-yaml';
import { importPagesSync } from '../../importer/import-pages';
import { DOCS_BUNDLE } from '../app/docs';
import { tempDir } from './support';

const { toYaml } = emitYaml;

/** The importer's writer before emit-yaml.ts had its own: the `yaml` package's Document, styled by a visitor. */
function yamlPackageWriter(value: unknown): string {
  const ambiguous = [
    /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/,
    /^\d{4}-\d\d?-\d\d?(?:[Tt\s].*)?$/,
    /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
    /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+)$/,
    /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/,
  ];
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === 'string' && ['required', 'enum', 'example'].includes(key) && isSeq(pair.value)) pair.value.flow = true;
      if (key === '$ref' && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_SINGLE;
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.type === undefined && ambiguous.some((re) => re.test(node.value as string))) node.type = Scalar.QUOTE_SINGLE;
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false }).replace(/\r\n?/g, '\n');
}

const HOSTILE: readonly string[] = [
  '', ' ', '  ', '\t', 'plain', 'two words', '中文描述', 'emoji 😀', 'a\u00a0b', '\u00a0', 'a\u0085b', 'a\u2028b', 'a\u2029b',
  "it's", 'say "hi"', `both ' and "`, "'", '"', "''", 'a: b', 'a:b', 'a:', ':a', ': a', 'http://x.y/z?a=1#f',
  '- a', '-', '-a', '--', '? x', '?', '?x', '*alias', '&anchor', '!tag', '!!str', '%percent', '@at', '`tick`', '|', '|-', '>', '> x',
  '#', '# comment', 'a #b', 'a#b', 'a # b', '[a]', '[', ']', '{a}', '{', '}', 'a,b', ', a', 'a, b', 'a[0]',
  '0123', '0755-86013388', '1e3', '1E3', '1.5', '.5', '5.', '+1', '-1', '0x1F', '0o17', '0b101', '1_000', '12:30', '1:20:30', '.inf', '-.Inf', '.nan', '.NaN',
  'true', 'True', 'TRUE', 'false', 'null', 'Null', 'NULL', '~', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'Y', '2026-11-23', '2026-11-23T10:34:56+08:00', '2026-1-2 3:04',
  '---', '--- x', '...', '... x', 'a\n---\nb', '%YAML 1.2', 'x\n%y',
  'a\nb', 'a\n\nb', '\na', 'a\n', 'a\n\n', '\n', '\n\n', ' a\nb', 'a \nb', 'a\n b', 'a\n\tb', 'a\n ', ' leading', 'trailing ', 'trailing\t',
  'a very long line that is well over forty characters before the break\nand a second line',
  'a very long line that is well over forty characters before the break \nand a second line',
  'a very long line that is well over forty characters\n\n\nthree breaks\n',
  'control \u0001 char', 'bell \u0007', 'esc \u001b', 'nul \u0000', 'cr\rlf', 'crlf\r\nnext', 'del \u007f', 'c1 \u0090',
  'lone \ud800 surrogate', 'tab\tinside', "quote's\nand lines", '"dq"\nlines', 'json {"a":[1,2]}', '["Media_id1","Media_id2"]',
  '-\n0', '?\nx', '-\n', ':\nx', 'k'.repeat(1100), `${'很长'.repeat(600)}`,
];

const NUMBERS: readonly unknown[] = [0, 1, -1, 1.5, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, true, false, null];

/** One string in every position the importer's data can put it. */
function positions(s: string): Record<string, unknown> {
  return {
    [s]: s,
    value: s,
    list: [s, [s], { [s]: s }, [], {}],
    enum: [s, 1],
    required: [s],
    example: [{ [s]: s, x: [s], y: { z: s } }, [s, [s]]],
    $ref: s,
    nested: { deeper: { d: s, l: [s], e: [], m: {} }, [s]: { k: s } },
    seqOfMaps: [{ a: s, b: [s] }, [{ c: s }]],
  };
}

function readsBack(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

/**
 * Reads back as `value`, and has the yaml package's bytes — except where the yaml package's own text does not
 * read back (a top-level `|1` block; a multi-line string whose first line is a lone `-` or `?` in a flow list).
 */
function same(value: unknown): void {
  const text = toYaml(value);
  expect(parse(text)).toEqual(value);
  const theirs = yamlPackageWriter(value);
  if (text !== theirs) expect({ theirs, readsBack: readsBack(theirs, value) }).toEqual({ theirs, readsBack: false });
}

describe('emit-yaml.ts writes what the yaml package writes, and it reads back', () => {
  test.each(HOSTILE.map((s) => [JSON.stringify(s).slice(0, 60), s]))('the string %s in every position', (_, s) => {
    same(positions(s));
    same(s);
    same([s, { [s]: [s] }]);
  });

  test('2,000 short strings drawn from YAML\'s indicator characters, in keys, values, block and flow lists and flow maps', () => {
    const alphabet = ['a', 'y', 'n', 'e', 'x', '中', '0', '1', '.', ' ', '\t', '\n', ':', '#', '-', '?', "'", '"', ',', '[', ']', '{', '}', '%', '!', '&', '*', '|', '>', '@', '`', '~', '\\', '+'];
    let seed = 14;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let len = 1 + next(7); len > 0; len--) s += alphabet[next(alphabet.length)];
      same({ [s]: s, enum: [s], l: [s, { [s]: [s] }], example: [{ [s]: s, x: [s] }, s] });
    }
  });

  test('numbers, booleans, null, empty collections, undefined members', () => {
    same({ n: [...NUMBERS], enum: [...NUMBERS], m: Object.fromEntries(NUMBERS.map((v, i) => [`k${i}`, v])) });
    for (const v of NUMBERS) same(v);
    same({});
    same([]);
    same({ a: {}, b: [], c: [[]], d: [{}], required: [], enum: [[], {}], example: [{ a: [] }] });
    const withUndefined = { a: 1, b: undefined, c: { d: undefined } };
    expect(toYaml(withUndefined)).toBe(yamlPackageWriter(withUndefined));
    expect(parse(toYaml(withUndefined))).toEqual({ a: 1, c: {} });
  });

  test('-0 stays -0', () => {
    same({ z: -0 });
    expect(Object.is(parse(toYaml({ z: -0 })).z, -0)).toBe(true);
  });

  test('an object met twice is written twice (no anchors); a cycle, a Map or a function is refused', () => {
    const shared = { type: 'string' };
    const data = { a: shared, b: [shared] };
    expect(toYaml(data)).toBe('a:\n  type: string\nb:\n  - type: string\n');
    expect(parse(toYaml(data))).toEqual(data);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => toYaml(cyclic)).toThrow(TypeError);
    expect(() => toYaml({ m: new Map([['a', 1]]) })).toThrow(TypeError);
    // an object whose prototype a parsed `__proto__` key replaced: written by its own keys, as the yaml package does
    const odd = Object.create({ inherited: 1 }) as Record<string, unknown>;
    odd['own'] = 'x';
    same({ odd });
    expect(() => toYaml({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('the whole doc corpus (openapi/v3 + webhook/v3 of the bundle)', () => {
  const dir = tempDir('emit-yaml-corpus');
  const site = join(dir, 'site');
  const written: { data: unknown; text: string }[] = [];
  beforeAll(() => {
    execFileSync('git', ['clone', '--quiet', DOCS_BUNDLE, site], { stdio: 'ignore' });
    const spy = jest.spyOn(emitYaml, 'toYaml').mockImplementation((value: unknown) => {
      const text = toYaml(value);
      written.push({ data: value, text });
      return text;
    });
    try {
      importPagesSync({ inputs: [join(site, 'openapi', 'v3'), join(site, 'webhook', 'v3')], out: 'specs', cwd: dir });
    } finally {
      spy.mockRestore();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every file written is byte-identical to the yaml package writer and reads back as the data it came from', () => {
    expect(written.length).toBeGreaterThan(950);
    let bytes = 0;
    for (const { data, text } of written) {
      bytes += text.length;
      if (text !== yamlPackageWriter(data)) expect(text).toBe(yamlPackageWriter(data));
      const back: unknown = parse(text);
      expect(back).toEqual(data);
    }
    expect(bytes).toBeGreaterThan(3_000_000);
    // the file on disk is the text with its marker line
    const one = readFileSync(join(dir, 'specs', 'webhooks', 'TRANSACTION.SUCCESS.yaml'), 'utf8');
    expect(written.some((w) => one.endsWith(`)\n${w.text}`))).toBe(true);
  }, 120_000);
});
