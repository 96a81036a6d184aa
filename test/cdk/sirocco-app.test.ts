import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';

import { addSiroccoStack } from '../../lib/cdk/sirocco-app';
import { PROJECT_ROOT, TEST_CONTEXT, createApp } from './stack-fixture';

function logicalIdOf(stack: Stack, element: unknown): string {
  if (!(element instanceof CfnElement)) {
    throw new Error('Expected a CloudFormation resource.');
  }
  return stack.getLogicalId(element);
}

describe('addSiroccoStack', () => {
  test('approval tasks invoke the approvals function', () => {
    const { stack } = addSiroccoStack(createApp(), PROJECT_ROOT);
    const template = Template.fromStack(stack!);
    const requestFunction = stack!.node.findChild('Approvals').node.findChild('Request').node.findChild('Function');

    const requestFunctionId = logicalIdOf(stack!, requestFunction.node.defaultChild);

    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'salary',
      DefinitionSubstitutions: Match.objectLike({
        ApprovalRequestFunction: { 'Fn::GetAtt': [requestFunctionId, 'Arn'] },
      }),
    });
    Annotations.fromStack(stack!).hasNoWarning('*', Match.stringLikeRegexp('no approval request function'));
  });

  test('approval sender comes from context', () => {
    const app = createApp({ ...TEST_CONTEXT, 'sirocco:approverDefaults': { fromEmail: 'approvals@example.com' } });
    const { stack } = addSiroccoStack(app, PROJECT_ROOT);
    const template = Template.fromStack(stack!);

    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ APPROVALS_FROM_EMAIL: 'approvals@example.com' }) },
    });
  });

  test('action functions have no resource policy', () => {
    const { stack } = addSiroccoStack(createApp(), PROJECT_ROOT);
    const template = Template.fromStack(stack!);
    const actionFunctionIds = [...stack!.actionFunctions.values()].map((action) =>
      logicalIdOf(stack!, action.function.node.defaultChild),
    );

    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map((permission) =>
      JSON.stringify(permission.Properties.FunctionName),
    );

    expect(actionFunctionIds).toHaveLength(3);
    for (const functionId of actionFunctionIds) {
      expect(permissions.filter((functionName) => functionName.includes(functionId))).toEqual([]);
    }
  });

  test('workflow error leaves the app empty', () => {
    const workflows = mkdtempSync(join(tmpdir(), 'sirocco-app-workflows-'));
    writeFileSync(join(workflows, 'broken.yaml'), "version: '2.0'\nname: broken\ntasks:\n  a:\n    action: nowhere.missing\n");
    const app = createApp({ ...TEST_CONTEXT, 'sirocco:workflowsDir': workflows });

    const { stack, compilation } = addSiroccoStack(app, PROJECT_ROOT);

    expect(stack).toBeUndefined();
    expect(app.node.children).toHaveLength(0);
    expect(compilation.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(true);
  });
});
