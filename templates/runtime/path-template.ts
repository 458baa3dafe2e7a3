/**
 * Path templates (`/v3/facemch/users/{face_sid}`): the one definition of what a path
 * parameter looks like, shared by the runtime (building URLs), the generator (naming and
 * checking), the importer and the mock (routing).
 */

/** A compiled path template: the literal pieces around the parameters (`pieces.length === params.length + 1`). */
export interface PathTemplate {
  readonly pieces: readonly string[];
  readonly params: readonly string[];
}

/** `{name}`: braces around one or more characters that are neither braces nor `/`. */
const PARAM = /\{([^{}/]+)\}/g;

/** `/v3/facemch/users/{face_sid}` → pieces `['/v3/facemch/users/', '']`, params `['face_sid']`. */
export function compilePath(template: string): PathTemplate {
  const pieces: string[] = [];
  const params: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PARAM)) {
    pieces.push(template.slice(last, m.index));
    params.push(m[1] as string);
    last = m.index + m[0].length;
  }
  pieces.push(template.slice(last));
  return { pieces, params };
}

/** The parameter names of a template, in order. */
export function pathParamNames(template: string): string[] {
  return [...compilePath(template).params];
}

/** The parameter a whole segment stands for (`{openid}` → `openid`), else undefined. */
export function segmentParam(segment: string): string | undefined {
  const t = compilePath(segment);
  return t.params.length === 1 && t.pieces[0] === '' && t.pieces[1] === '' ? t.params[0] : undefined;
}
