import { Template } from 'aws-cdk-lib/assertions';

import { compileWorkflow } from '../../lib/compiler';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { compileSalary, createApp, createStack } from './stack-fixture';

/** The pause function that `pause-before` calls, in the synthesized stack. */

const source = `version: '2.0'
name: pause_before
tasks:
  salary_base:
    action: accounting.salary_base
    on-success: record_payroll
  record_payroll:
    action: accounting.record_payroll
    pause-before: true
`;

function compilePauseBefore(): CompiledWorkflow {
  const file = 'workflows/pause_before.yaml';
  const result = compileWorkflow(source, { file });
  if (!result.asl || !result.metadata) throw new Error(JSON.stringify(result.diagnostics));
  return { file, asl: result.asl, metadata: result.metadata };
}

describe('pause function in the stack', () => {
  const template = Template.fromStack(createStack(createApp(), [compileSalary(), compilePauseBefore()]));
  const functions = Object.entries(template.findResources('AWS::Lambda::Function', { Properties: { Description: 'Sirocco standard action std.pause' } }));

  test('one pause function', () => {
    expect(functions).toHaveLength(1);
  });

  test('substitution names the pause function', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'pause_before',
      DefinitionSubstitutions: { PauseFunction: { 'Fn::GetAtt': [functions[0][0], 'Arn'] } },
    });
  });

  test('pause function gets the history table', () => {
    const environment = functions[0][1].Properties.Environment.Variables as Record<string, unknown>;

    expect(environment.HISTORY_TABLE).toBeDefined();
  });
});
