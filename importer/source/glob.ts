/**
 * The globs of `import --only`: `**` any number of path segments, `*` anything within a segment,
 * `?` one character; everything else literal (so `{face_sid}` and the dots of event types match themselves).
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A glob as the user may write it: a leading `/` or `openapi/` / `webhook/` is the same selection. */
export function normalizeGlob(glob: string): string {
  return glob.trim().replace(/^\/+/, '').replace(/^(openapi|webhook)\//, '').replace(/\.md$/, '');
}
