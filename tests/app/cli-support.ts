/** Running the CLI in a temporary app folder, with its output captured. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIO } from '../../bin/cli';

export interface Captured extends CliIO {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function capture(): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Runs `wxpay-gen <argv>` with `dir` as the working directory. */
export async function cli(dir: string, argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const before = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(argv, io);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  } finally {
    process.chdir(before);
  }
}

/** A fresh folder per test, removed afterwards. */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    made.push(d);
    return d;
  };
}
