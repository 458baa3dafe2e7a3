import type { Project, SourceFileStructure } from 'ts-morph';

interface StructurePrinting {
  createWriter(): { toString(): string };
  structurePrinterFactory: { forSourceFile(options: { isAmbient: boolean }): { printText(writer: unknown, structure: SourceFileStructure | Omit<SourceFileStructure, 'kind'>): void } };
}

/**
 * The text of a source file made from ts-morph structures, printed by ts-morph's own structure printer.
 * `project.createSourceFile(name, structure).getFullText()` prints the same text and then parses it into a
 * syntax tree that nothing here reads (a third of the client emitter's time and most of its memory on a
 * 1,000-operation spec), so the printer is called directly; if a ts-morph version ever lacks it, the public
 * path is taken. tests/generator/print.test.ts holds the two to the same text.
 */
export function printSourceFile(project: Project, fileName: string, structure: Omit<SourceFileStructure, 'kind'>): string {
  const context = (project as unknown as { _context?: Partial<StructurePrinting> })._context;
  const factory = context?.structurePrinterFactory;
  if (context?.createWriter && factory?.forSourceFile) {
    const writer = context.createWriter();
    factory.forSourceFile({ isAmbient: fileName.endsWith('.d.ts') }).printText(writer, structure);
    return writer.toString();
  }
  return printSourceFileParsed(project, fileName, structure);
}

/** The public way: create the file (printed, then parsed) and take its text. */
export function printSourceFileParsed(project: Project, fileName: string, structure: Omit<SourceFileStructure, 'kind'>): string {
  return project.createSourceFile(fileName, structure, { overwrite: true }).getFullText();
}
