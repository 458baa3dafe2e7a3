/**
 * Which doc pages `import --only` selects: API pages by URL path (openapi/v3/pay/transactions/jsapi.md
 * is `v3/pay/transactions/jsapi`), notification pages by event type (webhook/v3/TRANSACTION.SUCCESS.md is
 * `TRANSACTION.SUCCESS`, and also matches as `v3/TRANSACTION.SUCCESS`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { globToRegExp, normalizeGlob } from './glob';

export interface DocPage {
  /** Absolute path of the markdown file. */
  readonly abs: string;
  /** Path inside the docs folder, `/`-separated (`openapi/v3/refund/domestic/refunds.md`). */
  readonly rel: string;
  /** What globs match: the URL path (`v3/refund/domestic/refunds`) or the event type (`REFUND.SUCCESS`). */
  readonly key: string;
  readonly kind: 'api' | 'webhook';
}

export interface Selection {
  readonly pages: readonly DocPage[];
  /** Globs that matched no page (likely a typo). */
  readonly unmatched: readonly string[];
}

function walk(dir: string, rel: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(join(dir, e.name), r, out);
    // README.md files are not pages; an index.md is the site's index of a folder (openapi/index.md), except
    // deeper down, where it is the page of the folder's own URL (openapi/v3/applyment4sub/applyment/index.md:
    // POST /v3/applyment4sub/applyment/), which the importer reads like any page
    else if (e.isFile() && e.name.endsWith('.md') && !/^readme\.md$/i.test(e.name) && !(rel === '' && /^index\.md$/i.test(e.name))) out.push(r);
  }
}

/** Every API and notification page of a docs checkout (its `openapi/` folder and `webhook/v3/`, the APIv3 notifications). */
export function listDocPages(docsDir: string): DocPage[] {
  const pages: DocPage[] = [];
  for (const [folder, kind] of [['openapi', 'api'], ['webhook', 'webhook']] as const) {
    const base = join(docsDir, folder);
    if (!existsSync(base)) continue;
    const files: string[] = [];
    walk(base, '', files);
    for (const f of files) {
      // webhook/v2 holds the XML notifications of APIv2; APIv3's are webhook/v3
      if (kind === 'webhook' && !f.startsWith('v3/')) continue;
      const noExt = f.slice(0, -3);
      const key = kind === 'api' ? noExt : noExt.slice(noExt.lastIndexOf('/') + 1);
      pages.push({ abs: join(base, ...f.split('/')), rel: `${folder}/${f}`, key, kind });
    }
  }
  return pages;
}

/** The pages any of `globs` matches, in docs order. */
export function selectPages(all: readonly DocPage[], globs: readonly string[]): Selection {
  const matchers = globs.map((g) => ({ glob: g, re: globToRegExp(normalizeGlob(g)), hits: 0 }));
  const pages = all.filter((p) => {
    const keys = p.kind === 'api' ? [p.key] : [p.key, p.rel.slice('webhook/'.length, -3)];
    let hit = false;
    for (const m of matchers) {
      if (keys.some((k) => m.re.test(k))) {
        m.hits++;
        hit = true;
      }
    }
    return hit;
  });
  return { pages, unmatched: matchers.filter((m) => m.hits === 0).map((m) => m.glob) };
}
