import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { synthesize } from '../../lib/local/synthesize';

// `sirocco start` as a developer runs it, on free loopback ports and a fresh data folder.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const BIN = path.join(PROJECT_DIR, 'bin', 'sirocco.js');
const READY_LINE = 'Press Ctrl+C to stop.';

let folders: string[] = [];

afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  folders = [];
});

function temporaryDir(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-start-${prefix}-`));
  folders.push(folder);
  return folder;
}

/** Runs `sirocco start` until it is ready, stops it with SIGINT, and returns what it printed. */
function startUntilReady(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', ...args], { cwd: PROJECT_DIR, env });
    let printed = '';
    const collect = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (printed.includes(READY_LINE)) child.kill('SIGINT');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', () => resolve(printed));
  });
}

describe('sirocco start', () => {
  test('prints no Node.js version warning', async () => {
    const assemblyDir = temporaryDir('assembly');
    await synthesize(PROJECT_DIR, assemblyDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const ports = ['stepfunctions', 'lambda', 'dynamodb', 'outbox', 'api', 'web'].flatMap((port) => [`--${port}-port`, '0']);

    const printed = await startUntilReady(
      ['--no-synth', '--assembly', assemblyDir, '--data', temporaryDir('data'), '--no-samples', ...ports],
      env,
    );

    expect(printed).toContain(READY_LINE);
    expect(printed).not.toContain('NodeVersionSupportWarning');
  }, 240_000);
});
