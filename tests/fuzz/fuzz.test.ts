/**
 * The CI-sized fuzz run: each target for one or a few hundred seeded iterations through the real
 * runner (`node dist/fuzz/cli.js`, built by `npm test` before jest runs), which must report
 * no crash, no hang, no internal error. Long runs: `npm run fuzz -- --iterations N`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from '../../fuzz/cli';
import type { FuzzReport } from '../../fuzz/types';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'fuzz', 'cli.js');

function fuzz(args: readonly string[]): Promise<{ code: number; report: FuzzReport; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [CLI, ...args, '--json'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 240_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      try {
        done({ code, report: JSON.parse(stdout) as FuzzReport, stderr });
      } catch {
        fail(new Error(`the fuzz runner printed no report (exit ${code}): ${stderr.slice(0, 2000)}`));
      }
    });
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/fuzz/cli.js is missing: run `npm run build` (npm test does) first');
});

describe.each([
  ['importer', 400],
  ['mock', 400],
  ['generator', 150],
] as const)('fuzz target %s', (target, iterations) => {
  test(`${iterations} seeded iterations: no crash, hang or internal error`, async () => {
    const { code, report } = await fuzz(['--target', target, '--iterations', String(iterations), '--seed', '20261201']);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    const t = report.targets[0];
    expect(t).toMatchObject({ target, iterations, crashes: 0, hangs: 0, internal: 0 });
    // the inputs must reach both sides: some accepted, some rejected
    expect(t?.accepted).toBeGreaterThan(0);
    expect(t?.rejected).toBeGreaterThan(0);
  }, 240_000);
});

describe('the runner', () => {
  test('the same seed gives the same outcomes', async () => {
    const a = await fuzz(['--target', 'importer', '--iterations', '20', '--seed', '5']);
    const b = await fuzz(['--target', 'importer', '--iterations', '20', '--seed', '5']);
    expect(b.report.targets[0]).toMatchObject({ accepted: a.report.targets[0]?.accepted, rejected: a.report.targets[0]?.rejected });
  }, 120_000);

  test('--max-seconds bounds a run: the report says how many of the planned iterations ran', async () => {
    const { code, report } = await fuzz(['--target', 'mock', '--iterations', '1000000', '--max-seconds', '2']);
    expect(code).toBe(0);
    expect(report.targets[0]?.planned).toBe(1_000_000);
    expect(report.targets[0]?.iterations).toBeLessThan(1_000_000);
  }, 120_000);

  test.each([
    [[], /--iterations is required/],
    [['--iterations', '0'], /--iterations must be a whole number from 1/],
    [['--iterations', '5', '--target', 'x'], /--target must be one of generator, importer, mock, all/],
    [['--iterations', '5', '--bogus'], /unknown argument --bogus/],
  ])('%p is a usage error', (argv, message) => {
    expect(parseArgs(argv)).toEqual(expect.stringMatching(message));
  });
});
