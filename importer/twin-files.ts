/**
 * The twin pages of a page in its doc tree: pages whose file paths differ from its own only in
 * `{parameter}` segments (`…/{applyment_id}/cancel.md` beside `…/{business_code}/cancel.md`). An
 * import of one of them reads the others too, so that they always merge into one operation
 * (importer/twins.ts), whichever of them a selection or a doc change names.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

const PARAM = /^\{[^{}]*\}$/;

/** The other pages of `abs`'s shape under its last `v<N>` folder (none when it has no parameter segment). */
export function twinFiles(abs: string): string[] {
  const segs = abs.split(sep);
  let root = -1;
  for (let i = segs.length - 2; i >= 0; i--) {
    if (/^v\d+$/.test(segs[i] ?? '')) {
      root = i;
      break;
    }
  }
  if (root < 0) return [];
  const rest = segs.slice(root + 1);
  const last = rest.length - 1;
  if (!rest.some((s, i) => PARAM.test(i === last ? s.replace(/\.md$/, '') : s))) return [];
  let dirs = [segs.slice(0, root + 1).join(sep)];
  const out: string[] = [];
  rest.forEach((seg, i) => {
    const want = i === last ? seg.replace(/\.md$/, '') : seg;
    const next: string[] = [];
    for (const dir of dirs) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const n of names) {
        const base = i === last ? (n.endsWith('.md') ? n.slice(0, -3) : undefined) : n;
        if (base === undefined || !(base === want || (PARAM.test(want) && PARAM.test(base)))) continue;
        const full = join(dir, n);
        if (i === last) {
          if (full !== abs && existsSync(full) && statSync(full).isFile()) out.push(full);
        } else if (statSync(full).isDirectory()) next.push(full);
      }
    }
    dirs = next;
  });
  return out.sort();
}
