import type { Command } from 'commander';
import { importPages, type ImportIssue, type ImportResult } from '../../importer';
import { exitCodesHelp } from '../exit';
import { EXIT, type CliIO, type ExitBox } from '../io';

interface ImportFlags {
  out: string;
  root?: string;
  strict?: boolean;
  force?: boolean;
}

export function registerImportCommand(program: Command, io: CliIO, exit: ExitBox): void {
  program
    .command('import')
    .description('turn WeChat Pay doc pages (wechatpay.im markdown source) into OpenAPI path files and add them to the root spec')
    .argument('<pages...>', 'doc pages (.md) or folders of them (searched recursively, README.md skipped)')
    .option('-o, --out <dir>', 'spec folder; path files go to <dir>/paths/<url path>.yaml', 'specs')
    .option('-r, --root <root.yaml>', 'root OpenAPI document to add the paths to (created when missing)', undefined)
    .option('--strict', 'exit 1 when there is any warning (something on a page was not understood)')
    .option('-f, --force', 'overwrite path files that differ from the import and were not written by it (hand-written or edited)')
    .addHelpText('after', `
Examples:
  $ npx wxpay-gen import ../docs/openapi/v3/facemch/users/{face_sid}.md
  $ npx wxpay-gen import ../docs/openapi --strict           in CI: fail on anything the importer skipped
  $ npx wxpay-gen import pages/ --out api --root api/root.yaml

Every written file starts with "# imported by wxpay-gen from <page> (sha256:…)"; re-importing
updates such files, but a file without that line (or edited since) is left alone unless --force.

${exitCodesHelp([
    [0, 'done'],
    [1, 'a page could not be imported, a path file differs and was kept (use --force), or --strict and warnings'],
    [2, 'usage error'],
  ])}`)
    .action(async (pages: string[], flags: ImportFlags) => {
      exit.code = await runImport(pages, flags, io);
    });
}

async function runImport(pages: readonly string[], flags: ImportFlags, io: CliIO): Promise<number> {
  const result = await importPages({
    inputs: pages,
    out: flags.out,
    ...(flags.root !== undefined ? { root: flags.root } : {}),
    force: flags.force === true,
  });
  for (const w of result.warnings) io.err(issueLine(w, 'warning'));
  for (const e of result.errors) io.err(issueLine(e, 'error'));
  for (const p of result.pages) {
    if (p.status === 'created' || p.status === 'updated' || p.status === 'overwritten') io.out(`  ${p.status.padEnd(11)} ${p.file}  (${p.operations.join(', ')})`);
  }
  if (result.differing.length > 0) {
    io.err(`wxpay-gen: ${result.differing.length} path file${result.differing.length === 1 ? '' : 's'} differ${result.differing.length === 1 ? 's' : ''} from the import and ${result.differing.length === 1 ? 'was' : 'were'} not written by it (hand-written or edited); kept as ${result.differing.length === 1 ? 'it is' : 'they are'} — rerun with --force to overwrite:`);
    for (const f of result.differing) io.err(`  differs     ${f}`);
  }
  io.out(summary(result, flags));
  if (result.errors.length > 0 || result.differing.length > 0) return EXIT.specErrors;
  if (flags.strict === true && result.warnings.length > 0) {
    io.err(`wxpay-gen: --strict: ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}`);
    return EXIT.specErrors;
  }
  return EXIT.ok;
}

function issueLine(issue: ImportIssue, kind: 'warning' | 'error'): string {
  return `${issue.page}${issue.line > 0 ? `:${issue.line}` : ''}: ${kind}: ${issue.message}`;
}

function summary(result: ImportResult, flags: ImportFlags): string {
  const count = (s: string): number => result.pages.filter((p) => p.status === s).length;
  const ops = result.pages.reduce((n, p) => n + p.operations.length, 0);
  const parts = [['created', count('created')], ['updated', count('updated')], ['overwritten', count('overwritten')], ['unchanged', count('unchanged')], ['differ', count('differs')]]
    .filter(([, n]) => n !== 0)
    .map(([s, n]) => `${n} ${s}`);
  const root = result.root.status === 'unchanged' ? 'unchanged' : result.root.status === 'failed' ? 'not written' : `${result.root.status} (+${result.root.added.length} path${result.root.added.length === 1 ? '' : 's'})`;
  return `wxpay-gen: imported ${result.pages.length} page${result.pages.length === 1 ? '' : 's'} (${ops} operation${ops === 1 ? '' : 's'}) into ${flags.out}/: ${parts.join(', ') || 'nothing'}; root ${result.root.file} ${root}; ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}, ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`;
}
