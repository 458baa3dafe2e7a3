/** Where the CLI prints: the only place output leaves the program. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, specErrors: 1, usage: 2, stale: 3 } as const;

/** Set by a command's action; read by main() once commander returns. */
export interface ExitBox {
  code: number;
}
