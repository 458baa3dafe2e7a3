/**
 * TSDoc comments of types.gen.d.ts (operations, arguments, client nodes), laid out as ts-morph's JSDoc
 * printer lays out a description and tags: one line as `/** text *\/`, more as ` * line` rows (an empty
 * row as ` *`), each tag on a row of its own. Field docs use schema-jsdoc.ts instead, as schema.gen.d.ts does.
 */
import { INDENT } from './type-text';

/** A tag: `@see {@link …}`, `@deprecated`. */
export interface DocTag {
  readonly name: string;
  readonly text?: string;
}

/** `*\/` escaped and line breaks made `\n`, trimmed: text safe inside a doc comment. */
export function escapeDoc(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\r\n?/g, '\n').trim();
}

/** The comment above a declaration at `level`, ending in a line break ('' without description or tags). */
export function tsDoc(description: string, level: number, tags: readonly DocTag[] = []): string {
  const text = [description, ...tags.map((t) => `@${t.name}${t.text ? ` ${t.text}` : ''}`)].filter((p) => p !== '').join('\n');
  if (text === '') return '';
  const pad = INDENT.repeat(level);
  const lines = text.split('\n');
  if (lines.length === 1) return `${pad}/** ${text} */\n`;
  return `${pad}/**\n${lines.map((l) => `${pad} *${l === '' ? '' : ` ${l}`}\n`).join('')}${pad} */\n`;
}

/**
 * The doc page as a Markdown link, which editors render as `@see {@link url | text}` would be: a comment
 * holding `@see` or `@link` is parsed as JSDoc by every `tsc` run (TypeScript's JSDoc parsing mode for
 * command-line builds skips all others), which for a thousand operations was a tenth of a consumer's
 * type-check above its floor.
 */
export function markdownLink(url: string, text: string | undefined): string {
  const href = url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const label = text === undefined || text.trim() === '' ? href : escapeDoc(text).replace(/\s*\n\s*/g, ' ').replace(/[\\[\]]/g, '\\$&');
  return `[${label}](${href})`;
}
