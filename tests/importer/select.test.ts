import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDocPages } from '../../importer/source/select';
import { tempDir } from './support';

/**
 * Which files of a docs checkout `import --from` takes for pages: the same as the importer reads
 * from a folder (README.md skipped), except the site's own index of a top folder (openapi/index.md).
 * A deeper index.md is a real page: openapi/v3/applyment4sub/applyment/index.md documents
 * POST /v3/applyment4sub/applyment/ — before, `import --from` left it out and reported its file
 * as gone upstream (and `--prune` deleted it).
 */
test('index.md below a top folder is a page; the top folders\' index.md and every README.md are not', () => {
  const dir = tempDir('select');
  try {
    const files = ['openapi/index.md', 'openapi/README.md', 'openapi/v3/applyment4sub/applyment/index.md', 'openapi/v3/applyment4sub/applyment/README.md', 'openapi/v3/refund/domestic/refunds.md', 'webhook/index.md', 'webhook/v3/REFUND.SUCCESS.md'];
    for (const f of files) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '# page\n');
    }
    expect(listDocPages(dir).map((p) => `${p.kind} ${p.rel} ${p.key}`)).toEqual([
      'api openapi/v3/applyment4sub/applyment/index.md v3/applyment4sub/applyment/index',
      'api openapi/v3/refund/domestic/refunds.md v3/refund/domestic/refunds',
      'webhook webhook/v3/REFUND.SUCCESS.md REFUND.SUCCESS',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
