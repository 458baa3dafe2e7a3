/** One problem in a spec, located precisely enough for an editor to jump to it. */
export interface SpecProblem {
  /** Spec file, relative to the working directory, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer inside that file (`/get/parameters/0/schema`). */
  readonly pointer: string;
  /** What is wrong and what would be right. */
  readonly message: string;
}

/** `file:line:col  pointer  message` — the one format every spec problem is printed in. */
export function formatProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.pointer || '/'}  ${p.message}`;
}

/**
 * Stable codes of the errors wxpay-gen's own tools throw (generator, importer, mock server);
 * bin/exit.ts maps each to the CLI's exit status, in one table.
 * - `spec`: the spec has problems (SpecError) · `output`: the output folder was not made by wxpay-gen
 * - `page`: a doc page cannot be imported · `root`: the importer's root document is unusable
 * - `mock-keys`: the mock's key material is unusable · `usage`: a command-line value is unusable
 */
export type ToolErrorCode = 'spec' | 'output' | 'page' | 'root' | 'mock-keys' | 'usage' | 'config' | 'docs';

/** Base of every error the generator, importer and mock throw on purpose; anything else escaping them is a bug. */
export abstract class WxPayGenError extends Error {
  abstract readonly code: ToolErrorCode;

  protected constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true, writable: true });
  }
}

/** Thrown by the generator when a spec has problems; carries every one of them, sorted. */
export class SpecError extends WxPayGenError {
  readonly code = 'spec';
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    const sorted = [...problems].sort(compareProblems);
    super(sorted.length === 1 && sorted[0] ? formatProblem(sorted[0]) : `${sorted.length} problems in the spec:\n${sorted.map(formatProblem).join('\n')}`);
    this.problems = sorted;
  }
}

function compareProblems(a: SpecProblem, b: SpecProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** A library option is unusable (an unknown or out-of-range limit of importPages or startMockServer); the CLI's usage status. */
export class OptionError extends WxPayGenError {
  readonly code = 'usage';

  constructor(message: string) {
    super(message);
  }
}
