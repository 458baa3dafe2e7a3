/** esbuild helpers: the bench's own processes and the import/bundle-size measurements. */
import { build, type Plugin } from 'esbuild';
import { join, resolve } from 'node:path';

/**
 * Redirects imports of the committed `generated/` folder to a freshly generated client compiled
 * to JS file by file (`compiledDir/index.js`, required at run time, not bundled): the bench runs
 * the client made from the current generator and runtime, as a user's build would load it, and
 * a CPU profile names its files.
 */
function generatedAlias(repo: string, compiledDir: string): Plugin {
  const committed = resolve(repo, 'generated');
  return {
    name: 'generated-alias',
    setup(b) {
      b.onResolve({ filter: /generated$/ }, (args) =>
        resolve(args.resolveDir, args.path) === committed ? { path: join(compiledDir, 'index.js'), external: true } : undefined,
      );
    },
  };
}

/**
 * Bundles a bench entry (TypeScript) into one CommonJS file for Node 20; npm packages stay
 * external (run the result with NODE_PATH pointing at the repo's node_modules).
 */
export async function bundleScript(entry: string, outfile: string, repo: string, compiledGeneratedDir?: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: compiledGeneratedDir ? [generatedAlias(repo, compiledGeneratedDir)] : [],
  });
}
