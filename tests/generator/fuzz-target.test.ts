import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatorTarget } from '../fuzz/generator-target';

test('the generator fuzz target: 150 seeded iterations, no crash, and the mutations do break specs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-fuzz-target-'));
  try {
    const outcomes = Array.from({ length: 150 }, (_, i) => generatorTarget(9, i, dir));
    expect(outcomes.filter((o) => o.kind === 'crash')).toEqual([]);
    expect(outcomes.filter((o) => o.kind === 'spec-error').length).toBeGreaterThan(30);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
