import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ExecutionRecord } from '../../../lib/local/engine/execution/records';
import { FakeClock } from '../../../lib/local/engine/clock';
import { Engine } from '../../../lib/local/engine/engine';
import { FakeServices, eventTypes, finished, ok, waitFor } from './helpers';

const projectRoot = path.join(__dirname, '../../..');

const executionArn = (machine: string, name: string) => `arn:aws:states:us-east-1:000000000000:execution:${machine}:${name}`;

function readCheckpoints(dataDir: string): ExecutionRecord[] {
  const dir = path.join(dataDir, 'executions');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as ExecutionRecord);
}

/** True once the checkpoints show the Wait sleeping, the token submitted and the hanging call in flight. */
function everythingInFlight(dataDir: string): boolean {
  const phases = new Map(readCheckpoints(dataDir).map((record) => [record.name, record.frames.root?.phase]));
  const wait = phases.get('w1');
  const token = phases.get('t1');
  const call = phases.get('h1');
  return wait?.kind === 'wait' && token?.kind === 'task' && token.submitted === true && call?.kind === 'task' && call.scheduled;
}

describe('engine durability', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  let engine: Engine | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sirocco-durable-'));
  });

  afterEach(async () => {
    child?.kill('SIGKILL');
    await engine?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('continues waits, task tokens and in-flight calls after SIGKILL', async () => {
    const output: string[] = [];
    // Node itself runs the script with tsx's loader, so that SIGKILL reaches the engine's own process.
    child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/durability-child.ts'), dataDir], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      output.push(...lines);
    });
    const exited = new Promise((resolve) => child!.once('exit', resolve));

    const printed = (text: string) => output.some((line) => line.includes(text));
    // The child compiles TypeScript on start, which takes several seconds on a busy machine.
    await waitFor(() => printed('"started"') && printed('"approval"') && everythingInFlight(dataDir), 'the child engine to reach its waits', 20000);
    const token = (JSON.parse(output.find((line) => line.includes('"approval"'))!) as { payload: { token: string } }).payload.token;
    child.kill('SIGKILL');
    await exited;
    child = undefined;

    const services = new FakeServices();
    services.functions.set('hang', (payload) => ok({ rerun: payload }));
    const clock = new FakeClock(Date.now());
    engine = new Engine({ dataDir, services, clock });
    await engine.start();

    await engine.call('SendTaskSuccess', { taskToken: token, output: '{"approved":true}' });
    const approved = await finished(engine, executionArn('durable-token', 't1'));
    const rerun = await finished(engine, executionArn('durable-inflight', 'h1'));
    await waitFor(() => clock.pendingDelays().length === 1, 'the resumed Wait');
    const remaining = clock.pendingDelays()[0];
    clock.advance(remaining);
    const waited = await finished(engine, executionArn('durable-wait', 'w1'));

    expect(JSON.parse(approved.output as string)).toEqual({ decision: true });
    expect(JSON.parse(rerun.output as string).Payload).toEqual({ rerun: { n: 1 } });
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(60000);
    expect(JSON.parse(waited.output as string)).toEqual({ order: 'o-1' });
    const waitTypes = await eventTypes(engine, executionArn('durable-wait', 'w1'));
    expect(waitTypes.filter((type) => type === 'ExecutionStarted')).toHaveLength(1);
    expect(waitTypes.filter((type) => type === 'WaitStateEntered')).toHaveLength(1);
    expect(services.calls.filter((call) => call.target === 'approval')).toHaveLength(0);
  }, 120000);

  it('keeps closed executions and their history across restarts', async () => {
    const services = new FakeServices();
    const first = new Engine({ dataDir, services, clock: new FakeClock() });
    await first.start();
    const machine = await first.call('CreateStateMachine', {
      name: 'kept',
      roleArn: 'arn:aws:iam::000000000000:role/r',
      definition: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: 'done', End: true } } }),
    });
    const started = await first.call('StartExecution', { stateMachineArn: machine.stateMachineArn, name: 'k1' });
    await finished(first, started.executionArn as string);
    const before = await eventTypes(first, started.executionArn as string);
    await first.close();

    engine = new Engine({ dataDir, services, clock: new FakeClock() });
    await engine.start();
    const description = await engine.call('DescribeExecution', { executionArn: started.executionArn });

    expect(description.status).toBe('SUCCEEDED');
    expect(description.output).toBe('"done"');
    expect(await eventTypes(engine, started.executionArn as string)).toEqual(before);
  });
});
