/** Finding, reading and writing wxpay-gen.config.json. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { WxPayGenError } from '../generator/errors';
import { validateConfig, type ConfigProblem, type WxpayGenConfig } from './schema';

export const CONFIG_FILE = 'wxpay-gen.config.json';
export const DEFAULT_SPEC = 'specs/wechatpay.yaml';
export const DEFAULT_OUT = 'generated';

/** A config file that cannot be used; `problems` name each key that is wrong. */
export class ConfigError extends WxPayGenError {
  readonly code = 'config';
  readonly file: string;
  readonly problems: readonly ConfigProblem[];
  constructor(file: string, problems: readonly ConfigProblem[]) {
    super(`${file}: ${problems.map((p) => (p.key ? `"${p.key}": ${p.message}` : p.message)).join('; ')}`);
    this.file = file;
    this.problems = problems;
  }
}

/** A config as found: its folder (relative paths in it are taken from there) and its content. */
export interface FoundConfig {
  /** Absolute path of the file, or undefined when there is none (defaults apply). */
  readonly file: string | undefined;
  /** The folder paths are relative to: the config's folder, or the folder searched from. */
  readonly dir: string;
  readonly config: WxpayGenConfig;
}

/**
 * Looks for wxpay-gen.config.json in `cwd` and its parents, up to the nearest folder with a
 * package.json (the app's root). Throws ConfigError when the file is not valid.
 */
export function findConfig(cwd: string = process.cwd()): FoundConfig {
  let dir = resolve(cwd);
  for (;;) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return { file, dir, config: readConfig(file) };
    const parent = dirname(dir);
    if (existsSync(join(dir, 'package.json')) || parent === dir) return { file: undefined, dir: resolve(cwd), config: {} };
    dir = parent;
  }
}

/** Reads and validates one config file. */
export function readConfig(file: string): WxpayGenConfig {
  const shown = relative(process.cwd(), file) || file;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new ConfigError(shown, [{ key: '', message: `not valid JSON (${e instanceof Error ? e.message : String(e)}); fix it, or delete it and run \`npx wxpay-gen init\`` }]);
  }
  const problems = validateConfig(value);
  if (problems.length > 0) throw new ConfigError(shown, problems);
  return value as WxpayGenConfig;
}

/** Writes a config as 2-space JSON with a final newline (keys in the order given). */
export function writeConfig(file: string, config: WxpayGenConfig): void {
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** The config with `import` changed (the rest of the file as it was, key order kept). */
export function withImport(config: WxpayGenConfig, patch: WxpayGenConfig['import']): WxpayGenConfig {
  return { ...config, import: { ...config.import, ...patch } };
}
