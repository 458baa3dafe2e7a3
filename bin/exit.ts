/**
 * The CLI's exit statuses, and the one table that maps every error code of the generator,
 * importer and mock (`WxPayGenError.code`) to one of them. Imports no value, so `--version`
 * and `--help` stay as light as they are; failure.ts prints the errors.
 */
import type { ToolErrorCode } from '../generator/errors';

/** Exit statuses shared by every command. */
export const EXIT = {
  ok: 0,
  /** The input has errors (spec problems, a page that cannot be imported, …); everything is printed. */
  specErrors: 1,
  /** A usage error: unknown option, bad value, output folder not made by wxpay-gen, unusable keys folder, port in use. */
  usage: 2,
  /** `generate --check`: the output folder is out of date. */
  stale: 3,
  /** `notify`: the merchant's notify_url did not give a success answer (200/204). */
  notDelivered: 4,
  /** An internal error: a bug in wxpay-gen (the stack trace is printed; please report it). */
  internal: 70,
} as const;

/** Every tool error code → exit status. */
const STATUS_OF: Readonly<Record<ToolErrorCode, number>> = {
  spec: EXIT.specErrors,
  page: EXIT.specErrors,
  root: EXIT.specErrors,
  output: EXIT.usage,
  'mock-keys': EXIT.usage,
  usage: EXIT.usage,
  config: EXIT.usage,
  docs: EXIT.usage,
};

/** The exit-status lines of `--help` (every command shows the ones it can return). */
export function exitCodesHelp(lines: readonly (readonly [number, string])[]): string {
  return ['Exit codes:', ...[...lines, [EXIT.internal, 'internal error: a bug in wxpay-gen (the stack trace is printed; please report it)'] as const].map(([n, what]) => `  ${String(n).padEnd(3)}${what}`)].join('\n');
}

/** The exit status of a tool error code (`WxPayGenError.code`); undefined for anything else. */
export function exitStatusOf(code: unknown): number | undefined {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(STATUS_OF, code) ? STATUS_OF[code as ToolErrorCode] : undefined;
}
