import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, type StatementStructures } from 'ts-morph';
import { printSourceFile, printSourceFileParsed } from '../../generator/emit/print';

describe('printSourceFile', () => {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, newLineKind: NewLineKind.LineFeed, useTrailingCommas: true },
  });
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/index.js', isTypeOnly: true, namedImports: ['ApiResponse'] },
    { kind: StructureKind.Interface, name: 'A', isExported: true, docs: ['An interface.'], properties: [{ name: "'a-b'", type: 'string', hasQuestionToken: true, isReadonly: true, docs: ['with a doc'] }], methods: [{ name: 'get', parameters: [{ name: 'args', type: 'A' }], returnType: 'Promise<ApiResponse<A>>' }] },
    { kind: StructureKind.TypeAlias, name: 'B', isExported: true, type: '{ readonly x: number } | null' },
    { kind: StructureKind.Function, name: 'f', isExported: true, parameters: [{ name: 'o', type: 'A' }], returnType: 'A', statements: ['return o;'], docs: ['Returns it.'] },
  ];

  it.each(['types.gen.d.ts', 'client.gen.ts'])('prints %s exactly as ts-morph\'s createSourceFile().getFullText() does', (name) => {
    const structure = { statements: name.endsWith('.d.ts') ? statements.filter((s) => s.kind !== StructureKind.Function) : statements };
    expect(printSourceFile(project, name, structure)).toBe(printSourceFileParsed(project, name, structure));
  });

  it('takes the direct printer (no source file is created)', () => {
    printSourceFile(project, 'direct.ts', { statements });
    expect(project.getSourceFile('direct.ts')).toBeUndefined();
  });
});
