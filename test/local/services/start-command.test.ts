import { ChildProcess, spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';

import { listenOnLoopback } from '../../../lib/local/http/loopback-server';
import { buildTestAssembly, createTempDir } from './build-assembly';

const SIROCCO = path.join(__dirname, '..', '..', '..', 'bin', 'sirocco.js');
const EPHEMERAL_PORTS = ['--no-samples', '--stepfunctions-port', '0', '--lambda-port', '0', '--dynamodb-port', '0', '--outbox-port', '0', '--api-port', '0'];
const EPHEMERAL_RUNTIME_PORTS = EPHEMERAL_PORTS.filter((argument) => argument !== '--no-samples');

const children: ChildProcess[] = [];

// A test that fails while its runtime still runs would leave the process, and jest, waiting.
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

function runStart(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [SIROCCO, 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
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

  it.each([
    ['--accounting-port', ['--accounting-port', '0'], '--accounting-port has no effect with --no-samples'],
    ['--bonus-port', ['--bonus-port', '0'], '--bonus-port has no effect with --no-samples'],
    ['both sample ports', ['--accounting-port', '0', '--bonus-port', '0'], '--accounting-port and --bonus-port have no effect with --no-samples'],
  ])('rejects %s with --no-samples', async (_case, samplePorts, message) => {
    const run = runStart(['--no-synth', '--assembly', buildTestAssembly(), '--data', createTempDir('start-no-samples'), ...EPHEMERAL_PORTS, ...samplePorts]);

    expect(await run.exit).toBe(2);
    expect(run.output()).toContain(`error: ${message}, which leaves out the sample systems.`);
    expect(run.output()).not.toContain('Sirocco local runtime is running');
  }, 60_000);

  it.each([
    ['--accounting-port', '--bonus-port'],
    ['--api-port', '--accounting-port'],
  ])('rejects one port for %s and %s', async (first, second) => {
    const blocker = await listenOnLoopback(http.createServer(), 0);
    const ports = [...EPHEMERAL_RUNTIME_PORTS, '--accounting-port', '0', '--bonus-port', '0', first, String(blocker.port), second, String(blocker.port)];
    const run = runStart(['--no-synth', '--assembly', buildTestAssembly(), '--data', createTempDir('start-same-port'), ...ports]);

    const code = await run.exit;
    await blocker.close();

    expect(code).toBe(2);
    expect(run.output()).toContain(
      `error: ${first} and ${second} both use port ${blocker.port}: give each option its own port, or 0 to pick a free one.`,
    );
    expect(run.output()).not.toContain('EADDRINUSE');
  }, 60_000);

  it('names a sample port already in use', async () => {
    const blocker = await listenOnLoopback(http.createServer(), 0);
    const ports = [...EPHEMERAL_RUNTIME_PORTS, '--accounting-port', '0', '--bonus-port', String(blocker.port)];
    const run = runStart(['--no-synth', '--assembly', buildTestAssembly(), '--data', createTempDir('start-busy-sample'), ...ports]);

    const code = await run.exit;
    await blocker.close();

    expect(code).toBe(1);
    expect(run.output()).toContain(
      `error: Port ${blocker.port} on 127.0.0.1 (--bonus-port) is already in use, so the sample bonus system cannot start. ` +
        'Stop the process that uses it, choose another port with --bonus-port (0 picks a free port), ' +
        'or pass --no-samples to call the system URLs of cdk.json.',
    );
    expect(run.output()).not.toContain('EADDRINUSE');
  }, 60_000);

  it('stops the samples when the runtime cannot start', async () => {
    const blocker = await listenOnLoopback(http.createServer(), 0);
    const ports = [...EPHEMERAL_RUNTIME_PORTS.slice(0, -1), String(blocker.port), '--accounting-port', '0', '--bonus-port', '0'];
    const run = runStart(['--no-synth', '--assembly', buildTestAssembly(), '--data', createTempDir('start-busy-samples-on'), ...ports]);

    const code = await run.exit;
    await blocker.close();

    expect(code).toBe(1);
    expect(run.output()).toContain('Sample systems: accounting');
    expect(run.output()).toContain(`Port ${blocker.port} on 127.0.0.1 is already in use.`);
  }, 60_000);

  it('rejects an invalid port', async () => {
    const run = runStart(['--no-synth', '--api-port', 'eighty']);

    expect(await run.exit).toBe(2);
    expect(run.output()).toContain("'eighty' is not a valid port. Use an integer from 0 to 65535.");
  }, 60_000);
});
