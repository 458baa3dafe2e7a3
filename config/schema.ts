/**
 * The shape of wxpay-gen.config.json and its validation: every unknown key is an error with a
 * did-you-mean, every wrong type names the key, what it got and what it takes.
 */
import { didYouMean } from './did-you-mean';

/** What `import` reads (from, ref, only) and records (commit, files) between runs. */
export interface ImportConfig {
  /** A folder holding the docs (openapi/ and webhook/ folders), or a git URL of their repository. */
  readonly from?: string;
  /** A commit (or branch or tag) of `from`, when it is a git URL; default its HEAD. */
  readonly ref?: string;
  /** Globs over URL paths (`v3/refund/**`) and event types (`TRANSACTION.*`) selecting the pages to import. */
  readonly only?: readonly string[];
  /** Fail when anything on a page was not understood. */
  readonly strict?: boolean;
  /** Recorded by `import`: the doc commit of the last import. */
  readonly commit?: string;
  /** Recorded by `import`: each imported spec file → the doc commit its content came from. */
  readonly files?: Readonly<Record<string, string>>;
}

export interface MockConfig {
  readonly port?: number;
  readonly host?: string;
  /** Folder of the mock's keys, kept between runs (made when missing). */
  readonly keys?: string;
  /** A fault on every accepted request (`slow=2000`, `server-error=503`, …). */
  readonly fault?: string;
}

/** wxpay-gen.config.json. Paths are relative to the folder that holds it. */
export interface WxpayGenConfig {
  readonly $schema?: string;
  /** The root OpenAPI document. Default `specs/wechatpay.yaml`. */
  readonly spec?: string;
  /** The output folder of the generated client. Default `generated`. */
  readonly out?: string;
  /**
   * The extension of the relative imports between generated files. `.js` (default): tsc under NodeNext/Node16.
   * `.ts`: the sources run as they are under Node's type stripping, Deno and Bun; tsc then needs
   * `rewriteRelativeImportExtensions` (TS ≥ 5.7) or `allowImportingTsExtensions` with `noEmit`.
   */
  readonly importExtension?: '.js' | '.ts';
  readonly import?: ImportConfig;
  readonly mock?: MockConfig;
}

/** One problem in the config file, with the key it is about. */
export interface ConfigProblem {
  readonly key: string;
  readonly message: string;
}

type Kind = 'string' | 'boolean' | 'port' | 'strings' | 'record' | 'extension';
const TOP: Readonly<Record<string, Kind | 'import' | 'mock'>> = { $schema: 'string', spec: 'string', out: 'string', importExtension: 'extension', import: 'import', mock: 'mock' };
const IMPORT: Readonly<Record<string, Kind>> = { from: 'string', ref: 'string', only: 'strings', strict: 'boolean', commit: 'string', files: 'record' };
const MOCK: Readonly<Record<string, Kind>> = { port: 'port', host: 'string', keys: 'string', fault: 'string' };

const WANTS: Readonly<Record<Kind, string>> = {
  string: 'a non-empty string',
  boolean: 'true or false',
  port: 'a whole number from 0 (any free port) to 65535',
  strings: 'a list of strings, e.g. ["v3/refund/**"]',
  record: 'an object of strings',
  extension: '".js" (imports for tsc under NodeNext/Node16, the default) or ".ts" (for Node\'s type stripping, Deno, Bun)',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fits(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'string': return typeof v === 'string' && v.length > 0;
    case 'boolean': return typeof v === 'boolean';
    case 'port': return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;
    case 'strings': return Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);
    case 'record': return isObject(v) && Object.values(v).every((s) => typeof s === 'string');
    case 'extension': return v === '.js' || v === '.ts';
  }
}

function checkKeys(obj: Record<string, unknown>, known: Readonly<Record<string, unknown>>, prefix: string, problems: ConfigProblem[]): void {
  const names = Object.keys(known);
  for (const key of Object.keys(obj)) {
    if (Object.hasOwn(known, key)) continue;
    const guess = didYouMean(key, names);
    problems.push({ key: `${prefix}${key}`, message: `unknown key${guess ? `; did you mean "${prefix}${guess}"?` : ''} (${prefix ? `"${prefix.slice(0, -1)}" takes` : 'known keys:'} ${names.join(', ')})` });
  }
}

function checkSection(value: unknown, spec: Readonly<Record<string, Kind>>, name: string, problems: ConfigProblem[]): void {
  if (!isObject(value)) {
    problems.push({ key: name, message: `must be an object with ${Object.keys(spec).join(', ')}` });
    return;
  }
  checkKeys(value, spec, `${name}.`, problems);
  for (const [key, kind] of Object.entries(spec)) {
    if (value[key] !== undefined && !fits(kind, value[key])) problems.push({ key: `${name}.${key}`, message: `must be ${WANTS[kind]}; got ${JSON.stringify(value[key])}` });
  }
}

/** Every problem of a parsed config (empty when it is valid). */
export function validateConfig(value: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!isObject(value)) return [{ key: '', message: 'the config must be a JSON object, e.g. { "spec": "specs/wechatpay.yaml", "out": "generated" }' }];
  checkKeys(value, TOP, '', problems);
  for (const [key, kind] of Object.entries(TOP)) {
    const v = value[key];
    if (v === undefined) continue;
    if (kind === 'import') checkSection(v, IMPORT, key, problems);
    else if (kind === 'mock') checkSection(v, MOCK, key, problems);
    else if (!fits(kind, v)) problems.push({ key, message: `must be ${WANTS[kind]}; got ${JSON.stringify(v)}` });
  }
  return problems;
}
