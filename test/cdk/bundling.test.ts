import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { App } from 'aws-cdk-lib';

import { SampleSystems, startSampleSystems } from '../../lib/samples/sample-systems';
import { TEST_CONTEXT, createStack } from './stack-fixture';

interface AssetManifest {
  files: Record<string, { source: { path: string; packaging?: string } }>;
}

let outdir: string;
let assetDirs: string[];

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'sirocco-bundling-'));
  const app = new App({ outdir, context: TEST_CONTEXT });
  createStack(app);
  app.synth();

  const manifest = JSON.parse(readFileSync(join(outdir, 'Sirocco.assets.json'), 'utf8')) as AssetManifest;
  assetDirs = Object.values(manifest.files)
    .filter((file) => file.source.packaging === 'zip')
    .map((file) => join(outdir, file.source.path));
}, 120_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('action bundles', () => {
  test('one bundle per action function', () => {
    expect(assetDirs).toHaveLength(3);
    for (const dir of assetDirs) {
      expect(existsSync(join(dir, 'index.js'))).toBe(true);
      expect(existsSync(join(dir, 'index.js.map'))).toBe(true);
    }
  });

  test('bundles are minified', () => {
    for (const dir of assetDirs) {
      const code = readFileSync(join(dir, 'index.js'), 'utf8');
      const lines = code.split('\n');

      expect(lines.length).toBeLessThan(20);
      expect(code.length / lines.length).toBeGreaterThan(1000);
    }
  });

  test('AWS SDK is left to the runtime', () => {
    for (const dir of assetDirs) {
      const map = JSON.parse(readFileSync(join(dir, 'index.js.map'), 'utf8')) as { sources: string[] };

      expect(map.sources.some((source) => source.includes('lambdas/actions/'))).toBe(true);
      expect(map.sources.filter((source) => source.includes('@aws-sdk/'))).toEqual([]);
    }
  });
});

describe('bundled handler', () => {
  let systems: SampleSystems;

  beforeAll(async () => {
    systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
  });

  afterAll(async () => {
    await systems.stop();
  });

  test('bonus bundle runs against the sample system', async () => {
    const dir = assetDirs.find((candidate) =>
      readFileSync(join(candidate, 'index.js.map'), 'utf8').includes('lambdas/actions/bonus/calculate.ts'),
    );
    process.env.SYSTEM_URL = systems.bonusUrl;
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require(join(dir!, 'index.js')) as { handler: (event: unknown) => Promise<unknown> };
    const result = await bundle.handler({
      input: { employee_id: 'E1002', month: '2026-11' },
      execution: 'arn:aws:states:us-east-1:000000000000:execution:salary:bundle',
      workflow: 'salary',
      task: 'bonus',
    });

    expect(result).toEqual({ amount: 193, currency: 'EUR' });
    delete process.env.SYSTEM_URL;
  });
});
