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

/** Thrown by the generator when a spec has problems; carries every one of them, sorted. */
export class SpecError extends Error {
  readonly code = 'spec';
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    const sorted = [...problems].sort(compareProblems);
    super(sorted.length === 1 && sorted[0] ? formatProblem(sorted[0]) : `${sorted.length} problems in the spec:\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'SpecError';
    this.problems = sorted;
  }
}

function compareProblems(a: SpecProblem, b: SpecProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
