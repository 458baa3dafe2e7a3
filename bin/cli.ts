import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT, type CliIO, type ExitBox } from './io';

export type { CliIO } from './io';

/** Adds one command (its options, help and action) to the program. Each bin/commands/<name>.ts exports one. */
export type RegisterCommand = (program: Command, io: CliIO, exit: ExitBox) => void;

/** One line of the command table below. */
export interface CommandEntry {
  readonly name: string;
  /** What follows the name in the top-level help, exactly as commander would print it (a test holds it to that). */
  readonly usage: string;
  /** One-line description, the same text the command gives commander's `.description()` (a test holds it to that). */
  readonly summary: string;
  /** The command run when the first argument names no command. Exactly one entry has it. */
  readonly isDefault?: true;
  /** Loads the command's module, only when that command runs. */
  readonly load: () => Promise<RegisterCommand>;
}

/**
 * Every command, loaded lazily: a process loads the module of the one command it runs, and nothing at all
 * for `--version` and `--help` (not even commander). Keep it that way — it is what makes `npx wxpay-gen --version`
 * and every CI `--check` start fast.
 *
 * To add a command `foo`:
 *   1. write bin/commands/foo.ts exporting `registerFooCommand: RegisterCommand` (it calls `program.command('foo')`,
 *      sets options, `.description(summary)`, help text and the action; the action sets `exit.code`);
 *   2. add ONE entry here:
 *        { name: 'foo', usage: '[options] <thing>', summary: 'what foo does', load: async () => (await import('./commands/foo')).registerFooCommand },
 *   Import heavy modules (generator, ts-morph, openapi-typescript, importer, mock) only from inside the command
 *   module, never from this file; tests/cli/commands.test.ts checks `usage`/`summary` against what commander sees.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'generate',
    usage: '[options]',
    summary: 'generate the typed client from the OpenAPI specs (the default command)',
    isDefault: true,
    load: async () => (await import('./commands/generate')).registerGenerateCommand,
  },
  {
    name: 'init',
    usage: '[options]',
    summary: 'set this app up: wxpay-gen.config.json, an empty root spec, a .gitattributes line; overwrites nothing',
    load: async () => (await import('./commands/init')).registerInitCommand,
  },
  {
    name: 'import',
    usage: '[options] [pages...]',
    summary: 'turn WeChat Pay doc pages (wechatpay.im markdown source) into OpenAPI path files and add them to the root spec',
    load: async () => (await import('./commands/import')).registerImportCommand,
  },
  {
    name: 'mock',
    usage: '[options]',
    summary: 'serve the specs on 127.0.0.1 as WeChat Pay would: signature checks, validation, field decryption, signed example answers',
    load: async () => (await import('./commands/mock')).registerMockCommand,
  },
  {
    name: 'certs',
    usage: '[options]',
    summary: 'download, decrypt and verify the WeChat Pay platform certificates; write each as <serial>.pem',
    load: async () => (await import('./commands/certs')).registerCertsCommand,
  },
  {
    name: 'notify',
    usage: '[options] <url>',
    summary: 'post one notification (回调通知) to a notify_url exactly as WeChat Pay does: signed, encrypted, with faults and retries',
    load: async () => (await import('./commands/notify')).registerNotifyCommand,
  },
];

const DESCRIPTION = 'Typed WeChat Pay APIv3 clients from OpenAPI specs: signed requests, encrypted sensitive fields, verified answers.';

const EXAMPLES = `Examples:
  $ npx wxpay-gen                                  specs/wechatpay.yaml -> generated/ (the client you commit)
  $ npx wxpay-gen --check                          in CI: exit 3 when generated/ is out of date
  $ npx wxpay-gen import docs/openapi/v3/pay       doc pages -> specs/paths/…, added to specs/wechatpay.yaml
  $ npx wxpay-gen mock --port 8080                 a signing, verifying WeChat Pay simulator on 127.0.0.1

Run wxpay-gen <command> --help for a command's options and exit codes.
Exit codes: 0 done, 1 errors in the input (spec, pages), 2 usage, 3 --check found the output out of date,
70 internal error (a bug in wxpay-gen; please report it).`;

export function packageVersion(): string {
  for (const up of ['..', '../..']) {
    try {
      return (JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // try the next level: compiled code sits one folder deeper than the source
    }
  }
  return '0.0.0';
}

/** The top-level help, made from the command table without loading any command (or commander). */
export function topLevelHelp(): string {
  const rows: [string, string][] = [
    ...COMMANDS.map((c): [string, string] => [`${c.name} ${c.usage}`.trim(), c.summary]),
    ['help [command]', 'display help for command'],
  ];
  const options: [string, string][] = [['-v, --version', 'output the version number'], ['-h, --help', 'display help for command']];
  const width = Math.max(...[...rows, ...options].map(([term]) => term.length)) + 2;
  const list = (items: [string, string][]): string[] => items.map(([term, text]) => `  ${term.padEnd(width)}${text}`);
  return ['Usage: wxpay-gen [options] [command]', '', DESCRIPTION, '', 'Options:', ...list(options), '', 'Commands:', ...list(rows), '', EXAMPLES].join('\n');
}

const isHelp = (a: string | undefined): boolean => a === '--help' || a === '-h';

/** Parses `argv` (without node and script), runs the command, and returns the exit code. Never exits the process. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const first = argv[0];
  if (argv.length === 1 && (first === '--version' || first === '-v')) {
    io.out(packageVersion());
    return EXIT.ok;
  }
  if (isHelp(first) || (first === 'help' && argv.length === 1)) {
    io.out(topLevelHelp());
    return EXIT.ok;
  }
  if (first === 'help') return main([...argv.slice(1, 2), '--help'], io);
  const named = COMMANDS.find((c) => c.name === first);
  const entry = named ?? COMMANDS.find((c) => c.isDefault === true);
  if (!entry) throw new Error('wxpay-gen: the command table has no default command');
  return runCommand(entry, argv, io);
}

/** Builds a commander program holding only `entry`'s command, and runs it. */
async function runCommand(entry: CommandEntry, argv: readonly string[], io: CliIO): Promise<number> {
  const [{ Command, CommanderError }, register] = await Promise.all([import('commander'), entry.load()]);
  const exit: ExitBox = { code: EXIT.ok };
  const program = new Command('wxpay-gen')
    .description(DESCRIPTION)
    .version(packageVersion(), '-v, --version')
    .showHelpAfterError('(run wxpay-gen --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  // the program holds one command; its own help must still list them all
  program.helpInformation = () => `${topLevelHelp()}\n`;
  register(program, io, exit);
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
      io.err(`wxpay-gen: internal error (a bug in wxpay-gen; please report it with this trace): ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      process.exitCode = EXIT.internal;
    },
  );
}
