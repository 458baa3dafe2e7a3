import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind } from 'ts-morph';
import type { Model } from '../model';
import { printSourceFile } from './print';

/**
 * `client.gen.ts`: `createClient`, and the types of types.gen.d.ts re-exported. Printed from ts-morph
 * structures (the types themselves are printed as text by types.ts).
 */
export function emitClientModule(model: Model): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, newLineKind: NewLineKind.LineFeed, useTrailingCommas: true },
  });
  return printSourceFile(project, 'client.gen.ts', {
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/index.js', namedImports: ['buildClient', 'type ClientOptions'] },
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './operations.gen.js', namedImports: ['operations'] },
      ...(model.webhooks.length > 0 ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './webhooks.gen.js', namedImports: ['webhooks'] }] : []),
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: './types.gen.js', isTypeOnly: true, namedImports: ['WxPayClient'] },
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './types.gen.js', isTypeOnly: true },
      {
        kind: StructureKind.Function, name: 'createClient', isExported: true,
        parameters: [{ name: 'options', type: 'ClientOptions' }], returnType: 'WxPayClient',
        statements: [model.webhooks.length > 0 ? 'return buildClient<WxPayClient>(operations, options, webhooks);' : 'return buildClient<WxPayClient>(operations, options);'],
        docs: ['Creates a client. Keys are parsed once, here; a malformed key throws at once.'],
      },
    ],
  });
}
