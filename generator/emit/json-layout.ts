/**
 * JSON text laid out for review: a value whose one-line form fits in the width stays on one
 * line; a larger object or array puts each member on its own line, indented one space per
 * level. So each schema field of the operation table is one line, and a one-field doc change
 * is a one-line diff. The output is plain JSON (JSON.parse gives back the same value).
 */
const WIDTH = 120;

/** `value` as JSON; `depth` is its nesting level, `column` where its first character lands. */
export function layoutJson(value: unknown, depth = 0, column = 0): string {
  const flat = JSON.stringify(value) ?? 'null';
  if (value === null || typeof value !== 'object' || column + flat.length <= WIDTH) return flat;
  const pad = ' '.repeat(depth + 1);
  const close = ' '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + layoutJson(v, depth + 1, pad.length)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const members = entries.map(([k, v]) => {
    const head = `${pad}${JSON.stringify(k)}: `;
    return head + layoutJson(v, depth + 1, head.length);
  });
  return `{\n${members.join(',\n')}\n${close}}`;
}
