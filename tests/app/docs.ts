/** The shared doc corpus (a git bundle of the docs repository, read-only) and commits of it the tests use. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO } from './strict-app';

function findShared(): string {
  for (let d = REPO; ; d = dirname(d)) {
    const candidate = join(d, 'shared', 'docs', 'wechatpay-docs.bundle');
    if (existsSync(candidate)) return candidate;
    if (dirname(d) === d) throw new Error('shared/docs/wechatpay-docs.bundle not found above the repository');
  }
}

export const DOCS_BUNDLE = findShared();
/** The bundle's HEAD (2026-01-31). */
export const HEAD_COMMIT = 'e8494021878414a55a2a13b721cf5dfad44f766b';
/** The parent of the commit that added openapi/v3/pay/transactions/app-with-contract.md. */
export const BEFORE_APP_WITH_CONTRACT = 'd50fe7258f78a8dbaeb69e3afd42a77873470947';
