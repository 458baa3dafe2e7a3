/**
 * A model schema as a TypeScript type, written out in types.gen.d.ts: the type schema.gen.d.ts gives the
 * same field (schema-print.ts on model-document.ts's schema object), with the same JSDoc on every member, so
 * that the client's types need not index into `paths`. Readonly members and arrays; an enum is the union of
 * its literals; `format: binary` is `Uint8Array`; a JSON-encoded string is typed as what it holds; an object
 * without properties is `Record<string, never>`, one with `additionalProperties` adds a `[key: string]: unknown`
 * index. tests/generator/types-equivalence.test.ts holds each operation's types identical to the `paths` ones.
 */
import type { ModelSchema } from '../model';
import type { FieldPlace } from './field-doc';
import { schemaDocFields, valueSchema } from './model-document';
import { jsDocBlock } from './schema-jsdoc';
import { propertyName } from './schema-print';

/** One level of indentation in types.gen.d.ts. */
export const INDENT = '  ';

/** A type's text and the syntax it is, for parenthesising it as an array's element. */
export interface TypeText {
  readonly text: string;
  readonly kind: 'plain' | 'union' | 'intersection' | 'array' | 'operator';
}

const plain = (text: string): TypeText => ({ text, kind: 'plain' });

/** The JSDoc block of a member at `level` (two spaces a level), or ''. */
export function docBlock(fields: Readonly<Record<string, unknown>>, level: number): string {
  return jsDocBlock(fields, level, INDENT.length);
}

/** `{ members }` closing at `level` (its members one deeper), or `{}`. */
export function typeLiteral(members: readonly string[], level: number): string {
  return members.length === 0 ? '{}' : `{\n${members.join('')}${INDENT.repeat(level)}}`;
}

/** `readonly name?: type;` at `level`, its JSDoc above it, ending in a line break. */
export function memberText(doc: string, level: number, name: string, optional: boolean, type: string): string {
  return `${doc}${INDENT.repeat(level)}readonly ${name}${optional ? '?' : ''}: ${type};\n`;
}

/** The type of a value of `s`, starting on a line at `level` (its members at `level + 1`). */
export function schemaType(s: ModelSchema, place: FieldPlace, level: number): TypeText {
  const v = valueSchema(s);
  if (v.enum !== undefined) return union(v.enum.map((e) => (typeof e === 'string' ? JSON.stringify(e) : String(e))));
  if (v.format === 'binary') return plain('Uint8Array');
  switch (v.type) {
    case 'string':
      return plain('string');
    case 'number':
    case 'integer':
      return plain('number');
    case 'boolean':
      return plain('boolean');
    case 'array':
      return arrayType(v, place, level);
    default:
      return objectType(v, place, level);
  }
}

/** The type of a property: as `schemaType`, except that `format: binary` wins over an enum (as openapi-typescript has it). */
export function propertyType(s: ModelSchema, place: FieldPlace, level: number): TypeText {
  return valueSchema(s).format === 'binary' ? plain('Uint8Array') : schemaType(s, place, level);
}

function arrayType(s: ModelSchema, place: FieldPlace, level: number): TypeText {
  if (s.items === undefined) return { text: 'readonly unknown[]', kind: 'operator' };
  const inner = schemaType(s.items, place, level);
  // an array of arrays: `readonly (readonly T[])[]`
  const item = valueSchema(s.items).type === 'array' ? arrayOf(inner) : inner;
  return { text: `readonly ${(item.kind === 'array' ? item : arrayOf(item)).text}`, kind: 'operator' };
}

function objectType(s: ModelSchema, place: FieldPlace, level: number): TypeText {
  const names = Object.keys(s.properties ?? {});
  if (names.length === 0 && !s.additionalProperties) return plain('Record<string, never>');
  const members = names.map((name) => {
    const sub = (s.properties as Readonly<Record<string, ModelSchema>>)[name] as ModelSchema;
    return memberText(docBlock(schemaDocFields(sub, place), level + 1), level + 1, propertyName(name), !(s.required?.includes(name) ?? false), propertyType(sub, place, level + 1).text);
  });
  if (!s.additionalProperties) return plain(typeLiteral(members, level));
  const index = typeLiteral([`${INDENT.repeat(level + 1)}readonly [key: string]: unknown;\n`], level);
  return members.length > 0 ? { text: `${typeLiteral(members, level)} & ${index}`, kind: 'intersection' } : plain(index);
}

/** `T[]`, T parenthesised unless it is a name or an array. */
function arrayOf(t: TypeText): TypeText {
  return { text: `${t.kind === 'plain' || t.kind === 'array' ? t.text : `(${t.text})`}[]`, kind: 'array' };
}

function union(literals: readonly string[]): TypeText {
  return literals.length === 1 ? plain(literals[0] as string) : { text: literals.join(' | '), kind: 'union' };
}
