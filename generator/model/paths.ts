/**
 * Rules over the `paths` keys as a whole: what a path key may look like, and that no two
 * paths are the same URL template under different parameter names.
 */
import type { ModelContext } from './context';

/** `/v3/a/{b}` or, as the PHP SDK's `{empty}` gives (`/v3/applyment4sub/applyment/`), one trailing slash. */
const PATH_KEY = /^\/(?:[^\s?#/]+\/)*[^\s?#/]+\/?$/;

/** Why a `paths` key is unusable, or undefined when it is fine. */
export function pathKeyProblem(path: string): string | undefined {
  return PATH_KEY.test(path) ? undefined : `path "${path}" must start with "/" and have no empty segment, query or fragment (one trailing slash is allowed)`;
}

/** `/v3/a/{x}/cancel` → `/v3/a/{}/cancel`: the URL template with its parameter names blanked. */
export function pathShape(path: string): string {
  return path.replace(/\{[^{}/]*\}/g, '{}');
}

/**
 * OpenAPI: "Templated paths with the same hierarchy but different templated names MUST NOT
 * exist as they are identical" — `…/{business_code}/cancel` and `…/{applyment_id}/cancel` are one
 * URL, and a server could not tell which was meant. Reported at the later path, naming both files.
 */
export function checkPathShapes(ctx: ModelContext, paths: Record<string, unknown>, fileOf: (path: string) => string): void {
  const first = new Map<string, string>();
  for (const path of Object.keys(paths).sort()) {
    const shape = pathShape(path);
    const earlier = first.get(shape);
    if (earlier === undefined) {
      first.set(shape, path);
      continue;
    }
    ctx.report(paths, path, `paths ${earlier} (${fileOf(earlier)}) and ${path} (${fileOf(path)}) differ only in their parameter names, which OpenAPI does not allow (they are the same URL): keep one of them`);
  }
}
