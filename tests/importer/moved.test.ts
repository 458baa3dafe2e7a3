import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue, importPagesSync } from '../../importer';
import { tempDir } from './support';

/**
 * "Moved to" stubs of API pages (three in the doc bundle's openapi/v3, e.g.
 * papay/entrust-sign/contracts/pre-entrust-sign.md) are skipped with a note, as the
 * notification stubs are: they document nothing. The stub below has the shape of the real
 * ones (front matter only: a "Moved to" title and a meta refresh).
 */
const STUB = `---
title: Moved to /openapi/v3/papay/sign/contracts/pre-entrust-sign
head:
  - - meta
    - http-equiv: refresh
      content: 0;url=/openapi/v3/papay/sign/contracts/pre-entrust-sign
navbar: false
sidebar: false
---
`;

describe('"Moved to" stubs of API pages', () => {
  const work = tempDir('import-moved');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('are skipped with a note naming where the page went, not errors, and write nothing', () => {
    const pages = join(work, 'docs', 'openapi', 'v3', 'papay', 'entrust-sign', 'contracts');
    mkdirSync(pages, { recursive: true });
    writeFileSync(join(pages, 'pre-entrust-sign.md'), STUB);
    const out = join(work, 'specs');
    const result = importPagesSync({ inputs: ['docs'], out, cwd: work });
    expect(result.errors.map(formatIssue)).toEqual([]);
    expect(result.pages).toEqual([]);
    expect(result.warnings.map(formatIssue)).toEqual([
      'docs/openapi/v3/papay/entrust-sign/contracts/pre-entrust-sign.md:1: a "Moved to /openapi/v3/papay/sign/contracts/pre-entrust-sign" stub: skipped (the page it points to documents the operation)',
    ]);
    expect(existsSync(join(out, 'paths', 'v3', 'papay', 'entrust-sign', 'contracts', 'pre-entrust-sign.yaml'))).toBe(false);
  });
});
