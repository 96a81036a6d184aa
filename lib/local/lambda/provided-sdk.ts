import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Prepares a `node_modules` folder that contains only `@aws-sdk`, linked to
 * the runtime's own copy, and returns it for `NODE_PATH`. The Lambda Node.js
 * runtimes provide AWS SDK v3 this way, and CDK's NodejsFunction leaves
 * `@aws-sdk/*` out of the bundle because of it.
 * NOTE: NODE_PATH applies to `require` only, so an ESM bundle that imports an
 * unbundled `@aws-sdk/*` package still fails to load locally.
 */
export function prepareProvidedSdk(folder: string): string {
  const nodeModules = path.join(folder, 'node_modules');
  const link = path.join(nodeModules, '@aws-sdk');
  const target = path.resolve(path.dirname(require.resolve('@aws-sdk/client-sfn/package.json')), '..');

  fs.mkdirSync(nodeModules, { recursive: true });
  if (!fs.existsSync(link) || fs.realpathSync(link) !== fs.realpathSync(target)) {
    fs.rmSync(link, { force: true, recursive: true });
    fs.symlinkSync(target, link, 'dir');
  }
  return nodeModules;
}
