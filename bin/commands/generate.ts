import type { Command } from 'commander';
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
}

export function registerGenerateCommand(program: Command, io: CliIO, exit: ExitBox): void {
  program
    .command('generate', { isDefault: true })
    .description('generate the typed client from the OpenAPI specs (the default command)')
    .option('-s, --spec <root.yaml>', 'root OpenAPI document (default: "spec" of wxpay-gen.config.json, else specs/wechatpay.yaml)')
    .option('-o, --out <dir>', 'output folder, replaced as a whole (default: "out" of wxpay-gen.config.json, else generated)')
    .option('-c, --check', 'write nothing; exit 3 if the output folder is not exactly what would be generated')
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
    const result = await generate({ spec: flags.spec, out: flags.out, check: flags.check === true, cwd: settings.cwd });
    for (const w of result.warnings ?? []) io.err(`warning: ${formatProblem(w)}`);
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const what = `${result.operations} operation${result.operations === 1 ? '' : 's'}, ${result.encryptedFields} encrypted field${result.encryptedFields === 1 ? '' : 's'}`;
    if (!flags.check) {
      io.out(`wxpay-gen: generated ${flags.out}/ from ${flags.spec} (${what}, ${result.files.length} files) in ${ms} ms`);
      return EXIT.ok;
    }
    if (result.upToDate) {
      io.out(`wxpay-gen: ${flags.out}/ is up to date with ${flags.spec} (${what}) — checked in ${ms} ms`);
      return EXIT.ok;
    }
    io.err(`wxpay-gen: ${flags.out}/ is out of date with ${flags.spec}:`);
    for (const f of result.changedSpecs ?? []) io.err(`  spec changed  ${f}`);
    for (const f of result.check?.stale ?? []) io.err(`  stale         ${flags.out}/${f}`);
    for (const f of result.check?.missing ?? []) io.err(`  missing       ${flags.out}/${f}`);
    for (const f of result.check?.extra ?? []) io.err(`  extra         ${flags.out}/${f}`);
    io.err('run `npx wxpay-gen` and commit the result');
    return EXIT.stale;
  } catch (e) {
    return reportFailure(e, io, 'wxpay-gen', '; nothing was written');
  }
}
