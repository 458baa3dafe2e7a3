import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
/** The first `shared/docs-sample` found walking up from `from` (a worktree may sit deeper than /work/main). */
export function findDocsSample(from: string): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'shared', 'docs-sample');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return resolve(from, '..', 'shared', 'docs-sample');
}

/** The 60 sample doc pages (shared, read-only). */
export const DOCS = findDocsSample(REPO);
export const SAMPLE = join(DOCS, 'openapi');

/** The four seed endpoints: doc page (under SAMPLE) and hand-written path file (under specs/paths). */
export const SEEDS = [
  'v3/gov/subsidy/qualifications/passthrough/query',
  'v3/gov/subsidy/zhejiang/authcode/issue',
  'v3/facemch/users/{face_sid}',
  'v3/edu-papay/user/{openid}/contracts',
] as const;

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `wxpay-gen-${name}-`));
}

/** Copies doc pages (paths relative to DOCS) into `dir`, keeping their folders. */
export function copyPages(dir: string, pages: readonly string[]): void {
  for (const p of pages) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    cpSync(join(DOCS, p), join(dir, p));
  }
}

/** Every file below `dir`, relative, `/`-separated, sorted: the generator's own listing. */
export { listFiles } from '../../generator/write';
