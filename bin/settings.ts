/**
 * What every command works on: flags first, then wxpay-gen.config.json, then the defaults.
 * Paths come back relative to the working directory (as the user will read them in messages).
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError, DEFAULT_OUT, DEFAULT_SPEC, findConfig, type FoundConfig } from '../config';
import { EXIT, type CliIO } from './io';
import { DEFAULT_IMPORT_EXTENSION, type ImportExtension } from '../generator/emit/import-extension';

export interface Settings {
  readonly found: FoundConfig;
  /** The folder commands work in: the config's folder (the app root), else the working directory. */
  readonly cwd: string;
  /** Root spec, relative to `cwd` (the generated files name it so: the same from any subfolder). */
  readonly spec: string;
  /** Output folder, relative to `cwd`. */
  readonly out: string;
  /** The extension of the generated files' relative imports: the flag, else the config's, else `.js`. */
  readonly importExtension: ImportExtension;
}

const posixRelative = (from: string, abs: string): string => relative(from, abs).split('\\').join('/') || '.';

/** Reads the config; prints its problems and returns the exit code when it is not valid. */
export function loadSettings(flags: { readonly spec?: string | undefined; readonly out?: string | undefined; readonly importExtension?: ImportExtension | undefined }, io: CliIO, command: string): Settings | number {
  let found: FoundConfig;
  try {
    found = findConfig(process.cwd());
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const p of e.problems) io.err(`${e.file}: ${p.key ? `"${p.key}": ` : ''}${p.message}`);
    io.err(`wxpay-gen ${command}: fix ${e.file} (or run \`npx wxpay-gen init\` in a folder without one)`);
    return EXIT.usage;
  }
  const cwd = found.dir;
  const spec = posixRelative(cwd, flags.spec !== undefined ? resolve(flags.spec) : resolve(cwd, found.config.spec ?? DEFAULT_SPEC));
  const out = posixRelative(cwd, flags.out !== undefined ? resolve(flags.out) : resolve(cwd, found.config.out ?? DEFAULT_OUT));
  const importExtension = flags.importExtension ?? found.config.importExtension ?? DEFAULT_IMPORT_EXTENSION;
  return { found, cwd, spec, out, importExtension };
}

/** True (after saying to run init) when there is neither a config nor the spec it would name. */
export function needsInit(settings: Settings, io: CliIO, command: string): boolean {
  if (settings.found.file !== undefined || existsSync(resolve(settings.cwd, settings.spec))) return false;
  io.err(`wxpay-gen${command ? ` ${command}` : ''}: no wxpay-gen.config.json here and no ${settings.spec} — this app is not set up yet.`);
  io.err('  start with:  npx wxpay-gen init        (writes wxpay-gen.config.json and an empty spec; overwrites nothing)');
  io.err('  then:        npx wxpay-gen import --from <docs folder or git URL> --only "v3/pay/transactions/**"');
  return true;
}
