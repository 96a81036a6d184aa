import { Match, Template } from 'aws-cdk-lib/assertions';

import { compileWorkflow } from '../../lib/compiler';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { compileSalary, createApp, createStack } from './stack-fixture';

/** The stack's functions and permissions for the standard actions. */

const source = `version: '2.0'
name: std_tour
tasks:
  fetch:
    action: std.http
    input:
      url: http://127.0.0.1:4701/orders
    on-success: [text]
  text:
    action: std.sms
    input:
      to: '+15550100'
      message: Orders fetched.
    on-success: [mail]
  mail:
    action: std.email
    input:
      from_addr: ops@example.com
      to_addrs: [team@example.com]
      subject: Orders
      body: Orders fetched.
    on-success: [hold]
  hold:
    action: std.async_noop
`;

function compileTour(): CompiledWorkflow {
  const file = 'workflows/std_tour.yaml';
  const result = compileWorkflow(source, { file, actions: [] });
  if (!result.asl || !result.metadata) throw new Error(JSON.stringify(result.diagnostics));
  return { file, asl: result.asl, metadata: result.metadata };
}

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

function logicalIdOf(template: Template, type: string, description: string): string {
  const found = Object.entries(template.findResources(type, { Properties: { Description: description } }));
  expect(found).toHaveLength(1);
  return found[0][0];
}

function statementsOfRole(template: Template, roleId: string): Record<string, any>[] {
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  return Object.values(policies)
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, any>[]);
}

describe('standard actions in the stack', () => {
  const stack = createStack(createApp(), [compileSalary(), compileTour()]);
  const template = Template.fromStack(stack);
  const httpId = logicalIdOf(template, 'AWS::Lambda::Function', 'Sirocco standard action std.http');
  const callbackId = logicalIdOf(template, 'AWS::Lambda::Function', 'Sirocco standard action std.async_noop');

  test('substitutions name the std functions', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'std_tour',
      DefinitionSubstitutions: {
        StdHttpFunction: { 'Fn::GetAtt': [httpId, 'Arn'] },
        CallbackTokenFunction: { 'Fn::GetAtt': [callbackId, 'Arn'] },
      },
    });
  });

  test('state machine may invoke them', () => {
    const machines = template.findResources('AWS::StepFunctions::StateMachine', { Properties: { StateMachineName: 'std_tour' } }) as Resources;
    const roleId = (Object.values(machines)[0].Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = statementsOfRole(template, roleId);
    const invoked = statements.filter((statement) => [statement.Action].flat().includes('lambda:InvokeFunction')).flatMap((statement) => JSON.stringify(statement.Resource));

    expect(invoked.some((resource) => resource.includes(httpId))).toBe(true);
    expect(invoked.some((resource) => resource.includes(callbackId))).toBe(true);
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'sns:Publish', Effect: 'Allow' }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'ses:SendEmail', Effect: 'Allow' }));
  });

  test('salary machine gets no std grants', () => {
    const machines = template.findResources('AWS::StepFunctions::StateMachine', { Properties: { StateMachineName: 'salary' } }) as Resources;
    const roleId = (Object.values(machines)[0].Properties.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const text = JSON.stringify(statementsOfRole(template, roleId));

    expect(text).not.toContain(httpId);
    expect(text).not.toContain(callbackId);
  });

  test('callback-token function may write the history table', () => {
    const functions = template.findResources('AWS::Lambda::Function') as Resources;
    const roleId = (functions[callbackId].Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0];

    expect(statementsOfRole(template, roleId)).toContainEqual(
      expect.objectContaining({ Action: 'dynamodb:PutItem', Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } }),
    );
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Sirocco standard action std.async_noop',
      Environment: { Variables: Match.objectLike({ HISTORY_TABLE: { Ref: tableId } }) },
    });
  });

  test('one function per std action', () => {
    const second = createStack(createApp(), [compileTour(), { ...compileTour(), file: 'b.yaml', metadata: { ...compileTour().metadata, name: 'std_tour_b' } }]);
    const functions = Template.fromStack(second).findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('^Sirocco standard action') },
    });

    expect(Object.keys(functions)).toHaveLength(2);
  });
});
