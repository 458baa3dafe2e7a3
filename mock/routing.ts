/** Finds the operation for a method and a raw request path, the way WeChat Pay routes: by server prefix and path template. */
import type { ModelOperation } from '../generator/model';
import { compilePath } from '../templates/runtime/path-template';
import { operationPrefixes } from './hosts';

interface Route {
  readonly op: ModelOperation;
  readonly pattern: RegExp;
  readonly params: readonly string[];
  /** Characters of literal text in the template: the more, the more specific. */
  readonly literal: number;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly op: ModelOperation; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'bad-param'; readonly op: ModelOperation; readonly param: string }
  | { readonly kind: 'wrong-method'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

export class Router {
  private readonly routes: readonly Route[];

  constructor(operations: readonly ModelOperation[]) {
    this.routes = operations
      .flatMap((op) => operationPrefixes(op).map((prefix) => compile(op, prefix)))
      .sort((a, b) => b.literal - a.literal || a.op.id.localeCompare(b.op.id));
  }

  /** `rawPath` is the path as on the wire (percent-encoded, no query). */
  match(method: string, rawPath: string): RouteMatch {
    const allow = new Set<string>();
    for (const route of this.routes) {
      const m = route.pattern.exec(rawPath);
      if (!m) continue;
      if (route.op.method !== method) {
        allow.add(route.op.method);
        continue;
      }
      const params: Record<string, string> = {};
      for (const [i, name] of route.params.entries()) {
        const raw = m[i + 1] ?? '';
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          return { kind: 'bad-param', op: route.op, param: name };
        }
      }
      return { kind: 'found', op: route.op, params };
    }
    return allow.size > 0 ? { kind: 'wrong-method', allow: [...allow].sort() } : { kind: 'none' };
  }
}

function compile(op: ModelOperation, prefix: string): Route {
  const { pieces, params } = compilePath(prefix + op.path);
  const literal = pieces.reduce((n, piece) => n + piece.length, 0);
  const source = pieces.map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([^/]+)');
  return { op, pattern: new RegExp(`^${source}$`), params, literal };
}
