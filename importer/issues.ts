import { WxPayGenError } from '../generator/errors';

/** One thing the importer reports about a page: where (page:line) and what. */
export interface ImportIssue {
  /** The page as the user named it (relative to the working directory when inside it), `/`-separated. */
  readonly page: string;
  /** 1-based line in the page (0 when the problem concerns the whole file, e.g. it cannot be read). */
  readonly line: number;
  readonly message: string;
}

/** `page:line: message` — the one format every import warning and error is printed in. */
export function formatIssue(issue: ImportIssue): string {
  return issue.line > 0 ? `${issue.page}:${issue.line}: ${issue.message}` : `${issue.page}: ${issue.message}`;
}

/** Sorts issues by page, then line, then message (output is deterministic). */
export function compareIssues(a: ImportIssue, b: ImportIssue): number {
  if (a.page !== b.page) return a.page < b.page ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Thrown while reading a page when it cannot be imported at all; caught per page by importPages. */
export class PageError extends WxPayGenError {
  readonly code = 'page';
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** Collects the warnings of one page. */
export class PageIssues {
  readonly warnings: ImportIssue[] = [];

  constructor(readonly page: string) {}

  warn(line: number, message: string): void {
    this.warnings.push({ page: this.page, line, message });
  }

  fail(line: number, message: string): never {
    throw new PageError(line, message);
  }
}
