import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { parsePointer } from '../../templates/runtime/pointer';
import type { SpecProblem } from '../errors';

/** One parsed spec file: its data and a way to locate any JSON pointer in it. */
export interface YamlFile {
  /** Path relative to the working directory, `/`-separated (used in messages). */
  readonly name: string;
  readonly absPath: string;
  readonly data: unknown;
  /** sha256 of the text with LF line endings: identifies exactly what was generated from. */
  readonly hash: string;
  /**
   * Line and column (1-based) of the node at `pointer`, or of its nearest existing ancestor; `file` names
   * another file when that node was written there (an overlay, generator/load/overlay.ts).
   */
  locate(pointer: string): { line: number; column: number; file?: string };
}

export type ReadResult = { ok: true; file: YamlFile } | { ok: false; problems: SpecProblem[] };

/**
 * Reads and parses one YAML file; never throws for bad input.
 *
 * The data comes from js-yaml (YAML 1.2 core schema), several times faster than a parse that
 * keeps positions; positions come from the `yaml` package's document, built only when a
 * problem has to be located or the fast parse fails — the happy path never pays for them.
 */
export function readYamlFile(absPath: string, name: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read file (${(e as Error).message})`;
    return { ok: false, problems: [{ file: name, line: 1, column: 1, pointer: '', message: `${why}; check the path of the $ref or --spec option that names it` }] };
  }
  let data: unknown;
  try {
    data = fastLoad(text, { schema: CORE_SCHEMA, filename: name });
  } catch {
    return { ok: false, problems: syntaxProblems(text, name) };
  }
  let positions: Positions | undefined;
  return {
    ok: true,
    file: {
      name,
      absPath,
      data,
      hash: createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex'),
      locate: (pointer) => (positions ??= new Positions(text)).locate(pointer),
    },
  };
}

/** The precise, positioned account of why a file is not valid YAML. */
function syntaxProblems(text: string, name: string): SpecProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const problems: SpecProblem[] = doc.errors.map((err) => {
    const pos = lineCounter.linePos(err.pos[0]);
    return { file: name, line: pos.line, column: pos.col, pointer: '', message: `invalid YAML: ${firstLine(err.message)}` };
  });
  if (problems.length === 0) {
    try {
      doc.toJS({ maxAliasCount: 10_000 });
      problems.push({ file: name, line: 1, column: 1, pointer: '', message: 'invalid YAML: the file uses a construct outside the YAML 1.2 core schema (e.g. a custom !tag)' });
    } catch (e) {
      problems.push({ file: name, line: 1, column: 1, pointer: '', message: `invalid YAML: ${firstLine((e as Error).message)} (expand the YAML aliases, or use $ref)` });
    }
  }
  return problems;
}

/** Positions of a file's nodes, from the `yaml` package's document. */
class Positions {
  private readonly lineCounter = new LineCounter();
  private readonly doc: Document;

  constructor(text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, version: '1.2' });
  }

  locate(pointer: string): { line: number; column: number } {
    const pos = this.lineCounter.linePos(nodeAt(this.doc, pointer)?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

/** Walks the YAML AST along a JSON pointer, stopping at the deepest node that exists. */
function nodeAt(doc: Document, pointer: string): Node | undefined {
  let node = doc.contents as Node | null;
  if (!node) return undefined;
  for (const key of parsePointer(pointer) ?? []) {
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
