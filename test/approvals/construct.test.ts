import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks } from 'cdk-nag';

import { CLAIM_LEASE_MS } from '../../lambdas/approvals/link-state';
import { Approvals } from '../../lib/cdk/approvals';

interface PolicyStatement {
  Action: string | string[];
  Resource: unknown;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:salary';

function buildStack(withStateMachine = true, app = new App()): { stack: Stack; approvals: Approvals } {
  const stack = new Stack(app, 'ApprovalsTest', { env: { account: '000000000000', region: 'us-east-1' } });
  const table = new dynamodb.Table(stack, 'History', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  table.addGlobalSecondaryIndex({
    indexName: 'byWorkflow',
    partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
  });
  const stateMachine = sfn.StateMachine.fromStateMachineArn(stack, 'Salary', STATE_MACHINE_ARN);

  const approvals = new Approvals(stack, 'Approvals', {
    table,
    stateMachines: withStateMachine ? [stateMachine] : [],
    fromEmail: 'approvals@example.com',
  });
  return { stack, approvals };
}

function logicalIdOf(stack: Stack, element: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(element.node.defaultChild as never);
}

/** Statements of every IAM policy attached to the role, by role logical id. */
function statementsOfRole(resources: Resources, roleLogicalId: string): PolicyStatement[] {
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .filter((resource) => JSON.stringify(resource.Properties?.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((resource) => (resource.Properties?.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
}

function actionsOf(statements: PolicyStatement[]): string[] {
  return statements.flatMap((statement) => [statement.Action].flat());
}

describe('Approvals construct', () => {
  const { stack, approvals } = buildStack();
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Resources;
  const pageFunctionId = logicalIdOf(stack, approvals.pageFunction);
  const requestFunctionId = logicalIdOf(stack, approvals.requestFunction);
  const roleIdOf = (functionId: string): string =>
    ((resources[functionId].Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'])[0];

  test('creates two ARM64 functions with tracing', () => {
    for (const functionId of [pageFunctionId, requestFunctionId]) {
      const properties = resources[functionId].Properties ?? {};
      expect(properties.Runtime).toBe('nodejs26.x');
      expect(properties.Architectures).toEqual(['arm64']);
      expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  test('times out the page function before its claim lease ends', () => {
    const timeoutSeconds = resources[pageFunctionId].Properties?.Timeout as number;

    expect(timeoutSeconds * 1000).toBeLessThan(CLAIM_LEASE_MS);
  });

  test('routes GET and POST /approvals/{id} to the page function', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'approvals' });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{id}' });
    for (const method of ['GET', 'POST']) {
      template.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: method,
        AuthorizationType: 'NONE',
        Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
      });
    }
    const methods = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Method');
    expect(methods).toHaveLength(2);
    for (const method of methods) {
      expect(JSON.stringify(method.Properties?.Integration)).toContain(pageFunctionId);
    }
  });

  test('throttles the stage and logs access', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 }),
      ]),
    });
  });

  test('grants SendTaskSuccess and SendTaskFailure only to the page function', () => {
    const pageStatements = statementsOfRole(resources, roleIdOf(pageFunctionId));
    const taskResponse = pageStatements.filter((statement) =>
      actionsOf([statement]).includes('states:SendTaskSuccess'),
    );

    expect(taskResponse).toHaveLength(1);
    expect(actionsOf(taskResponse).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskSuccess']);
    expect(taskResponse[0].Resource).toBe(STATE_MACHINE_ARN);

    const otherPolicies = Object.entries(resources).filter(
      ([, resource]) =>
        resource.Type === 'AWS::IAM::Policy' &&
        !JSON.stringify(resource.Properties?.Roles).includes(`"${roleIdOf(pageFunctionId)}"`),
    );
    for (const [, policy] of otherPolicies) {
      expect(JSON.stringify(policy.Properties)).not.toMatch(/states:SendTask(Success|Failure)/);
    }
  });

  test('grants the request function writes, SMS, email and heartbeats', () => {
    const statements = statementsOfRole(resources, roleIdOf(requestFunctionId));
    const actions = actionsOf(statements);

    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'sns:Publish', 'ses:SendEmail']),
    );
    expect(actions.filter((action) => action.startsWith('states:'))).toEqual(['states:SendTaskHeartbeat']);
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    const ses = statements.find((statement) => actionsOf([statement]).includes('ses:SendEmail'));
    expect(JSON.stringify(ses?.Resource)).toContain('identity/approvals@example.com');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/example.com');
  });

  test('gives the page function no SNS or SES rights', () => {
    const actions = actionsOf(statementsOfRole(resources, roleIdOf(pageFunctionId)));

    expect(actions.filter((action) => /^(sns|ses):/.test(action))).toEqual([]);
    expect(actions.filter((action) => action.startsWith('states:')).sort()).toEqual([
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'states:SendTaskSuccess',
    ]);
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
  });

  test('builds the base URL from the RestApi id', () => {
    const apiId = Object.keys(resources).find((id) => resources[id].Type === 'AWS::ApiGateway::RestApi');
    const environment = (resources[requestFunctionId].Properties?.Environment as { Variables: Record<string, unknown> })
      .Variables;

    expect(environment.HISTORY_TABLE).toEqual(expect.objectContaining({ Ref: expect.any(String) }));
    expect(environment.APPROVALS_FROM_EMAIL).toBe('approvals@example.com');
    expect(JSON.stringify(environment.APPROVALS_BASE_URL)).toContain(`{"Ref":"${apiId}"}`);
    expect(JSON.stringify(environment.APPROVALS_BASE_URL)).toContain('/prod');
  });

  test('synthesizes without a dependency cycle', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'CycleTest', { env: { account: '000000000000', region: 'us-east-1' } });
    const table = new dynamodb.Table(stack, 'History', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    });
    const stateMachine = new sfn.StateMachine(stack, 'Salary', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Start')),
    });
    const approvals = new Approvals(stack, 'Approvals', { table, stateMachines: [stateMachine] });
    // The workflow invokes the request function, as SiroccoStack.setApprovalRequestFunction grants.
    approvals.requestFunction.grantInvoke(stateMachine);

    // Template.fromStack raises when the resources reference each other in a cycle.
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('grants table items but no index', () => {
    for (const functionId of [pageFunctionId, requestFunctionId]) {
      const statements = statementsOfRole(resources, roleIdOf(functionId)).filter((statement) =>
        actionsOf([statement]).some((action) => action.startsWith('dynamodb:')),
      );

      expect(statements).toHaveLength(1);
      expect(JSON.stringify(statements[0].Resource)).not.toContain('index');
    }
  });

  test('passes cdk-nag AwsSolutions', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    buildStack(true, app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).not.toThrow();
  });

  test('requires a state machine to answer', () => {
    const { stack: lonely } = buildStack(false);

    expect(() => Template.fromStack(lonely)).toThrow('Approvals has no state machine to answer');
  });
});
