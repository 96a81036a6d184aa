import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files that the web server serves under `/assets/`, by name. */
export interface PageAssets {
  'app.js': string;
  'app.css': string;
  'mermaid.min.js': string;
}

/**
 * Bundles the page's Preact code with esbuild into `outDir` and returns the
 * path of each asset. Mermaid is served from `mermaid/dist/mermaid.min.js`,
 * the package's complete browser build, so esbuild does not bundle it again.
 */
export async function bundlePage(outDir: string): Promise<PageAssets> {
  fs.mkdirSync(outDir, { recursive: true });
  const appFile = path.join(outDir, 'app.js');

  await build({
    entryPoints: [path.join(__dirname, 'page', 'main.ts')],
    outfile: appFile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    sourcemap: 'inline',
    logLevel: 'silent',
  });

  return {
    'app.js': appFile,
    'app.css': path.join(__dirname, 'page', 'app.css'),
    'mermaid.min.js': require.resolve('mermaid/dist/mermaid.min.js'),
  };
}
