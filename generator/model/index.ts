import { EXTRA_NAMES } from '../../templates/runtime/extras';
import { SpecError } from '../errors';
import type { LoadedSpec } from '../load';
import { isRecord, ModelContext } from './context';
import { pathItemOperations } from './operation';
import { checkPathShapes, pathKeyProblem } from './paths';
import type { Model, ModelOperation } from './types';
import { readWebhooks } from './webhook';

export type { Model, ModelOperation, ModelParameter, ModelResponse, ModelSchema, ModelServer, ModelWebhook, SourceLocation } from './types';

/** OpenAPI document → plain-data model. Throws one SpecError listing every problem. */
export function buildModel(spec: LoadedSpec): Model {
  const ctx = new ModelContext(spec);
  const doc = spec.document;
  const version = doc['openapi'];
  if (typeof version !== 'string' || !/^3\.[01]\.\d+$/.test(version)) {
    ctx.report(doc, 'openapi' in doc ? 'openapi' : undefined, `\`openapi\` must be "3.1.0" (or another 3.0/3.1 version), found ${JSON.stringify(version)}`);
  }
  const info = doc['info'];
  if (!isRecord(info) || typeof info['title'] !== 'string' || typeof info['version'] !== 'string') {
    ctx.report(doc, isRecord(info) ? 'info' : undefined, '`info` must have a string `title` and `version`');
  }
  const paths = doc['paths'];
  const operations: ModelOperation[] = [];
  if (!isRecord(paths)) {
    ctx.report(doc, 'paths' in doc ? 'paths' : undefined, '`paths` must be a mapping of "/v3/…" → path item');
  } else {
    for (const [path, item] of Object.entries(paths)) {
      const problem = pathKeyProblem(path);
      if (problem !== undefined) {
        ctx.report(paths, path, problem);
        continue;
      }
      const badChars = pathCharsProblem(path);
      if (badChars) {
        ctx.report(paths, path, badChars);
        continue;
      }
      if (!isRecord(item)) {
        ctx.report(paths, path, `path "${path}" must be a path item mapping (or a $ref to a file holding one)`);
        continue;
      }
      operations.push(...pathItemOperations(ctx, path, item));
    }
    checkPathShapes(ctx, paths, (path) => {
      const item = paths[path];
      return isRecord(item) ? ctx.fileOf(item) : spec.specName;
    });
    checkChains(ctx, paths, operations);
  }
  const webhooks = readWebhooks(ctx, doc['webhooks'], doc);
  if (ctx.problems.length > 0) throw new SpecError(ctx.problems);
  const servers = Array.isArray(doc['servers']) ? doc['servers'].flatMap((s) => (isRecord(s) && typeof s['url'] === 'string' ? [s['url']] : [])) : [];
  const inf = info as Record<string, string>;
  return {
    title: inf['title'] ?? '',
    version: inf['version'] ?? '',
    specName: spec.specName,
    servers,
    operations: operations.sort((a, b) => (a.key === b.key ? a.method.localeCompare(b.method) : a.key < b.key ? -1 : 1)),
    webhooks,
    ...(ctx.warnings.length > 0 ? { warnings: [...ctx.warnings].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1)) } : {}),
  };
}

/** Two paths must not land on the same client property chain, and no segment may shadow a method. */
function checkChains(ctx: ModelContext, paths: Record<string, unknown>, operations: readonly ModelOperation[]): void {
  const byChain = new Map<string, string>();
  for (const op of operations) {
    const chain = op.chain.join('.');
    const other = byChain.get(chain);
    if (other !== undefined && other !== op.path) {
      ctx.report(paths, op.path, `paths ${other} and ${op.path} both become the client property chain ${chain}; rename one`);
    }
    byChain.set(chain, op.path);
  }
  const methodsAt = new Map<string, Set<string>>();
  for (const op of operations) {
    const at = methodsAt.get(op.chain.join('.')) ?? new Set<string>();
    at.add(op.method.toLowerCase());
    methodsAt.set(op.chain.join('.'), at);
  }
  const pathAt = new Map(operations.map((op) => [op.chain.join('.'), op.path]));
  const reported = new Set<string>();
  for (const op of operations) {
    const first = op.chain[0] ?? '';
    if ((first === 'chain' || EXTRA_NAMES.has(first)) && !reported.has(op.path)) {
      reported.add(op.path);
      ctx.report(paths, op.path, `the first segment "${first}" of ${op.path} is taken on the client's root by \`client.${first}\` (reserved: chain, ${[...EXTRA_NAMES].join(', ')}); rename the path`);
    }
    // a segment named like a method of the endpoint it continues: client.v3.a.get would be both
    for (let i = 1; i < op.chain.length; i++) {
      const prefix = op.chain.slice(0, i).join('.');
      const seg = op.chain[i] ?? '';
      if (methodsAt.get(prefix)?.has(seg) && !reported.has(`${op.path} ${prefix}`)) {
        reported.add(`${op.path} ${prefix}`);
        ctx.report(paths, op.path, `the segment "${seg}" of ${op.path} collides with the ${seg.toUpperCase()} method of ${pathAt.get(prefix) ?? `/${prefix}`} (both would be client.${op.chain.slice(0, i + 1).join('.')}); rename one`);
      }
    }
  }
}

/** A path template may hold only URL path characters that are safe everywhere it is emitted, and `{name}` parameters. */
function pathCharsProblem(path: string): string | undefined {
  const literal = path.replace(/\{[A-Za-z0-9_.~-]+\}/g, '');
  if (/[{}]/.test(literal)) return `path "${path}" has a brace that does not enclose a parameter name ({name}: letters, digits, _ . ~ -)`;
  const bad = /[^A-Za-z0-9\-._~!$&'()+,;=:@%/]/.exec(literal);
  if (bad) return `path "${path}" has the character ${JSON.stringify(bad[0])}; a path may use letters, digits, - . _ ~ ! $ & ' ( ) + , ; = : @ % and {parameters}`;
  return undefined;
}
