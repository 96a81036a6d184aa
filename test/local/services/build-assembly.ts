import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const FIXTURES = path.join(__dirname, 'fixtures');
const HANDLERS = ['echo', 'slow', 'fail', 'api', 'store', 'notify'];

/**
 * Writes a cloud assembly like `cdk synth` does into a new temporary folder:
 * manifest, the fixture template and one esbuild bundle per test handler in
 * the `asset.<name>` folder that the template's metadata names.
 */
export function buildTestAssembly(): string {
  const assemblyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-assembly-'));
  fs.copyFileSync(path.join(FIXTURES, 'manifest.json'), path.join(assemblyDir, 'manifest.json'));
  fs.copyFileSync(path.join(FIXTURES, 'stack.template.json'), path.join(assemblyDir, 'SiroccoTest.template.json'));

  for (const handler of HANDLERS) {
    buildSync({
      entryPoints: [path.join(FIXTURES, 'handlers', `${handler}.ts`)],
      outfile: path.join(assemblyDir, `asset.${handler}`, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    });
  }
  return assemblyDir;
}

export function createTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-${prefix}-`));
}
