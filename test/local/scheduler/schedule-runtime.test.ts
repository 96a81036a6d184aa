import * as fs from 'node:fs';
import * as path from 'node:path';

import { FakeClock } from '../../../lib/local/engine/clock';
import { createMemoryLog } from '../../../lib/local/log';
import { LocalRuntime, startRuntime } from '../../../lib/local/runtime';
import { describeRuntime } from '../../../lib/local/serve';
import { createTempDir } from '../services/build-assembly';
import { eventually } from '../services/eventually';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:ticker';

/** Writes an assembly with the `ticker` state machine, an enabled rate(1 minute) schedule and a disabled one. */
function writeScheduleAssembly(): string {
  const assemblyDir = createTempDir('schedule-assembly');
  const definition = { QueryLanguage: 'JSONata', StartAt: 'Echo', States: { Echo: { Type: 'Pass', Output: '{% $states.input %}', End: true } } };
  const schedule = (name: string, state: string, input: unknown) => ({
    Type: 'AWS::Scheduler::Schedule',
    Properties: {
      Name: name,
      ScheduleExpression: 'rate(1 minute)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: state,
      Target: { Arn: { Ref: 'Ticker' }, RoleArn: 'arn:aws:iam::000000000000:role/ticker-schedules', Input: JSON.stringify(input) },
    },
  });
  const template = {
    Resources: {
      Ticker: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: { StateMachineName: 'ticker', DefinitionString: JSON.stringify(definition), RoleArn: 'arn:aws:iam::000000000000:role/ticker' },
      },
      EveryMinute: schedule('ticker-every-minute', 'ENABLED', { employee_id: 'E-003' }),
      Paused: schedule('ticker-paused', 'DISABLED', { employee_id: 'E-999' }),
    },
  };

  fs.copyFileSync(path.join(__dirname, '..', 'services', 'fixtures', 'manifest.json'), path.join(assemblyDir, 'manifest.json'));
  fs.writeFileSync(path.join(assemblyDir, 'SiroccoTest.template.json'), JSON.stringify(template));
  return assemblyDir;
}

describe('local scheduler on a runtime', () => {
  const clock = new FakeClock(Date.parse('2026-12-04T17:00:00.000Z'));
  const dataDir = createTempDir('schedule-runtime');
  let runtime: LocalRuntime;

  const listInputs = async (): Promise<unknown[]> => {
    const { executions } = (await runtime.engine.call('ListExecutions', { stateMachineArn: STATE_MACHINE_ARN })) as { executions: { executionArn: string }[] };
    const described = await Promise.all(executions.map(({ executionArn }) => runtime.engine.call('DescribeExecution', { executionArn })));
    return described.map((execution) => JSON.parse(String(execution.input)));
  };

  beforeAll(async () => {
    runtime = await startRuntime({ assemblyDir: writeScheduleAssembly(), dataDir, ports: 0, log: createMemoryLog(), schedulerClock: clock });
  });

  afterAll(async () => {
    await runtime.stop();
  });

  it('waits one period before the first start', async () => {
    expect(clock.pendingDelays()).toStrictEqual([60_000]);
    expect(await listInputs()).toStrictEqual([]);
  });

  it('starts an execution each minute with the input', async () => {
    clock.advance(60_000);
    const first = await eventually('the first scheduled execution', async () => {
      const inputs = await listInputs();
      return inputs.length === 1 ? inputs : undefined;
    });

    expect(first).toStrictEqual([{ employee_id: 'E-003' }]);

    await eventually('the next sleep of the schedule', async () => (clock.pendingDelays().length === 1 ? true : undefined));
    clock.advance(60_000);
    const both = await eventually('the second scheduled execution', async () => {
      const inputs = await listInputs();
      return inputs.length === 2 ? inputs : undefined;
    });

    expect(both).toStrictEqual([{ employee_id: 'E-003' }, { employee_id: 'E-003' }]);
  });

  it('lists only enabled schedules in the banner', () => {
    const banner = describeRuntime(runtime, dataDir);

    expect(banner).toContain('  Schedules       ticker-every-minute  rate(1 minute) UTC');
    expect(banner).not.toContain('ticker-paused');
  });
});
