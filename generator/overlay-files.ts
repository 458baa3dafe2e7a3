/**
 * Where overlay files live (the merge itself is generator/load/overlay.ts). Light on purpose: the
 * fingerprint lists overlays on `--check`'s fast path, which loads no parser.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The folder, beside the root spec, that holds the overlays: `<spec folder>/overrides/<same path>`. */
export const OVERLAY_FOLDER = 'overrides';

/** Every overlay file under `<specDir>/overrides/`, with the file it overlays. */
export function listOverlays(specDir: string): { overlay: string; base: string }[] {
  const root = join(specDir, OVERLAY_FOLDER);
  const out: { overlay: string; base: string }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push({ overlay: full, base: join(specDir, relative(root, full)) });
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort((a, b) => (a.overlay < b.overlay ? -1 : 1));
}
