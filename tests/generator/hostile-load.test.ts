/**
 * Hostile specs at the load stage: each one ends in a SpecError located at the right file and
 * line with the right message — never a file read outside the spec folder, a hang, a blown
 * heap or an internal error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildModel, loadSpec, SpecError } from '../../generator';
import type { LoadLimits } from '../../generator/load';

const ROOT = (ref: string): string => `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /v3/x:
    $ref: '${ref}'
`;
const OP = (schema: string): string => `post:
  requestBody:
    content:
      application/json:
        schema:
${schema.replace(/^/gm, '          ')}
  responses:
    '204': { description: done }
`;

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'wxpay-gen-hostile-'));
  writeFileSync(join(base, 'secret.pem'), '-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----\n');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Writes `files` under a fresh `<case>/spec/` folder and loads `spec/root.yaml`; returns the error (or undefined). */
function load(files: Readonly<Record<string, string | Buffer>>, limits?: Partial<LoadLimits>, setup?: (spec: string) => void): unknown {
  const dir = mkdtempSync(join(base, 'case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'spec', name)), { recursive: true });
    writeFileSync(join(dir, 'spec', name), text);
  }
  setup?.(join(dir, 'spec'));
  try {
    buildModel(loadSpec('spec/root.yaml', dir, limits));
    return undefined;
  } catch (e) {
    return e;
  }
}

function expectProblem(err: unknown, file: string, line: number, message: RegExp): void {
  expect(err).toBeInstanceOf(SpecError);
  const problems = (err as SpecError).problems;
  expect({ problems }).toEqual({ problems: expect.arrayContaining([expect.objectContaining({ file, line, message: expect.stringMatching(message) })]) });
  expect(JSON.stringify(problems)).not.toContain('MIIsecret');
}

describe('$ref confinement', () => {
  it.each([
    ['a relative path up and out', '../../secret.pem#/x'],
    ['an absolute path', '/etc/hostname'],
    ['a device', '/dev/zero'],
  ])('%s is refused at the $ref', (_name, ref) => {
    expectProblem(load({ 'root.yaml': ROOT(ref) }), 'spec/root.yaml', 5, /points outside the spec folder/);
  });

  it('%2F is not a path separator in a $ref file part (the file does not exist; nothing outside is read)', () => {
    expectProblem(load({ 'root.yaml': ROOT('..%2F..%2Fsecret.pem') }), 'spec/root.yaml', 5, /which does not exist/);
  });

  it('a symbolic link inside the folder that leads out is refused', () => {
    const err = load({ 'root.yaml': ROOT('./paths/x.yaml') }, undefined, (spec) => {
      mkdirSync(join(spec, 'paths'));
      symlinkSync(join(base, 'secret.pem'), join(spec, 'paths', 'x.yaml'));
    });
    expectProblem(err, 'spec/root.yaml', 5, /points outside the spec folder/);
  });

  it('a remote URL is refused', () => {
    expectProblem(load({ 'root.yaml': ROOT('https://example.com/x.yaml') }), 'spec/root.yaml', 5, /is a URL; only files inside the spec folder/);
  });

  it.each([
    ['a folder', (spec: string) => mkdirSync(join(spec, 'x.yaml'))],
    ['a FIFO (never opened for a blocking read)', (spec: string) => execFileSync('mkfifo', [join(spec, 'x.yaml')])],
  ])('%s is not a regular file', (_name, make) => {
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml') }, undefined, make), 'spec/x.yaml', 1, /is not a regular file \((a folder|a FIFO)\).*named by the \$ref at spec\/root\.yaml:5/);
  });

  it('a file over the size limit is refused before it is parsed (default limit: 4 MiB)', () => {
    const big = `post:\n  description: "${'x'.repeat(4 * 1024 * 1024)}"\n  responses: { '204': { description: d } }\n`;
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': big }), 'spec/x.yaml', 1, /is 4,194,3\d\d bytes, more than the 4,194,304-byte limit for a spec file \(limits\.maxFileBytes\)/);
  });

  it('the limits can be changed', () => {
    const small = OP('type: object');
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': small }, { maxFileBytes: 120 }), 'spec/x.yaml', 1, /more than the 120-byte limit/);
    expect(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': small }, { maxFileBytes: 10_000 })).toBeUndefined();
    expect(() => loadSpec('r.yaml', base, { maxFileBytes: -1 })).toThrow(TypeError);
    expect(() => loadSpec('r.yaml', base, { maxFiel: 1 } as Partial<LoadLimits>)).toThrow(/unknown load limit "maxFiel"/);
  });
});

describe('malformed references and text', () => {
  it.each([
    ['in the file part', "./x%zz.yaml"],
    ['in the fragment', "#/components/%E0%A4%A"],
  ])('a bad %%-escape %s is a located problem, not a URIError', (_name, ref) => {
    expectProblem(load({ 'root.yaml': ROOT(ref) }), 'spec/root.yaml', 5, /malformed %-escape/);
  });

  it('a UTF-16 file is named as such', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(OP('type: object'), 'utf16le')]);
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': utf16 }), 'spec/x.yaml', 1, /is UTF-16 text.*save it as UTF-8/);
  });

  it('a file that is not UTF-8 is named as such', () => {
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]) }), 'spec/x.yaml', 1, /is not valid UTF-8/);
  });

  it('a block mapping 3,000 deep: refused by a limit (its indentation alone is 4.5 MB), no RangeError', () => {
    const deep = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n';
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': deep }), 'spec/x.yaml', 1, /limits\.maxFileBytes/);
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': deep }, { maxFileBytes: 8 * 1024 * 1024 }), 'spec/x.yaml', 200, /nested more than 200 levels deep \(limits\.maxDepth\)/);
  });

  it('a block mapping 1,000 deep: the nesting limit, at the line where it is crossed', () => {
    const deep = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v\n';
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': deep }), 'spec/x.yaml', 200, /nested more than 200 levels deep \(limits\.maxDepth\)/);
  });

  it('flow lists 100,000 deep: the nesting limit', () => {
    const deep = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': deep }), 'spec/x.yaml', 1, /nested more than 200 levels deep/);
  });

  it('a schema 60 levels deep is a valid spec, not "a custom !tag"', () => {
    let schema = 'type: string';
    for (let i = 0; i < 60; i++) schema = `type: object\nproperties:\n  p${i}:\n${schema.replace(/^/gm, '    ')}`;
    expect(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': OP(schema) })).toBeUndefined();
  });

  it('a schema 150 levels deep: the nesting limit, not "a custom !tag"', () => {
    let schema = 'type: string';
    for (let i = 0; i < 150; i++) schema = `type: object\nproperties:\n  p${i}:\n${schema.replace(/^/gm, '    ')}`;
    const err = load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': OP(schema) });
    expectProblem(err, 'spec/x.yaml', expect.any(Number) as unknown as number, /nested more than 200 levels deep/);
    expect((err as SpecError).message).not.toMatch(/tag/);
  });

  it('a custom !tag is still named as one', () => {
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': 'post: !secret x\n' }), 'spec/x.yaml', 1, /custom !tag/);
  });
});

describe('expansion bombs', () => {
  it('billion laughs (YAML aliases, 10 levels of 10): refused by the expansion budget', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const text = `post:\n  x-bomb:\n${lines.map((l) => `    ${l}`).join('\n')}\n  responses: { '204': { description: d } }\n`;
    expectProblem(load({ 'root.yaml': ROOT('./x.yaml'), 'x.yaml': text }), 'spec/x.yaml', expect.any(Number) as unknown as number, /expands to more than 2,000,000 values .*\(limits\.maxNodes\)/);
  });

  it('a $ref DAG 24 levels deep (each level twice the one below): refused by the expansion budget', () => {
    const schemas = ['    S0: { type: string }'];
    for (let i = 1; i <= 24; i++) schemas.push(`    S${i}:\n      type: object\n      properties:\n        l: { $ref: '#/components/schemas/S${i - 1}' }\n        r: { $ref: '#/components/schemas/S${i - 1}' }`);
    const root = `${ROOT('./x.yaml')}components:\n  schemas:\n${schemas.join('\n')}\n`;
    const err = load({ 'root.yaml': root, 'x.yaml': OP("$ref: '../spec/root.yaml#/components/schemas/S24'") });
    expectProblem(err, 'spec/root.yaml', expect.any(Number) as unknown as number, /expands to more than 2,000,000 values/);
  });

  it('a shared $ref within the budget is resolved once and shared', () => {
    const schemas = ['    S0: { type: string }'];
    for (let i = 1; i <= 10; i++) schemas.push(`    S${i}:\n      type: object\n      properties:\n        l: { $ref: '#/components/schemas/S${i - 1}' }\n        r: { $ref: '#/components/schemas/S${i - 1}' }`);
    const dir = mkdtempSync(join(base, 'share-'));
    writeFileSync(join(dir, 'root.yaml'), `${ROOT('./x.yaml')}components:\n  schemas:\n${schemas.join('\n')}\n`);
    writeFileSync(join(dir, 'x.yaml'), OP("$ref: './root.yaml#/components/schemas/S10'"));
    const spec = loadSpec('root.yaml', dir);
    const s10 = ((spec.document['components'] as Record<string, unknown>)['schemas'] as Record<string, Record<string, Record<string, unknown>>>)['S10'];
    expect(s10?.['properties']?.['l']).toBe(s10?.['properties']?.['r']);
    expect(buildModel(spec).operations).toHaveLength(1);
  });
});
