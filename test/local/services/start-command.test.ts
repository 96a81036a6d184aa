import { ChildProcess, spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';

import { listenOnLoopback } from '../../../lib/local/http/loopback-server';
import { buildTestAssembly, createTempDir } from './build-assembly';

const SIROCCO = path.join(__dirname, '..', '..', '..', 'bin', 'sirocco.js');
const EPHEMERAL_PORTS = ['--no-samples', '--stepfunctions-port', '0', '--lambda-port', '0', '--dynamodb-port', '0', '--outbox-port', '0', '--api-port', '0'];

function runStart(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [SIROCCO, 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitForOutput(output: () => string, text: string, exit: Promise<number | null>): Promise<void> {
  let exited = false;
  void exit.then(() => (exited = true));
  while (!output().includes(text)) {
    if (exited) {
      throw new Error(`sirocco start exited before printing '${text}':\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sirocco start', () => {
  it('serves until SIGINT, then stops', async () => {
    const assemblyDir = buildTestAssembly();
    const dataDir = createTempDir('start');
    const run = runStart(['--no-synth', '--assembly', assemblyDir, '--data', dataDir, ...EPHEMERAL_PORTS]);

    await waitForOutput(run.output, 'Press Ctrl+C to stop.', run.exit);
    const stepFunctionsUrl = /Step Functions {2}(\S+)/.exec(run.output())![1];
    const response = await fetch(stepFunctionsUrl, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    const body = (await response.json()) as { stateMachines: { name: string }[] };
    run.child.kill('SIGINT');
    const code = await run.exit;

    expect(body.stateMachines.map((machine: { name: string }) => machine.name)).toEqual(['salary']);
    expect(run.output()).toContain('State machines  salary');
    expect(run.output()).toContain(`export AWS_ENDPOINT_URL_SFN=${stepFunctionsUrl}`);
    expect(run.output()).toContain('Received SIGINT; stopping the local runtime.');
    expect(code).toBe(0);
  }, 60_000);

  it('starts the sample systems on the given ports', async () => {
    const ports = [...EPHEMERAL_PORTS.filter((argument) => argument !== '--no-samples'), '--accounting-port', '0', '--bonus-port', '0'];
    const run = runStart(['--no-synth', '--assembly', buildTestAssembly(), '--data', createTempDir('samples'), ...ports]);

    await waitForOutput(run.output, 'Press Ctrl+C to stop.', run.exit);
    const [, accountingUrl, bonusUrl] = /Sample systems: accounting (\S+), bonus (\S+)/.exec(run.output())!;
    const lambdaUrl = /Lambda {2,}(\S+)/.exec(run.output())![1];
    const salary = await fetch(`${accountingUrl}/employees/E1001/salary?month=2026-11`);
    const invoke = await fetch(`${lambdaUrl}/2015-03-31/functions/echo/invocations`, { method: 'POST', body: '{}' });
    const echoed = (await invoke.json()) as { environment: Record<string, string> };
    run.child.kill('SIGINT');
    const code = await run.exit;

    expect(accountingUrl).not.toBe('http://127.0.0.1:4701');
    expect(bonusUrl).not.toBe('http://127.0.0.1:4702');
    expect(salary.status).toBe(200);
    expect(echoed.environment.SYSTEM_URL).toBe(accountingUrl);
    expect(code).toBe(0);
  }, 60_000);

  it('names a port already in use', async () => {
    const blocker = await listenOnLoopback(http.createServer(), 0);
    const run = runStart([
      '--no-synth',
      '--assembly',
      buildTestAssembly(),
      '--data',
      createTempDir('start-busy'),
      ...EPHEMERAL_PORTS.slice(0, -1),
      String(blocker.port),
    ]);

    const code = await run.exit;
    await blocker.close();

    expect(code).toBe(1);
    expect(run.output()).toContain(`Port ${blocker.port} on 127.0.0.1 is already in use.`);
  }, 60_000);

  it('rejects an invalid port', async () => {
    const run = runStart(['--no-synth', '--api-port', 'eighty']);

    expect(await run.exit).toBe(2);
    expect(run.output()).toContain("'eighty' is not a valid port. Use an integer from 0 to 65535.");
  }, 60_000);
});
