/**
 * `import --from <git URL | folder> --only <globs>`: a file:// URL to the docs bundle (fetched into
 * the app's cache), the selection remembered in the config so a bare `import` repeats it, the doc
 * commit of each file recorded, pages gone upstream listed and deleted with --prune.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { globToRegExp } from '../../importer/source/glob';
import { listDocPages, selectPages } from '../../importer/source/select';
import { cli, tempDirs } from './cli-support';
import { DOCS_BUNDLE, HEAD_COMMIT, BEFORE_APP_WITH_CONTRACT } from './docs';

const temp = tempDirs('wxpay-import-from-');
const URL = pathToFileURL(DOCS_BUNDLE).href;
const ONLY = ['v3/pay/transactions/**', 'v3/refund/**', 'TRANSACTION.*'];
const config = (dir: string): { import: Record<string, unknown> } => JSON.parse(readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8')) as { import: Record<string, unknown> };

describe('globs', () => {
  test('** spans folders, * stays in one, the rest is literal', () => {
    expect(globToRegExp('v3/refund/**').test('v3/refund/domestic/refunds/{out_refund_no}')).toBe(true);
    expect(globToRegExp('v3/pay/*/jsapi').test('v3/pay/transactions/jsapi')).toBe(true);
    expect(globToRegExp('v3/pay/*').test('v3/pay/transactions/jsapi')).toBe(false);
    expect(globToRegExp('TRANSACTION.*').test('TRANSACTION.SUCCESS')).toBe(true);
    expect(globToRegExp('TRANSACTION.*').test('TRANSACTIONXSUCCESS')).toBe(false);
    expect(globToRegExp('v3/facemch/users/{face_sid}').test('v3/facemch/users/{face_sid}')).toBe(true);
  });
  test('API pages by URL path, notification pages by event type', () => {
    const pages = [
      { abs: '/d/openapi/v3/refund/domestic/refunds.md', rel: 'openapi/v3/refund/domestic/refunds.md', key: 'v3/refund/domestic/refunds', kind: 'api' as const },
      { abs: '/d/webhook/v3/REFUND.SUCCESS.md', rel: 'webhook/v3/REFUND.SUCCESS.md', key: 'REFUND.SUCCESS', kind: 'webhook' as const },
    ];
    expect(selectPages(pages, ['/openapi/v3/refund/**', 'REFUND.*', 'v3/nothing/**'])).toEqual({ pages, unmatched: ['v3/nothing/**'] });
  });
});

describe('import --from a file:// URL of the docs bundle', () => {
  const dir = temp();
  beforeAll(async () => {
    writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true}');
    expect((await cli(dir, ['init'])).code).toBe(0);
  });

  test('imports the selection, remembers it with the doc commit of each file', async () => {
    const r = await cli(dir, ['import', '--from', URL, '--only', ...ONLY]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`docs ${URL} at ${HEAD_COMMIT.slice(0, 12)}: 20 pages selected`));
    // 15 API pages and the 5 APIv3 TRANSACTION.* notification pages of webhook/v3 (webhook/v2 is APIv2's XML)
    expect(r.out).toMatch(/imported 20 pages \(15 operations, 5 notifications\) into specs\/: 20 created; root specs\/wechatpay.yaml updated \(\+15 paths, \+5 notifications\)/);
    expect(r.out).toMatch(/next: npx wxpay-gen/);
    expect(r.err).not.toMatch(/not imported/);
    expect(existsSync(join(dir, 'specs', 'webhooks', 'TRANSACTION.SUCCESS.yaml'))).toBe(true);
    const imp = config(dir).import;
    expect(imp).toMatchObject({ from: URL, only: ONLY, commit: HEAD_COMMIT });
    const files = imp['files'] as Record<string, string>;
    expect(Object.keys(files)).toHaveLength(20);
    expect(files['specs/webhooks/TRANSACTION.SUCCESS.yaml']).toBe(HEAD_COMMIT);
    expect(files['specs/paths/v3/refund/domestic/refunds.yaml']).toBe(HEAD_COMMIT);
    expect(existsSync(join(dir, 'node_modules', '.cache', 'wxpay-gen', 'docs'))).toBe(true);
  }, 120_000);

  test('a bare import repeats it: nothing changes', async () => {
    const before = readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8');
    const r = await cli(dir, ['import']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/20 unchanged; root specs\/wechatpay.yaml unchanged/);
    expect(readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8')).toBe(before);
  }, 120_000);

  test('a page gone upstream is listed, and deleted with its root entry by --prune', async () => {
    const r = await cli(dir, ['import', '--ref', BEFORE_APP_WITH_CONTRACT]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/gone upstream\s+specs\/paths\/v3\/pay\/transactions\/app-with-contract.yaml {2}\(openapi\/v3\/pay\/transactions\/app-with-contract.md\)/);
    expect(r.err).toMatch(/rerun with --prune/);
    const p = await cli(dir, ['import', '--prune']);
    expect(p.err).toMatch(/deleted {2}specs\/paths\/v3\/pay\/transactions\/app-with-contract.yaml/);
    expect(existsSync(join(dir, 'specs', 'paths', 'v3', 'pay', 'transactions', 'app-with-contract.yaml'))).toBe(false);
    expect(readFileSync(join(dir, 'specs', 'wechatpay.yaml'), 'utf8')).not.toContain('app-with-contract');
    const imp = config(dir).import;
    expect(imp['ref']).toBe(BEFORE_APP_WITH_CONTRACT);
    expect(imp['commit']).toBe(BEFORE_APP_WITH_CONTRACT);
    expect((await cli(dir, [])).code).toBe(0);
  }, 120_000);

  test('a file edited by hand is shown as a diff and kept; the message names its overlay file', async () => {
    const file = join(dir, 'specs', 'paths', 'v3', 'refund', 'domestic', 'refunds.yaml');
    const edited = readFileSync(file, 'utf8').replace('summary: ', 'summary: (local) ');
    writeFileSync(file, edited);
    const r = await cli(dir, ['import']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^-\s+summary: \(local\) /m);
    expect(r.err).toMatch(/^\+\s+summary: (?!\(local\))/m);
    expect(r.err).toContain('specs/paths/v3/refund/domestic/refunds.yaml  ->  overlay specs/overrides/paths/v3/refund/domestic/refunds.yaml');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  }, 120_000);

  test('unknown globs, a missing folder and --ref with a folder say what to do', async () => {
    const before = readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8');
    const g = await cli(dir, ['import', '--only', 'v3/refnd/**']);
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/--only v3\/refnd\/\*\* matched no page .*nothing was imported .*pages starting like it: v3\/ref/);
    expect(readFileSync(join(dir, 'wxpay-gen.config.json'), 'utf8')).toBe(before);
    const f = await cli(dir, ['import', '--from', 'no-such-docs', '--only', 'v3/**']);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/no-such-docs: no such folder/);
  }, 120_000);
});

test('import --from a local docs folder (a clone of the bundle) records its commit', async () => {
  const dir = temp();
  const docs = join(temp(), 'docs');
  execFileSync('git', ['clone', '-q', DOCS_BUNDLE, docs]);
  writeFileSync(join(dir, 'package.json'), '{}');
  const r = await cli(dir, ['import', '--from', docs, '--only', 'v3/refund/domestic/refunds']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/imported 1 page/);
  expect(config(dir).import).toMatchObject({ from: docs, commit: HEAD_COMMIT, only: ['v3/refund/domestic/refunds'] });
  expect(listDocPages(docs).length).toBeGreaterThan(900);
}, 120_000);
