/** `npm pack` of the repository (already built by `npm test`), into a folder of the caller's. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './strict-app';

/** Packs without running `prepare` (npm test has just built dist/) and returns the tarball's path. */
export function packTarball(dest: string): string {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: REPO, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(out) as { filename: string }[];
  if (!info) throw new Error('npm pack printed no tarball');
  return join(dest, info.filename);
}

/** The files in a tarball, without npm's `package/` prefix. */
export function tarballFiles(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')).sort();
}
