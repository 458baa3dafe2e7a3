import Module from 'node:module';
import { dirname, join, sep } from 'node:path';
import type * as Oat from 'openapi-typescript';
import type TS from 'typescript';
import { rememberingCreateRef } from './oat-create-ref';

/** The parts of openapi-typescript the schema emitter uses, and the compiler their syntax trees belong to. */
export interface SchemaTools {
  readonly transformSchema: typeof Oat.transformSchema;
  readonly astToString: typeof Oat.astToString;
  readonly resolveRef: typeof Oat.resolveRef;
  readonly ts: typeof TS;
}

interface ResolvingModule {
  _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
}

/* eslint-disable @typescript-eslint/no-require-imports */
function requireTools(): Omit<SchemaTools, 'ts'> {
  // openapi-typescript's package entry also loads its bundle-and-lint pipeline (all of @redocly/openapi-core,
  // a third of its load time); only the transform, the printer and the $ref helper are used, so those three
  // modules are required directly (the package exports "./*"). Their types are the entry's.
  const utils = require('openapi-typescript/dist/lib/utils.cjs') as { createRef?: unknown };
  // its transform modules call utils.createRef through the module object: a remembering equivalent goes there
  if (typeof utils.createRef === 'function' && !('remembering' in utils.createRef)) {
    utils.createRef = Object.assign(rememberingCreateRef(utils.createRef as (parts: readonly unknown[]) => string), { remembering: true });
  }
  return {
    transformSchema: require('openapi-typescript/dist/transform/index.cjs') as typeof Oat.transformSchema,
    astToString: (require('openapi-typescript/dist/lib/ts.cjs') as Pick<typeof Oat, 'astToString'>).astToString,
    resolveRef: (require('openapi-typescript/dist/lib/utils.cjs') as Pick<typeof Oat, 'resolveRef'>).resolveRef,
  };
}

let tools: SchemaTools | undefined;

/**
 * openapi-typescript with ONE TypeScript in the process: ts-morph (the client emitter) carries its own bundled
 * compiler, and openapi-typescript would load the `typescript` package beside it — two copies of a 9 MB
 * compiler, loaded, compiled and kept in memory. While openapi-typescript's modules load, its `require('typescript')`
 * is answered with ts-morph's copy (the same module object ts-morph already loaded); nothing else in the process is
 * affected (any other `require('typescript')` still gets the package). Where that cannot be done (the module
 * system is not Node's own, e.g. under Jest, or ts-morph's layout changed), the package is loaded as usual.
 */
export function schemaTools(): SchemaTools {
  if (tools) return tools;
  require('ts-morph');
  const morphTsPath = join(dirname(require.resolve('@ts-morph/common')), 'typescript.js');
  // ts-morph re-exports it wrapped in a namespace object; the module itself is what `require` hands out
  const morphTs = require.cache[morphTsPath]?.exports as typeof TS | undefined;
  const shared = morphTs !== undefined && typeof morphTs.factory?.createTypeReferenceNode === 'function';
  const M = Module as unknown as ResolvingModule;
  const original = M._resolveFilename;
  if (shared && typeof original === 'function') {
    const marker = `${sep}openapi-typescript${sep}`;
    M._resolveFilename = function (this: unknown, request, parent, ...rest) {
      if (request === 'typescript' && parent?.filename?.includes(marker)) return morphTsPath;
      return original.call(this, request, parent, ...rest);
    };
    try {
      const loaded = requireTools();
      tools = { ...loaded, ts: moduleTs() === morphTs ? (morphTs as typeof TS) : (require('typescript') as typeof TS) };
    } finally {
      M._resolveFilename = original;
    }
    return tools;
  }
  tools = { ...requireTools(), ts: require('typescript') as typeof TS };
  return tools;
}

/** The compiler openapi-typescript's printer module actually holds (read back from its own require). */
function moduleTs(): unknown {
  const printer = require.cache[require.resolve('openapi-typescript/dist/lib/ts.cjs')];
  return printer?.require('typescript');
}
