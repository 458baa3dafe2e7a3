import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerGenerateCommand } from './commands/generate';
import { registerImportCommand } from './commands/import';
import { registerMockCommand } from './commands/mock';
import { EXIT, type CliIO, type ExitBox } from './io';

export type { CliIO } from './io';

function packageVersion(): string {
  for (const up of ['..', '../..']) {
    try {
      return (JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // try the next level: compiled code sits one folder deeper than the source
    }
  }
  return '0.0.0';
}

/** Parses `argv` (without node and script), runs the command, and returns the exit code. Never exits the process. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const exit: ExitBox = { code: EXIT.ok };
  const program = new Command('wxpay-gen')
    .description('Typed WeChat Pay APIv3 clients from OpenAPI specs: signed requests, encrypted sensitive fields, verified answers.')
    .version(packageVersion(), '-v, --version')
    .showHelpAfterError('(run wxpay-gen --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  program.addHelpText('after', `
Examples:
  $ npx wxpay-gen                                  specs/wechatpay.yaml -> generated/ (the client you commit)
  $ npx wxpay-gen --check                          in CI: exit 3 when generated/ is out of date
  $ npx wxpay-gen import docs/openapi/v3/pay       doc pages -> specs/paths/…, added to specs/wechatpay.yaml
  $ npx wxpay-gen mock --port 8080                 a signing, verifying WeChat Pay simulator on 127.0.0.1

Run wxpay-gen <command> --help for a command's options and exit codes.`);
  registerGenerateCommand(program, io, exit);
  registerImportCommand(program, io, exit);
  registerMockCommand(program, io, exit);
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    throw e;
  }
  return exit.code;
}

/** The process entry point used by bin/wxpay-gen.js. */
export function run(argv: readonly string[]): void {
  const io: CliIO = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
  main(argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      io.err(`wxpay-gen: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      process.exitCode = 70;
    },
  );
}
