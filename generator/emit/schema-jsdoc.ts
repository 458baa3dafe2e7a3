/**
 * The JSDoc block above a member of schema.gen.d.ts, as openapi-typescript composes it (addJSDocComment:
 * title, summary, format, deprecated, description, default, example, examples, const, enum) and as
 * TypeScript's printer writes a synthetic comment (writeCommentRange: the text split at TypeScript's line
 * breaks, each line trimmed and re-indented to the member's level plus its own leading white space).
 */
type Json = Record<string, unknown>;

const LB = /\r?\n/g;

function docParts(o: Json): string[] {
  const out: string[] = [];
  const text = (v: unknown): string => String(v).trim().replace(LB, '\n *     ');
  if (o['title']) out.push(text(o['title']));
  if (o['summary']) out.push(text(o['summary']));
  if (o['format']) out.push(`Format: ${String(o['format'])}`);
  if (o['deprecated']) out.push('@deprecated');
  for (const field of ['description', 'default', 'example'] as const) {
    const v = o[field];
    if (v === undefined) continue;
    if (v === '' && field === 'description') continue;
    out.push(`@${field} ${text(typeof v === 'object' ? JSON.stringify(v, null, 2) : v)}`);
  }
  if (Array.isArray(o['examples'])) for (const e of o['examples']) out.push(`@example ${text(typeof e === 'object' ? JSON.stringify(e, null, 2) : e)}`);
  if ('const' in o) out.push('@constant');
  if (o['enum']) {
    const t = o['type'];
    const type = Array.isArray(t) ? t.join('|') : typeof t === 'string' ? t : 'unknown';
    out.push(`@enum {${type}${o['nullable'] ? '|null' : ''}}`);
  }
  return out;
}

/** TypeScript's isWhiteSpaceSingleLine. */
function isSingleLineSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 160 || c === 133 || c === 5760 || (c >= 8192 && c <= 8203) || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

/** TypeScript's calculateIndent: leading white space, a tab advancing to the next multiple of 4. */
function leadingIndent(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length && isSingleLineSpace(line.charCodeAt(i)); i++) n = line.charCodeAt(i) === 9 ? n + 4 - (n % 4) : n + 1;
  return n;
}

/**
 * The block (each line ending in a line break) for a member at `level`, or '' when the object has nothing to say.
 * `unit` is the width of one level: 4 in schema.gen.d.ts (TypeScript's printer), 2 in types.gen.d.ts.
 */
export function jsDocBlock(o: Json, level: number, unit = 4): string {
  const parts = docParts(o);
  if (parts.length === 0) return '';
  const multiLine = parts.some((p) => p.includes('\n'));
  const body = parts.length === 1 && !multiLine ? `* ${parts.join('\n')} ` : `*\n * ${parts.join('\n * ')}\n `;
  const comment = `/*${body.replace(/\*\//g, '*\\/')}*/`;
  // TypeScript's line breaks: CR LF, CR, LF, U+2028, U+2029
  const lines = comment.split(/\r\n|[\r\n\u2028\u2029]/);
  let out = '';
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (i > 0) out += ' '.repeat(Math.max(0, level * unit + leadingIndent(line)));
    else out += ' '.repeat(level * unit);
    out += trimmed === '' ? '\n' : `${trimmed}\n`;
  });
  return out;
}
