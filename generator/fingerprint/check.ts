import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withBanner } from '../emit/banner';
import { emitSources, parseSourcesFile, SOURCES_FILE } from '../emit/sources';
import { listFiles } from '../write';
import { INPUTS, specName, textHash, type InputContext } from './inputs';

/** The fast path's verdict: up to date (with what the last generation counted), or why a full generation must decide. */
export type FastCheck =
  | { readonly upToDate: true; readonly operations: number; readonly encryptedFields: number; readonly files: readonly string[] }
  | { readonly upToDate: false; readonly reason: string };

const differs = (reason: string): FastCheck => ({ upToDate: false, reason });

/**
 * Decides `--check` from hashes alone: every input recorded in the output's sources.gen.ts hashes as recorded
 * (and each kind that can list its names lists exactly the recorded ones), every output file hashes as recorded,
 * no file is missing or extra, and sources.gen.ts itself is exactly what its record renders to. Any doubt gives
 * `upToDate: false`, and the caller generates in memory and compares — so this never says "up to date" wrongly,
 * it only saves the work when nothing changed. Loads no parser and no compiler.
 */
export function fastCheck(ctx: InputContext, outDir: string): FastCheck {
  const sourcesPath = join(outDir, SOURCES_FILE);
  if (!existsSync(sourcesPath)) return differs(`no ${SOURCES_FILE}`);
  const text = readFileSync(sourcesPath, 'utf8');
  const record = parseSourcesFile(text);
  const fp = record.fingerprint;
  if (!fp) return differs(`${SOURCES_FILE} has no fingerprint`);
  if (withBanner(specName(ctx), emitSources(record.sources, fp)) !== text) return differs(`${SOURCES_FILE} is not what its own record renders to`);
  if (!record.sources.has(specName(ctx))) return differs(`${specName(ctx)} is not the recorded root spec`);
  for (const [name, hash] of record.sources) if (textHash(resolve(ctx.cwd, name)) !== hash) return differs(`spec file ${name} changed`);
  for (const kind of INPUTS) {
    if (kind.kind === 'spec') continue;
    const recorded = [...fp.inputs.keys()].filter((k) => k.startsWith(`${kind.kind}:`)).map((k) => k.slice(kind.kind.length + 1));
    const now = kind.names(ctx);
    if (now && (now.length !== recorded.length || now.some((n) => !fp.inputs.has(`${kind.kind}:${n}`)))) return differs(`the ${kind.kind} inputs are not the recorded ones`);
    for (const name of recorded) if (kind.hash(ctx, name) !== fp.inputs.get(`${kind.kind}:${name}`)) return differs(`${kind.kind} input ${name} changed`);
  }
  const known = new Set(INPUTS.map((k) => `${k.kind}:`));
  for (const key of fp.inputs.keys()) if (![...known].some((p) => key.startsWith(p)) || key.startsWith('spec:')) return differs(`unknown recorded input ${key}`);
  const present = listFiles(outDir);
  if (present.length !== fp.outputs.size + 1 || present.some((f) => f !== SOURCES_FILE && !fp.outputs.has(f))) return differs('output files added or removed');
  for (const [file, hash] of fp.outputs) {
    if (createHash('sha256').update(readFileSync(join(outDir, file))).digest('hex') !== hash) return differs(`output ${file} changed`);
  }
  return { upToDate: true, operations: fp.operations, encryptedFields: fp.encryptedFields, files: present };
}
