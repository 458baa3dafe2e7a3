import { SpecError } from '../errors';
import type { LoadedSpec } from '../load';
import { isRecord, ModelContext } from './context';
import { pathItemOperations } from './operation';
import type { Model, ModelOperation } from './types';
import { readWebhooks } from './webhook';

export type { Model, ModelOperation, ModelParameter, ModelResponse, ModelSchema, ModelWebhook, SourceLocation } from './types';

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
      if (!/^\/[^\s?#]*[^/\s?#]$/.test(path) || path.includes('//')) {
        ctx.report(paths, path, `path "${path}" must start with "/", have no empty segment, trailing slash, query or fragment`);
        continue;
      }
      if (!isRecord(item)) {
        ctx.report(paths, path, `path "${path}" must be a path item mapping (or a $ref to a file holding one)`);
        continue;
      }
      operations.push(...pathItemOperations(ctx, path, item));
    }
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
  for (const op of operations) {
    const parent = op.chain.slice(0, -1).join('.');
    const last = op.chain[op.chain.length - 1] ?? '';
    if (methodsAt.get(parent)?.has(last)) {
      ctx.report(paths, op.path, `the last segment "${last}" of ${op.path} collides with the ${last.toUpperCase()} method of /${op.chain.slice(0, -1).join('/')}`);
    }
  }
}
