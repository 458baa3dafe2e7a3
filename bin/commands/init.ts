/**
 * `wxpay-gen init`: sets an app up — wxpay-gen.config.json, an empty root spec, a .gitattributes
 * line keeping the generated files LF — and prints what to run next. Never overwrites a file.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE, ConfigError, DEFAULT_SPEC, readConfig, writeConfig, type WxpayGenConfig } from '../../config';
import { ROOT_TEMPLATE } from '../../importer/root';
import { EXIT, type CliIO, type ExitBox } from '../io';

interface InitFlags {
  out?: string;
  spec?: string;
  from?: string;
  only?: string[];
}

export const INIT_SUMMARY = 'set this app up: wxpay-gen.config.json, an empty root spec, a .gitattributes line; overwrites nothing';

export function registerInitCommand(program: Command, io: CliIO, exit: ExitBox): void {
  program
    .command('init')
    .description(INIT_SUMMARY)
    .option('-o, --out <dir>', 'output folder of the generated client (default: src/generated when there is a src/ folder, else generated)')
    .option('-s, --spec <root.yaml>', `root spec to create (default: ${DEFAULT_SPEC})`)
    .option('--from <docs>', 'the docs to import from later: a folder, or a git URL of the docs repository')
    .option('--only <globs...>', 'the pages to import: globs over URL paths and event types, e.g. "v3/refund/**" "TRANSACTION.*"')
    .addHelpText('after', `
Writes, in the working directory, only what is missing:
  wxpay-gen.config.json   spec, out (and import.from / import.only when given)
  <spec>                  a root OpenAPI document with no paths yet
  .gitattributes          "<out>/** text eol=lf" so Windows checkouts keep generated files byte-exact

Examples:
  $ npx wxpay-gen init
  $ npx wxpay-gen init --from ../wechatpay-docs --only "v3/pay/transactions/**" "v3/refund/**"

Exit codes: 0 done (files already there are kept and named), 2 usage error`)
    .action((flags: InitFlags) => {
      try {
        exit.code = runInit(flags, io, process.cwd());
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        io.err(`wxpay-gen init: ${e.message}`);
        io.err(`fix ${CONFIG_FILE} (init keeps it as it is)`);
        exit.code = EXIT.usage;
      }
    });
}

/** Runs init in `dir`; returns the exit code. */
export function runInit(flags: InitFlags, io: CliIO, dir: string): number {
  const configFile = join(dir, CONFIG_FILE);
  // an existing config is kept, and what it names is what the rest of init works on
  const existing = existsSync(configFile) ? readConfig(configFile) : undefined;
  const out = existing?.out ?? flags.out ?? (existsSync(join(dir, 'src')) ? 'src/generated' : 'generated');
  const spec = existing?.spec ?? flags.spec ?? DEFAULT_SPEC;
  const kept: string[] = [];
  let config: WxpayGenConfig = { spec, out };
  if (existing !== undefined) {
    kept.push(CONFIG_FILE);
  } else {
    if (flags.from !== undefined || flags.only !== undefined) {
      config = { ...config, import: { ...(flags.from !== undefined ? { from: flags.from } : {}), ...(flags.only !== undefined ? { only: flags.only } : {}) } };
    }
    writeConfig(configFile, config);
    io.out(`  created  ${CONFIG_FILE}  (spec ${spec}, out ${out})`);
  }
  const specFile = join(dir, spec);
  if (existsSync(specFile)) {
    kept.push(spec);
  } else {
    mkdirSync(dirname(specFile), { recursive: true });
    writeFileSync(specFile, ROOT_TEMPLATE);
    io.out(`  created  ${spec}  (a root spec with no paths yet; import adds them)`);
  }
  const line = `${posix.normalize(out).replace(/\/$/, '')}/** text eol=lf`;
  const attributes = join(dir, '.gitattributes');
  const present = existsSync(attributes) ? readFileSync(attributes, 'utf8') : undefined;
  if (present !== undefined && present.split(/\r?\n/).some((l) => l.trim() === line)) {
    kept.push('.gitattributes');
  } else {
    appendFileSync(attributes, `${present !== undefined && present.length > 0 && !present.endsWith('\n') ? '\n' : ''}${line}\n`);
    io.out(`  ${present === undefined ? 'created' : 'added to'}  .gitattributes  (${line})`);
  }
  if (kept.length > 0) io.out(`  kept     ${kept.join(', ')}  (already there; init overwrites nothing)`);
  io.out('');
  io.out('next:');
  const from = flags.from ?? '<docs folder or git URL>';
  const only = flags.only ? '' : ' --only "v3/pay/transactions/**"';
  io.out(`  npx wxpay-gen import${flags.from !== undefined && flags.only !== undefined ? '' : ` --from ${from}${only}`}   doc pages -> ${posix.dirname(spec)}/paths/ (remembered in ${CONFIG_FILE})`);
  io.out(`  npx wxpay-gen                     generate the client into ${out}/, then commit it`);
  io.out(`  in your code: import { createClient } from './${posix.relative(out.startsWith('src/') ? 'src' : '.', out)}/index.js'   (from a file in ${out.startsWith('src/') ? 'src/' : 'the app root'})`);
  io.out('  npx wxpay-gen mock                a WeChat Pay simulator on 127.0.0.1 to try the client against');
  io.out('  npx wxpay-gen --check             in CI: exit 3 when the client is out of date');
  return EXIT.ok;
}
