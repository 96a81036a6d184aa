import { App, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

import { FUNCTION_RUNTIME } from '../../lib/cdk/bundled-function';
import { addSiroccoStack } from '../../lib/cdk/sirocco-app';
import { PROJECT_ROOT, bonusOnlyWorkflow, compileSalary, createApp, createStack, subWorkflowCaller } from './stack-fixture';

/** Returns every cdk-nag acknowledgement in the app, as rule id and reason. */
function acknowledgements(app: App): { path: string; id: string; reason: unknown }[] {
  return app.node.findAll().flatMap((construct: IConstruct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ path: construct.node.path, id, reason })),
      ),
  );
}

function synthWithChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
}

describe('cdk-nag AwsSolutions', () => {
  test('stack has no unacknowledged finding', () => {
    const app = createApp();
    createStack(app, [compileSalary(), bonusOnlyWorkflow()]);

    expect(() => synthWithChecks(app)).not.toThrow();
  });

  test('sub-workflow and SMS grants are acknowledged', () => {
    const app = createApp();
    createStack(app, [bonusOnlyWorkflow(), subWorkflowCaller()]);

    expect(() => synthWithChecks(app)).not.toThrow();
  });

  test('approval grant is acknowledged', () => {
    const app = createApp();
    const stack = createStack(app);
    const standIn = new lambda.Function(stack, 'ApprovalStandIn', {
      runtime: FUNCTION_RUNTIME,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    stack.setApprovalRequestFunction(standIn);
    Validations.of(standIn).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'Test stand-in for the approval request function of the approvals construct.',
    });

    expect(() => synthWithChecks(app)).not.toThrow();
  });

  test('checks report an unacknowledged finding', () => {
    const app = createApp();
    const stack = createStack(app);
    new lambda.Function(stack, 'Unchecked', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });

    expect(() => synthWithChecks(app)).toThrow(/AwsSolutions-L1/);
  });

  test('every acknowledgement gives a reason', () => {
    const app = createApp();
    createStack(app, [compileSalary(), bonusOnlyWorkflow()]);

    const entries = acknowledgements(app).filter((entry) => entry.id.includes('AwsSolutions-'));

    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(typeof entry.reason).toBe('string');
      expect((entry.reason as string).length).toBeGreaterThan(40);
    }
  });
});

describe('cdk-nag on the whole app', () => {
  test('app stack has no unacknowledged finding', () => {
    const app = createApp();
    const { stack } = addSiroccoStack(app, PROJECT_ROOT);

    expect(stack).toBeDefined();
    expect(() => synthWithChecks(app)).not.toThrow();
  });
});
