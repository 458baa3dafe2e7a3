/** How a command reports a failure: the one place that turns a thrown error into printed lines and an exit status. */
import { formatProblem, SpecError, WxPayGenError } from '../generator/errors';
import { exitStatusOf } from './exit';
import type { CliIO } from './io';

/** A command-line value that cannot be used (a port in use, …): exit 2. */
export class UsageError extends WxPayGenError {
  readonly code = 'usage';

  constructor(message: string) {
    super(message);
  }
}

/**
 * Prints a failure and returns its exit status (exit.ts): a SpecError as one
 * `file:line:col  pointer  message` line per problem and a count, any other WxPayGenError as
 * its message. Anything else is a bug: rethrown, for `run` to report as an internal error (70).
 */
export function reportFailure(e: unknown, io: CliIO, who: string, after = ''): number {
  const status = e instanceof WxPayGenError ? exitStatusOf(e.code) : undefined;
  if (status === undefined) throw e;
  if (e instanceof SpecError) {
    for (const p of e.problems) io.err(formatProblem(p));
    io.err(`${who}: ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} in the spec${after}`);
  } else {
    io.err(`${who}: ${(e as Error).message}`);
  }
  return status;
}
