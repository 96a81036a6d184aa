/**
 * Runs every benchmark in sequence, each in its own process so that one
 * benchmark's memory and JIT state do not skew the next. Run with
 * `npm run bench`. Each benchmark prints its ratios measured in one run.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const benchmarks = ['compile.ts', 'engine.ts', 'bundle-size.ts', 'salary-load.ts'];

let failed = 0;
for (const file of benchmarks) {
  console.log(`\n== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], {
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) {
    console.error(`${file} failed with exit code ${result.status}.`);
    failed++;
  }
}

process.exitCode = failed === 0 ? 0 : 1;
