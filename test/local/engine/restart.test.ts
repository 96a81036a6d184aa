import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FakeClock } from '../../../lib/local/engine/clock';
import { Engine } from '../../../lib/local/engine/engine';
import { FakeServices, definition, eventTypes, finished, ok, roleArn, tokenSentTo, waitFor } from './helpers';

describe('engine restart', () => {
  let dataDir: string;
  let engines: Engine[];
  const services = new FakeServices();
  services.functions.set('approval', () => ok(null));

  async function startEngine(clock: FakeClock): Promise<Engine> {
    const engine = new Engine({ dataDir, services, clock });
    await engine.start();
    engines.push(engine);
    return engine;
  }

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sirocco-restart-'));
    engines = [];
  });

  afterEach(async () => {
    for (const engine of engines) {
      await engine.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes waiting Parallel branches', async () => {
    const clock = new FakeClock();
    const first = await startEngine(clock);
    const text = definition('Fork', {
      Fork: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Short', States: { Short: { Type: 'Pass', Output: 'short', End: true } } },
          { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: 100, Next: 'After' }, After: { Type: 'Pass', Output: 'long', End: true } } },
        ],
        End: true,
      },
    });
    const machine = await first.call('CreateStateMachine', { name: 'branches', definition: text, roleArn });
    const started = await first.call('StartExecution', { stateMachineArn: machine.stateMachineArn, name: 'b1' });
    await waitFor(() => clock.pendingDelays().length === 1, 'the branch Wait');
    clock.advance(40000);
    await first.close();

    const second = await startEngine(clock);
    await waitFor(() => clock.pendingDelays().length === 1, 'the resumed branch Wait');
    const remaining = clock.pendingDelays()[0];
    clock.advance(remaining);
    const description = await finished(second, started.executionArn as string);
    const types = await eventTypes(second, started.executionArn as string);

    expect(remaining).toBe(60000);
    expect(JSON.parse(description.output as string)).toEqual(['short', 'long']);
    expect(types.filter((type) => type === 'ParallelStateStarted')).toHaveLength(1);
    expect(types.filter((type) => type === 'PassStateEntered')).toHaveLength(2);
  });

  it('keeps the heartbeat deadline across a restart', async () => {
    const clock = new FakeClock();
    const first = await startEngine(clock);
    const text = definition('Approve', {
      Approve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'approval', Payload: { token: '{% $states.context.Task.Token %}' } },
        HeartbeatSeconds: 100,
        End: true,
      },
    });
    const machine = await first.call('CreateStateMachine', { name: 'beating', definition: text, roleArn });
    const started = await first.call('StartExecution', { stateMachineArn: machine.stateMachineArn, name: 'h1' });
    const token = await tokenSentTo(services, 'approval');
    await waitFor(() => clock.pendingDelays().includes(100000), 'the heartbeat deadline');
    clock.advance(30000);
    await first.call('SendTaskHeartbeat', { taskToken: token });
    clock.advance(30000);
    await first.close();

    const second = await startEngine(clock);
    await waitFor(() => clock.pendingDelays().includes(70000), 'the resumed heartbeat deadline');
    clock.advance(70000);
    const description = await finished(second, started.executionArn as string);

    expect(description.error).toBe('States.HeartbeatTimeout');
    expect(services.calls.filter((call) => call.target === 'approval')).toHaveLength(1);
  });

  it('rejects calls before start and after close', async () => {
    const engine = new Engine({ dataDir, services });

    await expect(engine.call('ListStateMachines', {})).rejects.toMatchObject({ errorName: 'ServiceUnavailable' });
    await engine.start();
    await engine.close();
    await expect(engine.call('ListStateMachines', {})).rejects.toMatchObject({ errorName: 'ServiceUnavailable' });
  });
});
