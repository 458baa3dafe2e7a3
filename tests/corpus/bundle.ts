/**
 * The doc site's git history (../shared/docs/wechatpay-docs.bundle) as a real corpus: cloned
 * into a temporary folder per test file, never copied into the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');

/** The bundle, found walking up from the repository (so a worktree under /work/wt/ finds it too). */
export const BUNDLE: string | undefined = [resolve(REPO, '..'), resolve(REPO, '..', '..'), resolve(REPO, '..', '..', '..')]
  .map((base) => join(base, 'shared', 'docs', 'wechatpay-docs.bundle'))
  .find((p) => existsSync(p));

export interface DocsClone {
  /** The checkout (`openapi/`, `webhook/`, …). */
  readonly dir: string;
  /** Runs git in the checkout; stdout. */
  git(...args: string[]): string;
  /** Removes the clone. */
  remove(): void;
}

/** Clones the bundle (branch main) into a new temporary folder. */
export function cloneDocs(name: string): DocsClone {
  if (BUNDLE === undefined) throw new Error('shared/docs/wechatpay-docs.bundle not found beside the repository');
  const parent = mkdtempSync(join(tmpdir(), `wxpay-gen-${name}-`));
  const dir = join(parent, 'docs');
  execFileSync('git', ['clone', '--quiet', BUNDLE, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  return { dir, git, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
