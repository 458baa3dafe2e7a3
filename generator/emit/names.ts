import type { ModelOperation } from '../model';

/** `['v3', 'eduPapay', 'user', '_openid_']` → `V3EduPapayUserOpenid`. */
export function pascalOfChain(chain: readonly string[]): string {
  return chain
    .map((seg) => seg.replace(/^_+|_+$/g, '').split(/[^A-Za-z0-9]+/).map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : '')).join(''))
    .join('');
}

/** Base name of an operation's types: chain + method, e.g. `V3FacemchUsersFaceSidGet`. */
export function operationTypeBase(op: ModelOperation): string {
  const m = op.method.toLowerCase();
  return `${pascalOfChain(op.chain)}${m[0]!.toUpperCase()}${m.slice(1)}`;
}

/** Hands out unique identifiers: a clash gets a numeric suffix, deterministically in call order. */
export class NameTable {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.used.has(name); i++) name = `${wanted}${i}`;
    this.used.add(name);
    return name;
  }
}

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A string literal in single quotes. */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
