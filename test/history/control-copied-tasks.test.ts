import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';

import { eventually } from '../local/services/eventually';
import { startControlApp, type ControlApp } from '../support/control-app';

// Both branches reach `merge` without a join, so the compiler copies it as `merge.2`.
const SOURCE = `version: '2.0'
name: copied_echo
tasks:
  split:
    action: std.echo
    input:
      output: split
    on-success: [left, right]
  left:
    action: std.echo
    input:
      output: left
    on-success: merge
  right:
    action: std.echo
    input:
      output: right
    on-success: merge
  merge:
    action: std.echo
    input:
      output: merged
`;

let app: ControlApp;

beforeAll(async () => {
  app = await startControlApp('copied_echo', SOURCE);
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

describe('GET /executions/{id} with copied tasks', () => {
  it('lists each copy that ran under its state name', async () => {
    const started = await app.start({});
    const executionArn = started.body.executionArn as string;
    await eventually('the execution to end', async () => {
      const described = await app.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    });

    const response = await fetch(`${app.apiUrl}/executions/${encodeURIComponent(executionArn)}`);
    const body = (await response.json()) as { status: string; tasks: Record<string, { name: string; task?: string }[]> };

    expect(response.status).toBe(200);
    expect(body.status).toBe('SUCCEEDED');
    expect(body.tasks.done.map((task) => task.name).sort()).toStrictEqual(['left', 'merge', 'merge.2', 'right', 'split']);
    expect(body.tasks.done.find((task) => task.name === 'merge.2')?.task).toBe('merge');
    expect(body.tasks.done.find((task) => task.name === 'merge')?.task).toBeUndefined();
    expect(body.tasks.notReached).toStrictEqual([]);
  });
});
