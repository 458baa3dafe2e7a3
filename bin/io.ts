/** Where the CLI prints: the only place output leaves the program. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes shared by every command: defined with the error → status table in exit.ts. */
export { EXIT } from './exit';

/** Set by a command's action; read by main() once commander returns. */
export interface ExitBox {
  code: number;
}
