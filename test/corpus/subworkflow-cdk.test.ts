import { Template } from 'aws-cdk-lib/assertions';
import { compileFile } from '../../lib/compiler';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { createApp, createStack } from '../cdk/stack-fixture';
import { readText } from '../compiler/helpers';

const file = 'test/corpus/subworkflow/payroll.yaml';

function compiledWorkbook(): CompiledWorkflow[] {
  const result = compileFile(readText(file), { file, actions: ['accounting.salary_base'] });
  return result.workflows.map((workflow) => ({ file, asl: workflow.asl!, metadata: workflow.metadata! }));
}

describe('sub-workflows in the CDK stack', () => {
  const template = Template.fromStack(createStack(createApp(), compiledWorkbook()));

  it('deploys one state machine per workflow', () => {
    const names = Object.values(template.findResources('AWS::StepFunctions::StateMachine')).map(
      (resource) => (resource as { Properties: { StateMachineName: unknown } }).Properties.StateMachineName,
    );

    expect(names).toEqual(expect.arrayContaining(['payroll-month', 'payroll-salary']));
  });

  it('fills the child ARN substitution', () => {
    const parent = Object.values(template.findResources('AWS::StepFunctions::StateMachine')).find(
      (resource) => (resource as { Properties: { StateMachineName: unknown } }).Properties.StateMachineName === 'payroll-month',
    ) as { Properties: { DefinitionSubstitutions: Record<string, unknown> } };

    expect(Object.keys(parent.Properties.DefinitionSubstitutions)).toContain('Workflow_payroll_salary');
    expect(JSON.stringify(parent.Properties.DefinitionSubstitutions.Workflow_payroll_salary)).toContain('stateMachine:payroll-salary');
  });

  it('grants StartExecution on the child', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));

    expect(policies).toContain('states:StartExecution');
    expect(policies).toContain('stateMachine:payroll-salary');
  });
});
