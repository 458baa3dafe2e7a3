import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SpecProblem } from '../errors';

/** One parsed spec file: its data and a way to locate any JSON pointer in it. */
export interface YamlFile {
  /** Path relative to the working directory, `/`-separated (used in messages). */
  readonly name: string;
  readonly absPath: string;
  readonly data: unknown;
  /** sha256 of the text with LF line endings: identifies exactly what was generated from. */
  readonly hash: string;
  /** Line and column (1-based) of the node at `pointer`, or of its nearest existing ancestor. */
  locate(pointer: string): { line: number; column: number };
}

export type ReadResult = { ok: true; file: YamlFile } | { ok: false; problems: SpecProblem[] };

/** Reads and parses one YAML file, keeping positions; never throws for bad input. */
export function readYamlFile(absPath: string, name: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read file (${(e as Error).message})`;
    return { ok: false, problems: [{ file: name, line: 1, column: 1, pointer: '', message: `${why}; check the path of the $ref or --spec option that names it` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((err) => {
        const pos = lineCounter.linePos(err.pos[0]);
        return { file: name, line: pos.line, column: pos.col, pointer: '', message: `invalid YAML: ${firstLine(err.message)}` };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    ok: true,
    file: {
      name,
      absPath,
      data,
      hash: createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex'),
      locate: (pointer) => {
        const pos = lineCounter.linePos(nodeAt(doc, pointer)?.range?.[0] ?? 0);
        return { line: pos.line, column: pos.col };
      },
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

/** Walks the YAML AST along a JSON pointer, stopping at the deepest node that exists. */
function nodeAt(doc: Document, pointer: string): Node | undefined {
  let node = doc.contents as Node | null;
  if (!node) return undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value?.toString() === key);
      next = pair ? (pair.value ?? pair.key) : undefined;
      if (pair && pair.value === null) return pair.key as Node;
    } else if (isSeq(node)) {
      next = node.items[Number(key)];
    }
    if (!next) return node;
    node = next as Node;
  }
  return node;
}
