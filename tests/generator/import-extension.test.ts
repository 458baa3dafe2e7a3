/** The `.ts` import extension: which specifiers are rewritten, and which are left as they are. */
import { withImportExtension } from '../../generator/emit/import-extension';

const files = new Map([
  ['index.ts', "export * from './client.gen.js';\nexport type { paths } from './schema.gen.js';\nexport * from './runtime/index.js';\n"],
  ['client.gen.ts', "import {\n  buildClient,\n} from './runtime/index.js';\nimport type { X } from './types.gen.js';\nconst lazy = () => import('./runtime/wire.js');\nimport 'node:crypto';\nimport { y } from './missing.js';\n"],
  ['runtime/index.ts', "export { a } from \"./wire.js\";\nexport { b } from '../client.gen.js';\n"],
  ['runtime/wire.ts', 'export const a = 1;\n'],
  ['types.gen.d.ts', "import type { Z } from './runtime/index.js';\n"],
  ['schema.gen.d.ts', 'export interface paths {}\n'],
]);

test('.ts: specifiers of .ts files become .ts; of .d.ts files, of missing files, of packages stay; .d.ts files are kept', () => {
  const out = withImportExtension(files, '.ts');
  expect(out.get('index.ts')).toBe("export * from './client.gen.ts';\nexport type { paths } from './schema.gen.js';\nexport * from './runtime/index.ts';\n");
  expect(out.get('client.gen.ts')).toBe("import {\n  buildClient,\n} from './runtime/index.ts';\nimport type { X } from './types.gen.js';\nconst lazy = () => import('./runtime/wire.ts');\nimport 'node:crypto';\nimport { y } from './missing.js';\n");
  expect(out.get('runtime/index.ts')).toBe("export { a } from \"./wire.ts\";\nexport { b } from '../client.gen.ts';\n");
  expect(out.get('types.gen.d.ts')).toBe(files.get('types.gen.d.ts'));
});

test('.js: the files as they are', () => {
  expect(withImportExtension(files, '.js')).toEqual(files);
});
