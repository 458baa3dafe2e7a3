import { posix } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { isImportExtension, type ImportExtension } from '../../generator/emit/import-extension';
import { formatProblem } from '../../generator/errors';
import { generate } from '../../generator/generate';
import { exitCodesHelp } from '../exit';
import { reportFailure } from '../failure';
import { EXIT, type CliIO, type ExitBox } from '../io';
import { loadSettings, needsInit } from '../settings';

interface GenerateFlags {
  spec?: string;
  out?: string;
  check?: boolean;
  importExtension?: ImportExtension;
}

function extensionArg(text: string): ImportExtension {
  if (!isImportExtension(text)) throw new InvalidArgumentError('must be .js or .ts');
  return text;
}

export function registerGenerateCommand(program: Command, io: CliIO, exit: ExitBox): void {
  program
    .command('generate', { isDefault: true })
    .description('generate the typed client from the OpenAPI specs (the default command)')
    .option('-s, --spec <root.yaml>', 'root OpenAPI document (default: "spec" of wxpay-gen.config.json, else specs/wechatpay.yaml)')
    .option('-o, --out <dir>', 'output folder, replaced as a whole (default: "out" of wxpay-gen.config.json, else generated)')
    .option('-c, --check', 'write nothing; exit 3 if the output folder is not exactly what would be generated')
    .option('--import-extension <.js|.ts>', 'extension of the imports between generated files: .js for tsc (NodeNext/Node16), .ts to run the sources under Node\'s type stripping, Deno, Bun (default: "importExtension" of wxpay-gen.config.json, else .js)', extensionArg)
    .addHelpText('after', `
Examples:
  $ npx wxpay-gen                         regenerate generated/ from specs/wechatpay.yaml
  $ npx wxpay-gen --check                 in CI: fail (exit 3) when generated/ is out of date
  $ npx wxpay-gen --spec api/root.yaml --out src/wxpay

${exitCodesHelp([
    [0, 'done (or, with --check, up to date)'],
    [1, 'the spec has errors: each printed as  file:line:col  <json pointer>  <what is wrong>'],
    [2, 'usage error (unknown option, output folder not made by wxpay-gen, a bad wxpay-gen.config.json, no config and no spec: run init, …)'],
    [3, '--check: the output folder is out of date; stale, missing and extra files are named'],
  ])}`)
    .action(async (flags: GenerateFlags) => {
      exit.code = await runGenerate(flags, io);
    });
}

async function runGenerate(given: GenerateFlags, io: CliIO): Promise<number> {
  const started = process.hrtime.bigint();
  const settings = loadSettings(given, io, 'generate');
  if (typeof settings === 'number') return settings;
  if (needsInit(settings, io, '')) return EXIT.usage;
  const flags = { ...given, spec: settings.spec, out: settings.out };
  try {
    const result = await generate({ spec: flags.spec, out: flags.out, check: flags.check === true, cwd: settings.cwd, importExtension: settings.importExtension });
    for (const w of result.warnings ?? []) io.err(`warning: ${formatProblem(w)}`);
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const events = result.notifications ?? 0;
    const what = `${result.operations} operation${result.operations === 1 ? '' : 's'}, ${events > 0 && !flags.check ? `${events} notification${events === 1 ? '' : 's'}, ` : ''}${result.encryptedFields} encrypted field${result.encryptedFields === 1 ? '' : 's'}`;
    if (!flags.check) {
      io.out(`wxpay-gen: generated ${flags.out}/ from ${flags.spec} (${what}, ${result.files.length} files) in ${ms} ms`);
      io.out(`next: commit ${flags.out}/ with the specs; in CI run \`npx wxpay-gen --check\`; try the client against \`npx wxpay-gen mock\``);
      return EXIT.ok;
    }
    if (result.upToDate) {
      io.out(`wxpay-gen: ${flags.out}/ is up to date with ${flags.spec} (${what}) — checked in ${ms} ms; nothing to do`);
      return EXIT.ok;
    }
    io.err(`wxpay-gen: ${flags.out}/ is out of date with ${flags.spec}:`);
    for (const f of result.changedSpecs ?? []) io.err(`  spec changed  ${f}`);
    for (const f of result.check?.stale ?? []) io.err(`  stale         ${flags.out}/${f}`);
    for (const f of result.check?.missing ?? []) io.err(`  missing       ${flags.out}/${f}`);
    for (const f of result.check?.extra ?? []) io.err(`  extra         ${flags.out}/${f}`);
    if ((result.changedSpecs ?? []).length > 0) {
      io.err('the specs changed since the last generation: run `npx wxpay-gen` and commit the result');
    } else {
      io.err(`no spec changed: a generated file was edited by hand, or wxpay-gen itself changed (an upgrade, another import extension).`);
      io.err(`run \`npx wxpay-gen\` to put ${flags.out}/ back and commit the result; generated files are overwritten, so change the client through the specs or an overlay (${posix.join(posix.dirname(flags.spec), 'overrides')}/<same path>.yaml)`);
    }
    return EXIT.stale;
  } catch (e) {
    return reportFailure(e, io, 'wxpay-gen', '; nothing was written');
  }
}
