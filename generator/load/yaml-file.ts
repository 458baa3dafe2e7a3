import { createHash } from 'node:crypto';
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { parsePointer } from '../../templates/runtime/pointer';
import type { SpecProblem } from '../errors';
import type { LoadLimits } from './limits';
import { readSpecText } from './read-file';

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

export type ReadResult = { ok: true; file: YamlFile; bytes: number } | { ok: false; problems: SpecProblem[]; notFound?: true };

/**
 * Reads and parses one YAML file; never throws for bad input.
 *
 * The data comes from js-yaml (YAML 1.2 core schema), several times faster than a parse that
 * keeps positions; positions come from the `yaml` package's document, built only when a
 * problem has to be located or the fast parse fails — the happy path never pays for them.
 * Nesting deeper than `limits.maxDepth` is refused by js-yaml before anything recurses deeply.
 */
export function readYamlFile(absPath: string, name: string, limits: Pick<LoadLimits, 'maxFileBytes' | 'maxDepth'>): ReadResult {
  const read = readSpecText(absPath, limits.maxFileBytes);
  if (!read.ok) {
    const message = read.notFound ? 'file not found; check the path of the $ref or --spec option that names it' : `the file ${read.reason}`;
    return { ok: false, problems: [{ file: name, line: 1, column: 1, pointer: '', message }], ...(read.notFound ? { notFound: true as const } : {}) };
  }
  const text = read.text;
  let data: unknown;
  try {
    // maxDepth is a js-yaml 4.1+ option its type definitions do not list yet
    data = fastLoad(text, { schema: CORE_SCHEMA, filename: name, maxDepth: limits.maxDepth } as Parameters<typeof fastLoad>[1]);
  } catch (e) {
    const mark = (e as { mark?: { line?: number; column?: number } }).mark;
    if (/maxDepth/.test((e as Error).message)) {
      return { ok: false, problems: [{ file: name, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, pointer: '', message: `mappings and lists are nested more than ${limits.maxDepth} levels deep (limits.maxDepth); flatten the spec or move parts into files joined by $ref` }] };
    }
    return { ok: false, problems: syntaxProblems(text, name, e as Error) };
  }
  let positions: Positions | undefined;
  return {
    ok: true,
    bytes: read.bytes,
    file: {
      name,
      absPath,
      data,
      hash: createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex'),
      locate: (pointer) => {
        try {
          return (positions ??= new Positions(text)).locate(pointer);
        } catch {
          return { line: 1, column: 1 };
        }
      },
    },
  };
}

/** The precise, positioned account of why a file is not valid YAML (js-yaml's own message when the `yaml` package sees nothing wrong). */
function syntaxProblems(text: string, name: string, fast: Error): SpecProblem[] {
  const mark = (fast as { mark?: { line?: number; column?: number } }).mark;
  const fallback: SpecProblem = {
    file: name,
    line: (mark?.line ?? 0) + 1,
    column: (mark?.column ?? 0) + 1,
    pointer: '',
    message: `invalid YAML: ${firstLine((fast as { reason?: string }).reason ?? fast.message)}`,
  };
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
    const problems: SpecProblem[] = doc.errors.map((err) => {
      const pos = lineCounter.linePos(err.pos[0]);
      return { file: name, line: pos.line, column: pos.col, pointer: '', message: `invalid YAML: ${firstLine(err.message)}` };
    });
    if (problems.length > 0) return problems;
    if (/unknown tag|!</.test(fast.message)) {
      return [{ ...fallback, message: 'invalid YAML: the file uses a construct outside the YAML 1.2 core schema (e.g. a custom !tag)' }];
    }
    return [fallback];
  } catch {
    return [fallback];
  }
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
