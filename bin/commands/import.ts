import { writeFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE, writeConfig, withImport, type WxpayGenConfig } from '../../config';
import { importPages, type ImportResult } from '../../importer';
import { DocSourceError, importDocs, type ImportDocsResult } from '../../importer/source/import-docs';
import { exitCodesHelp } from '../exit';
import { EXIT, type CliIO, type ExitBox } from '../io';
import { loadSettings, type Settings } from '../settings';

interface ImportFlags {
  out?: string;
  root?: string;
  from?: string;
  ref?: string;
  only?: string[];
  prune?: boolean;
  strict?: boolean;
  force?: boolean;
}

export function registerImportCommand(program: Command, io: CliIO, exit: ExitBox): void {
  program
    .command('import')
    .description('turn WeChat Pay doc pages (wechatpay.im markdown source) into OpenAPI path files and add them to the root spec')
    .argument('[pages...]', 'doc pages (.md) or folders of them (searched recursively, README.md skipped); or use --from/--only')
    .option('--from <docs>', 'the docs: a folder holding openapi/ (and webhook/), or a git URL of the docs repository (fetched shallowly into node_modules/.cache/wxpay-gen)')
    .option('--ref <commit>', 'with a git URL: the commit (or branch, tag) to import; default the repository HEAD')
    .option('--only <globs...>', 'pages to import: globs over URL paths and event types, e.g. "v3/pay/transactions/**" "v3/refund/**" "TRANSACTION.*"')
    .option('--prune', 'delete imported path and webhook files whose page is gone upstream or no longer selected (and their root entries)')
    .option('-o, --out <dir>', 'spec folder; path files go to <dir>/paths/<url path>.yaml (default: the folder of the root spec)')
    .option('-r, --root <root.yaml>', 'root OpenAPI document to add the paths to (default: "spec" of wxpay-gen.config.json, else specs/wechatpay.yaml)')
    .option('--strict', 'exit 1 when there is any warning (something on a page was not understood)')
    .option('-f, --force', 'overwrite path files edited by hand since the import (the differences are printed first)')
    .addHelpText('after', `
Examples:
  $ npx wxpay-gen import --from ../wechatpay-docs --only "v3/pay/transactions/**" "v3/refund/**"
  $ npx wxpay-gen import --from https://…/docs.git --ref 1a2b3c4 --only "v3/refund/**"
  $ npx wxpay-gen import                    the same selection again (from, ref, only: ${CONFIG_FILE})
  $ npx wxpay-gen import --prune            ... and delete the files of pages gone upstream
  $ npx wxpay-gen import ../docs/openapi/v3/facemch/users/{face_sid}.md

--from/--ref/--only are remembered in ${CONFIG_FILE} ("import"), with the doc commit each
imported file came from. Every written file starts with "# imported by wxpay-gen from <page>
(sha256:…)"; a file edited since is never overwritten without --force, and the difference is
shown. Keep local fixes in overlay files instead: <spec folder>/overrides/<same path>.yaml is
merged over the imported file when specs load, and import never touches it.

${exitCodesHelp([
    [0, 'done'],
    [1, 'a page could not be imported, a path file was edited by hand and kept (see the diff), or --strict and warnings'],
    [2, 'usage error (no --from or --only, docs not found, a glob matching no page, git failed)'],
  ])}`)
    .action(async (pages: string[], flags: ImportFlags) => {
      exit.code = await runImport(pages, flags, io);
    });
}

async function runImport(pages: readonly string[], given: ImportFlags, io: CliIO): Promise<number> {
  let flags = given;
  const settings = loadSettings({ spec: flags.root }, io, 'import');
  if (typeof settings === 'number') return settings;
  const root = settings.spec;
  const specDir = flags.out !== undefined ? posix.normalize(relative(settings.cwd, resolve(flags.out)).split('\\').join('/') || '.') : posix.dirname(root);
  if (pages.length > 0) {
    if (flags.from !== undefined || flags.only !== undefined || flags.ref !== undefined || flags.prune === true) {
      io.err('wxpay-gen import: give either pages or --from/--only, not both');
      return EXIT.usage;
    }
    const inCwd = (p: string): string => relative(settings.cwd, resolve(p)) || '.';
    const result = await importPages({ inputs: pages.map(inCwd), out: specDir, root, cwd: settings.cwd });
    const code = await finish(result, specDir, flags, io, settings.cwd);
    if (code === EXIT.ok) await nextStep(result, flags, settings, false, io);
    return code;
  }
  const saved = settings.found.config.import ?? {};
  const from = flags.from ?? saved.from;
  const only = flags.only ?? saved.only;
  const ref = flags.ref ?? saved.ref;
  if (flags.strict === undefined && saved.strict === true) flags = { ...flags, strict: true };
  if (from === undefined || only === undefined) {
    io.err(`wxpay-gen import: ${from === undefined ? 'where from? ' : ''}${only === undefined ? 'which pages? ' : ''}— nothing to import`);
    io.err('  give the docs and a selection once; they are remembered in wxpay-gen.config.json:');
    io.err(`    npx wxpay-gen import --from ${from ?? '<docs folder or git URL>'} --only "v3/pay/transactions/**" "v3/refund/**"`);
    io.err('  or name pages:  npx wxpay-gen import <page.md|folder>...');
    return EXIT.usage;
  }
  let r: ImportDocsResult;
  try {
    r = await importDocs({ from, only, root, cwd: settings.cwd, prune: flags.prune === true, ...(ref !== undefined ? { ref } : {}), ...(saved.files ? { previous: saved.files } : {}) });
  } catch (e) {
    if (!(e instanceof DocSourceError)) throw e;
    io.err(`wxpay-gen import: ${e.message}`);
    return EXIT.usage;
  }
  io.out(`wxpay-gen: docs ${from}${r.commit ? ` at ${r.commit.slice(0, 12)}` : ''}: ${r.selected.length} page${r.selected.length === 1 ? '' : 's'} selected by ${only.join(' ')}`);
  if (r.skippedWebhooks.length > 0) io.err(`wxpay-gen import: ${r.skippedWebhooks.length} notification page${r.skippedWebhooks.length === 1 ? '' : 's'} selected (${r.skippedWebhooks.slice(0, 3).map((p) => p.rel).join(', ')}${r.skippedWebhooks.length > 3 ? ', …' : ''}) but not imported (API pages only were asked for)`);
  const code = await finish(r.result, specDir, flags, io, settings.cwd);
  for (const s of r.stale) io.err(`  ${r.pruned ? 'deleted' : s.why.padEnd(18)}  ${s.file}  (${s.page}${r.pruned ? `, ${s.why}` : ''})`);
  if (r.stale.length > 0 && !r.pruned) io.err(`wxpay-gen import: ${r.stale.length} imported file${r.stale.length === 1 ? '' : 's'} no longer match${r.stale.length === 1 ? 'es' : ''} the docs; rerun with --prune to delete ${r.stale.length === 1 ? 'it' : 'them'} and ${r.stale.length === 1 ? 'its root entry' : 'their root entries'}`);
  remember(settings, { from, only, ref, commit: r.commit, files: r.files }, io);
  if (code === EXIT.ok) await nextStep(r.result, flags, settings, r.pruned && r.stale.length > 0, io);
  return code;
}

/** The line after a successful import: generate when a spec file changed, else how to see whether anything is to do. */
async function nextStep(result: ImportResult, flags: ImportFlags, settings: Settings, pruned: boolean, io: CliIO): Promise<void> {
  const { changedSpecs } = await import('./import-report');
  const forced = flags.force === true ? result.pages.filter((p) => p.status === 'differs').length : 0;
  if (pruned || changedSpecs(result, forced)) {
    io.out(`next: npx wxpay-gen   (generates ${settings.out}/ from ${settings.spec}; then commit both)`);
  } else {
    io.out(`next: nothing changed in the specs; \`npx wxpay-gen --check\` says whether ${settings.out}/ is current (after an overlay edit: npx wxpay-gen)`);
  }
}

async function finish(result: ImportResult, specDir: string, flags: ImportFlags, io: CliIO, cwd: string): Promise<number> {
  const { printDiffs, printPages, summary } = await import('./import-report');
  printPages(result, io);
  const differing = result.pages.filter((p) => p.status === 'differs');
  printDiffs(differing, cwd, specDir, flags.force === true, io);
  if (flags.force === true) {
    for (const p of differing) {
      writeFileSync(resolve(cwd, p.file), p.wanted ?? '');
      io.out(`  ${'overwritten'.padEnd(11)} ${p.file}  (${p.operations.join(', ')})`);
    }
  }
  io.out(summary(result, specDir, flags.force === true ? differing.length : 0));
  if (result.errors.length > 0 || (differing.length > 0 && flags.force !== true)) return EXIT.specErrors;
  if (flags.strict === true && result.warnings.length > 0) {
    io.err(`wxpay-gen: --strict: ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}`);
    return EXIT.specErrors;
  }
  return EXIT.ok;
}

/** Records the selection and the doc commits in the config (creating it when there is none). */
function remember(settings: Settings, imp: { from: string; only: readonly string[]; ref: string | undefined; commit: string | undefined; files: Readonly<Record<string, string>> }, io: CliIO): void {
  const file = settings.found.file ?? join(settings.cwd, CONFIG_FILE);
  const base: WxpayGenConfig = settings.found.file !== undefined ? settings.found.config : { spec: settings.spec };
  const next = withImport(base, {
    from: imp.from,
    ...(imp.ref !== undefined ? { ref: imp.ref } : {}),
    only: imp.only,
    ...(imp.commit !== undefined ? { commit: imp.commit } : {}),
    files: Object.fromEntries(Object.entries(imp.files).sort(([a], [b]) => (a < b ? -1 : 1))),
  });
  writeConfig(file, next);
  if (settings.found.file === undefined) io.out(`  created     ${relative(process.cwd(), file) || CONFIG_FILE}  (the selection, for a bare \`npx wxpay-gen import\` next time)`);
}

