import type { SFNClient } from '@aws-sdk/client-sfn';

import { readExecutionStatuses } from '../../lib/cli/graph/execution-statuses';
import { compileWorkflow } from '../../lib/compiler';
import { createMachine, finished, start, startTestEngine, type TestEngine } from '../local/engine/helpers';

// Both branches reach `merge`, so `right`'s branch runs the copy `merge.2`. `right` fails on its
// expression while `left` waits, so `left` is stopped and neither `merge` nor `merge.2` runs.
const SOURCE = `version: '2.0'
name: copies
tasks:
  split:
    action: std.echo
    input:
      output: split
    on-success: [left, right]
  left:
    action: std.sleep
    input:
      seconds: 60
    on-success: merge
  right:
    action: std.echo
    input:
      output: <% $number('not a number') %>
    on-success: merge
  merge:
    action: std.echo
    input:
      output: merged
`;

/** Sends each SDK command to the engine's Step Functions API under the command's action name. */
function engineClient(test: TestEngine): SFNClient {
  const send = (command: { constructor: { name: string }; input: Record<string, unknown> }) =>
    test.engine.call(command.constructor.name.replace(/Command$/, ''), command.input);
  return { send } as unknown as SFNClient;
}

describe('readExecutionStatuses', () => {
  let test: TestEngine;

  beforeAll(async () => {
    test = await startTestEngine();
  });

  afterAll(() => test.cleanup());

  it('marks stopped tasks aborted and unrun copies not reached', async () => {
    const compiled = compileWorkflow(SOURCE, { file: 'copies.yaml' });
    const machineArn = await createMachine(test.engine, 'copies', JSON.stringify(compiled.asl));
    const executionArn = await start(test.engine, machineArn, {});
    const done = await finished(test.engine, executionArn);

    const statuses = await readExecutionStatuses(
      engineClient(test),
      executionArn,
      'copies',
      compiled.metadata!.tasks.map((task) => task.name),
      compiled.metadata!.stateTasks,
    );

    expect(done.status).toBe('FAILED');
    expect(statuses.split).toBe('done');
    expect(statuses.right).toBe('failed');
    expect(statuses.left).toBe('aborted');
    expect(statuses.merge).toBe('notReached');
    expect(statuses['merge.2']).toBe('notReached');
  });
});
