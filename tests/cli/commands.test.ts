import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, Help } from 'commander';
import { COMMANDS, main, topLevelHelp, type CliIO } from '../../bin/cli';
import { EXIT } from '../../bin/io';

const ROOT = resolve(__dirname, '..', '..');

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Runs `main(argv)` of the compiled CLI in a fresh process and returns the modules it loaded (paths under the repo). */
function modulesLoadedBy(argv: readonly string[], cwd = ROOT): string[] {
  const script = `
    const cli = require(${JSON.stringify(join(ROOT, 'dist', 'bin', 'cli.js'))});
    cli.main(${JSON.stringify(argv)}, { out: () => {}, err: () => {} }).then(() => {
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));
    });`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
  expect(run.status).toBe(0);
  // relative to the repository; a module outside it (node_modules linked from elsewhere) keeps its full path
  return (JSON.parse(run.stdout) as string[]).map((m) => (m.startsWith(`${ROOT}/`) || m.startsWith(`${ROOT}\\`) ? m.slice(ROOT.length + 1) : m).split('\\').join('/'));
}

describe('the command table of bin/cli.ts', () => {
  it('has unique names and exactly one default command', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    expect(COMMANDS.filter((c) => c.isDefault === true)).toHaveLength(1);
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: usage and summary are what commander sees once the module is loaded', async (name, entry) => {
    const program = new Command('wxpay-gen');
    (await entry.load())(program, capture(), { code: EXIT.ok });
    expect(program.commands.map((c) => c.name())).toEqual([name]);
    const sub = program.commands[0] as Command;
    expect(new Help().subcommandTerm(sub)).toBe(`${name} ${entry.usage}`.trim());
    expect(sub.description()).toBe(entry.summary);
  });

  it('top-level help lists every command and is what `--help`, `-h` and `help` print', async () => {
    const text = topLevelHelp();
    for (const c of COMMANDS) expect(text).toContain(`${c.name} ${c.usage}`.trim());
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const io = capture();
      expect(await main(argv, io)).toBe(0);
      expect(io.stdout.join('\n')).toBe(text);
    }
  });

  it('`help <command>` prints that command\'s help', async () => {
    const io = capture();
    expect(await main(['help', 'import'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^Usage: wxpay-gen import \[options\] \[pages\.\.\.\]/);
  });
});

describe('the CLI loads only what a command needs', () => {
  const heavy = /node_modules\/(typescript|ts-morph|@ts-morph|openapi-typescript|js-yaml|yaml)\//;

  it.each([['--version'], ['-v'], ['--help'], ['help']])('%s loads no command, no commander and no compiler', (flag) => {
    const loaded = modulesLoadedBy([flag]);
    expect(loaded.filter((m) => heavy.test(m) || m.includes('node_modules/commander/') || /^dist\/(generator|importer|mock)\//.test(m))).toEqual([]);
    expect(loaded.filter((m) => m.startsWith('dist/bin/commands/'))).toEqual([]);
  });

  it('--check on an unchanged tree loads no parser and no compiler; a changed tree does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxpay-gen-lazy-'));
    try {
      cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
      execFileSync(process.execPath, [join(ROOT, 'bin', 'wxpay-gen.js')], { cwd: dir });
      expect(modulesLoadedBy(['--check'], dir).filter((m) => heavy.test(m) || /^dist\/generator\/(load|model|pipeline)/.test(m))).toEqual([]);
      writeFileSync(join(dir, 'generated', 'index.ts'), `${readFileSync(join(dir, 'generated', 'index.ts'), 'utf8')} `);
      expect(modulesLoadedBy(['--check'], dir).filter((m) => /node_modules\/(typescript|@ts-morph\/common)\//.test(m)).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a command loads its own module and not the others', () => {
    const loaded = modulesLoadedBy(['import', '--help']);
    expect(loaded.filter((m) => m.startsWith('dist/bin/commands/'))).toEqual(['dist/bin/commands/import.js']);
    expect(loaded.filter((m) => /^dist\/(mock)\//.test(m))).toEqual([]);
  });
});
