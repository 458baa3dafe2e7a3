import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel, loadSpec } from '../../generator';
import { descriptorOf, emitOperations } from '../../generator/emit/operations';

/** operations.gen.ts carries the table as JSON in a template literal: it must survive any text a spec can hold. */
describe('operations.gen.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-ops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips enum values with backticks, ${, backslashes, quotes, line breaks and non-ASCII', () => {
    const nasty = ['a`b', '${process.exit(1)}', 'c\\\\d', "it's", 'say "hi"', 'line\\nbreak', '中文', '\\\\${x}`'];
    writeFileSync(join(dir, 'spec.yaml'), `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /v3/x:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                v: { type: string, enum: [${nasty.map((v) => JSON.stringify(v)).join(', ')}] }
      responses:
        '204': { description: done }
`);
    const model = buildModel(loadSpec('spec.yaml', dir));
    const text = emitOperations(model);
    const literal = /JSON\.parse\((`[\s\S]*`)\) as OperationTable;/.exec(text)?.[1];
    expect(literal).toBeDefined();
    const table = JSON.parse(new Function(`return ${literal};`)() as string) as Record<string, Record<string, unknown>>;
    const op = model.operations[0]!;
    expect(table['v3/x']?.['post']).toEqual(JSON.parse(JSON.stringify(descriptorOf(op))));
    const values = (table['v3/x']?.['post'] as { request: { json: { properties: { v: { enum: string[] } } } } }).request.json.properties.v.enum;
    expect(values).toEqual(JSON.parse(`[${nasty.map((v) => JSON.stringify(v)).join(',')}]`));
  });
});
