import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PROJECT_ROOT } from './stack-fixture';

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sirocco-cdk-wrapper-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** Returns the environment that bin/cdk.js gives to the CDK app, captured by an app that only writes it to a file. */
function appEnvironment(parentEnv: Record<string, string>): Record<string, string> {
  const output = join(workDir, `env-${Date.now()}.json`);
  const captureApp = `node -e "require('fs').writeFileSync('${output}', JSON.stringify(process.env))"`;

  spawnSync(process.execPath, ['bin/cdk.js', 'synth', '--quiet', '-o', join(workDir, 'cdk.out'), '-a', captureApp], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...parentEnv },
    timeout: 120_000,
  });
  return JSON.parse(readFileSync(output, 'utf8')) as Record<string, string>;
}

describe('bin/cdk.js', () => {
  test('app runs with offline environment', () => {
    const env = appEnvironment({
      AWS_PROFILE: 'production',
      AWS_SESSION_TOKEN: 'session',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:4599',
    });

    expect(env.AWS_ACCESS_KEY_ID).toBe('test');
    expect(env.AWS_SECRET_ACCESS_KEY).toBe('test');
    expect(env.AWS_REGION).toBe('us-east-1');
    expect(env.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    expect(env.AWS_ENDPOINT_URL_SFN).toBeUndefined();
    expect(env.CDK_DISABLE_VERSION_CHECK).toBe('true');
    expect(env.CDK_DISABLE_CLI_TELEMETRY).toBe('true');
  }, 120_000);
});
