/**
 * Bundle size of every Lambda handler under lambdas/, built with esbuild the
 * way the CDK stack builds it (bundled, CommonJS, `@aws-sdk/*` external).
 * Each minified size is reported as a ratio to two baselines built in the
 * same run: the same handler unminified, and the largest minified handler.
 *
 * Run: npx tsx bench/bundle-size.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

import { buildSync } from 'esbuild';

import { FUNCTION_RUNTIME } from '../lib/cdk/bundled-function';

const projectRoot = resolve(__dirname, '..');
const lambdasDir = join(projectRoot, 'lambdas');
const HANDLER_EXPORT = /export (async function|const) handler\b/;
// esbuild target of the action functions' runtime, such as `node26` for nodejs26.x, as NodejsFunction derives it.
const TARGET = FUNCTION_RUNTIME.name.replace(/^nodejs(\d+).*$/, 'node$1');

interface BundleSize {
  entry: string;
  minified: number;
  unminified: number;
  gzipped: number;
}

function listHandlerEntries(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        return listHandlerEntries(path);
      }
      return name.endsWith('.ts') && HANDLER_EXPORT.test(readFileSync(path, 'utf8')) ? [path] : [];
    })
    .sort();
}

function bundle(entry: string, minify: boolean): Uint8Array {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: TARGET,
    minify,
    external: ['@aws-sdk/*'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

function measure(entry: string): BundleSize {
  const minified = bundle(entry, true);
  return {
    entry: relative(projectRoot, entry),
    minified: minified.byteLength,
    unminified: bundle(entry, false).byteLength,
    gzipped: gzipSync(minified).byteLength,
  };
}

function main(): void {
  const sizes = listHandlerEntries(lambdasDir).map(measure);
  const largest = Math.max(...sizes.map((size) => size.minified));

  console.log('Lambda bundle sizes (esbuild, @aws-sdk/* external); ratios are to baselines built in this run.');
  console.log('minified/unminified: 1.00 means minification saved nothing. minified/largest: 1.00 is the largest bundle.\n');
  const rows = sizes.map((size) => ({
    entry: size.entry,
    'minified bytes': size.minified,
    'minified/unminified': (size.minified / size.unminified).toFixed(2),
    'minified/largest': (size.minified / largest).toFixed(2),
    'gzip/minified': (size.gzipped / size.minified).toFixed(2),
  }));
  console.table(rows);
}

main();
