import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Template } from 'aws-cdk-lib/assertions';

import { compileWorkflow } from '../../../lib/compiler';
import { listActions } from '../../../lib/cdk/action-naming';
import { readStack } from '../../../lib/local/assembly/read-stack';
import { LOCAL_LOCATION } from '../../../lib/local/aws-names';
import type { CfnTemplate } from '../../../lib/local/assembly/template-types';
import { PROJECT_ROOT, createApp, createStack } from '../../cdk/stack-fixture';

/** Synthesizes the Sirocco stack with test/fixtures/triggers/monthly-salary.yaml and reads it as the runtime does. */
function readSynthesizedStack() {
  const file = 'test/fixtures/triggers/monthly-salary.yaml';
  const result = compileWorkflow(readFileSync(join(PROJECT_ROOT, file), 'utf8'), { file, actions: listActions(join(PROJECT_ROOT, 'lambdas', 'actions')) });
  if (!result.asl || !result.metadata) throw new Error(`${file} did not compile: ${JSON.stringify(result.diagnostics)}`);

  const stack = createStack(createApp(), [{ file, asl: result.asl, metadata: result.metadata }]);
  const template = Template.fromStack(stack).toJSON() as CfnTemplate;
  return readStack({ template, stackName: 'Sirocco', templatePath: '', assemblyDir: PROJECT_ROOT, location: LOCAL_LOCATION });
}

describe('schedules of the synthesized stack', () => {
  it('resolve to the local state machine', () => {
    const stack = readSynthesizedStack();
    const byName = Object.fromEntries((stack.schedules ?? []).map((schedule) => [schedule.name, schedule]));

    expect(Object.keys(byName).sort()).toStrictEqual(['monthly-salary-monthly', 'monthly-salary-polling', 'monthly-salary-weekdays']);
    expect(byName['monthly-salary-polling']).toMatchObject({
      expression: 'rate(1 minute)',
      timezone: 'UTC',
      enabled: true,
      targetArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:monthly-salary',
      input: JSON.stringify({ employee_id: 'E-003' }),
    });
    expect(byName['monthly-salary-monthly'].timezone).toBe('Europe/Paris');
  });

  it('are not reported as unsupported', () => {
    const stack = readSynthesizedStack();

    expect(stack.unsupported.map((resource) => resource.type)).not.toContain('AWS::Scheduler::Schedule');
  });
});
