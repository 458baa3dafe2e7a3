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
