import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';

import type { CliOutput } from '../../lib/cli/output';
import { runCli } from '../../lib/cli/program';
import { synthesizeWorkflows } from '../../lib/cli/run/synthesize-workflows';
import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { eventually } from '../local/services/eventually';

// `--env` of `sirocco run` and `sirocco start-execution`, on an app synthesized
// from one workflow that returns what env() reads.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const SOURCE = `version: '2.0'
name: env_echo
input: [month]
tasks:
  show:
    action: std.echo
    input:
      output: <% $.month %>
output:
  month: <% task(show).result %>
  region: <% env().region %>
`;

// A workflow whose own input is called env, which the control API reads as that input.
const ENV_INPUT_SOURCE = `version: '2.0'
name: env_named
input: [env]
tasks:
  show:
    action: std.echo
    input:
      output: <% $.env %>
`;

jest.setTimeout(60_000);

let workflowsDir: string;
let assemblyDir: string;
let runtime: LocalRuntime;
let sfn: SFNClient;

function temporaryDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-env-test-${prefix}-`));
}

async function sirocco(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const output: CliOutput = { color: false, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  const code = await runCli(['node', 'sirocco', ...args], output);
  return { code, out: out.join(''), err: err.join('') };
}

function localOptions(): string[] {
  return [
    '--assembly',
    assemblyDir,
    '--stepfunctions-endpoint',
    runtime.urls.stepFunctions,
    '--dynamodb-endpoint',
    runtime.urls.dynamodb,
    '--api-endpoint',
    runtime.urls.apiGateway,
  ];
}

beforeAll(async () => {
  workflowsDir = temporaryDir('workflows');
  fs.writeFileSync(path.join(workflowsDir, 'env_echo.yaml'), SOURCE);
  fs.writeFileSync(path.join(workflowsDir, 'env_named.yaml'), ENV_INPUT_SOURCE);
  assemblyDir = temporaryDir('assembly');
  await synthesizeWorkflows(PROJECT_DIR, workflowsDir, assemblyDir);

  runtime = await startRuntime({
    assemblyDir,
    dataDir: temporaryDir('data'),
    ports: 0,
    log: createMemoryLog(),
    ttlSweepMilliseconds: 0,
  });
  sfn = new SFNClient({
    endpoint: runtime.urls.stepFunctions,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 240_000);

afterAll(async () => {
  sfn?.destroy();
  await runtime?.stop();
  for (const folder of [workflowsDir, assemblyDir]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe('sirocco run --env', () => {
  const file = () => path.join(workflowsDir, 'env_echo.yaml');

  it('passes the environment to env()', async () => {
    const run = await sirocco('run', file(), '--input', '{"month": "2026-11"}', '--env', '{"region": "eu-west-1"}', '--assembly', assemblyDir);

    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('"region": "eu-west-1"');
    expect(run.out).toContain('"month": "2026-11"');
  });

  it('rejects an environment that is not an object', async () => {
    const run = await sirocco('run', file(), '--input', '{"month": "2026-11"}', '--env', '["eu"]', '--assembly', assemblyDir);

    expect(run.code).toBe(2);
    expect(run.err).toContain(`'["eu"]' is not a JSON object: pass the environment as '{"name": value}'.`);
  });

  it('rejects __env in the input', async () => {
    const run = await sirocco('run', file(), '--input', '{"month": "2026-11", "__env": {}}', '--assembly', assemblyDir);

    expect(run.code).toBe(2);
    expect(run.err).toContain('Input field "__env" is reserved for the environment that env() reads');
  });
});

describe('sirocco start-execution --env', () => {
  it('starts with the environment under __env', async () => {
    const run = await sirocco('start-execution', 'env_echo', '--input', '{"month": "2026-12"}', '--env', '{"region": "us-west-2"}', '--json', ...localOptions());

    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const { executionArn } = JSON.parse(run.out) as { executionArn: string };
    const execution = await eventually('the execution to end', async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.input ?? '{}')).toStrictEqual({ month: '2026-12', __env: { region: 'us-west-2' } });
    expect(JSON.parse(execution.output ?? '{}')).toStrictEqual({ month: '2026-12', region: 'us-west-2' });
  });

  it('rejects invalid JSON', async () => {
    const run = await sirocco('start-execution', 'env_echo', '--input', '{"month": "2026-12"}', '--env', '{region', ...localOptions());

    expect(run.code).toBe(2);
    expect(run.err).toContain("'{region' is not valid JSON");
  });

  it('rejects --env for a declared env input', async () => {
    const run = await sirocco('start-execution', 'env_named', '--input', '{"env": "prod"}', '--env', '{"region": "us-west-2"}', ...localOptions());

    expect(run.code).toBe(2);
    expect(run.err).toContain('Workflow "env_named" declares an input named "env", so the control API reads the "env" field as that input');
  });

  it('rejects __env in the input', async () => {
    const run = await sirocco('start-execution', 'env_echo', '--input', '{"month": "2026-12", "__env": {}}', ...localOptions());

    expect(run.code).toBe(2);
    expect(run.err).toContain('Input field "__env" is reserved for the environment that env() reads');
  });
});
