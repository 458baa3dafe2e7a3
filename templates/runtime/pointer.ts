/**
 * JSON pointers (RFC 6901) and the field locations built on them: the one way wxpay-gen
 * says where a field is — in the generator's model, in the operation table, in the mock.
 *
 * A pointer here is the plain RFC 6901 string (`/payer/sub_openid`); `~` and `/` in a key are
 * written `~0` and `~1`, and nothing is percent-decoded (that belongs to URI fragments, which
 * the spec loader decodes before it reads a pointer).
 */

/** The token that stands for every element of an array in a field location (`/receivers/*\/name`). */
export const EVERY_ITEM = '*';

/** Where a request or response field is: which part of the message, and the pointer inside it. */
export interface FieldLocation {
  /** `body`: the JSON body (for an upload, the `{ file, meta }` object); `query`, `header`, `path`: that parameter, its name the first token. */
  readonly in: 'body' | 'query' | 'header' | 'path';
  readonly pointer: string;
}

/** One reference token, escaped. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One reference token, unescaped. */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `['a', 'b/c']` → `/a/b~1c`; `[]` → `''` (the whole document). */
export function formatPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const t of tokens) out += `/${escapeToken(String(t))}`;
  return out;
}

/** `/a/b~1c` → `['a', 'b/c']`; undefined when the text is not a pointer (non-empty and not starting with `/`). */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** `pointer` with one more token. */
export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapeToken(String(token))}`;
}
