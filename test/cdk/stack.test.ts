import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';

import { readSiroccoSettings } from '../../lib/cdk/sirocco-context';
import { SiroccoStack } from '../../lib/cdk/sirocco-stack';
import { MISSING_APPROVAL_FUNCTION_NAME } from '../../lib/cdk/workflow-state-machine';
import { bonusOnlyWorkflow, compileSalary, createApp, createStack, PROJECT_ROOT, subWorkflowCaller } from './stack-fixture';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** Returns the logical id of the resource at a construct path such as `Sirocco/Action-bonus-calculate/Function/Resource`. */
function logicalIdAt(stack: Stack, path: string): string {
  const element = stack.node.findAll().find((construct) => construct.node.path === path);
  if (!(element instanceof CfnElement)) {
    throw new Error(`No resource at ${path}`);
  }
  return stack.getLogicalId(element);
}

function approvalStandIn(stack: ReturnType<typeof createStack>): lambda.Function {
  return new lambda.Function(stack, 'ApprovalStandIn', {
    runtime: lambda.Runtime.NODEJS_26_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
}

/** Returns every statement of every IAM policy in the template, with the roles it is attached to. */
function policyStatements(template: Template): { roles: string[]; statement: Record<string, any> }[] {
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  return Object.values(policies).flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).map((statement) => ({
      roles: (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref),
      statement,
    })),
  );
}

describe('WorkflowStateMachine', () => {
  test('definition is the compiled ASL', () => {
    const salary = compileSalary();
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'salary',
      StateMachineType: 'STANDARD',
      DefinitionString: Match.serializedJson(salary.asl),
    });
  });

  test('substitutions name the action functions', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: {
        Action_accounting_salary_base: {
          'Fn::GetAtt': [logicalIdAt(stack, 'Sirocco/Action-accounting-salary_base/Function/Resource'), 'Arn'],
        },
        Action_bonus_calculate: {
          'Fn::GetAtt': [logicalIdAt(stack, 'Sirocco/Action-bonus-calculate/Function/Resource'), 'Arn'],
        },
        Action_accounting_record_payroll: {
          'Fn::GetAtt': [logicalIdAt(stack, 'Sirocco/Action-accounting-record_payroll/Function/Resource'), 'Arn'],
        },
      },
    });
  });

  test('every placeholder has a substitution', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);
    const [stateMachine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine') as Resources);

    const placeholders = [...(stateMachine.Properties.DefinitionString as string).matchAll(/\$\{([^}]+)\}/g)].map(
      (match) => match[1],
    );

    expect(placeholders.length).toBeGreaterThan(0);
    expect([...new Set(placeholders)].sort()).toEqual(Object.keys(stateMachine.Properties.DefinitionSubstitutions).sort());
  });

  test('logs all events with execution data and traces', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [
          {
            CloudWatchLogsLogGroup: {
              LogGroupArn: { 'Fn::GetAtt': [logicalIdAt(stack, 'Sirocco/Workflow-salary/LogGroup/Resource'), 'Arn'] },
            },
          },
        ],
      },
      TracingConfiguration: { Enabled: true },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/salary',
      RetentionInDays: 90,
    });
  });

  test('missing approval function warns', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);

    Annotations.fromStack(stack).hasWarning('/Sirocco/Workflow-salary', Match.stringLikeRegexp('no approval request function'));
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: {
        ApprovalRequestFunction: { 'Fn::Join': ['', Match.arrayWith([`:function:${MISSING_APPROVAL_FUNCTION_NAME}`])] },
      },
    });
  });

  test('approval function is substituted and granted', () => {
    const stack = createStack(createApp());
    const approval = approvalStandIn(stack);
    stack.setApprovalRequestFunction(approval);
    const template = Template.fromStack(stack);
    const approvalId = logicalIdAt(stack, 'Sirocco/ApprovalStandIn/Resource');
    const stateMachineRole = logicalIdAt(stack, 'Sirocco/Workflow-salary/StateMachine/Role/Resource');

    const grants = policyStatements(template).filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(approvalId),
    );

    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('no approval request function'));
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: { ApprovalRequestFunction: { 'Fn::GetAtt': [approvalId, 'Arn'] } },
    });
    expect(grants).toHaveLength(1);
    expect(grants[0].roles).toEqual([stateMachineRole]);
    expect(grants[0].statement.Action).toBe('lambda:InvokeFunction');
  });

  test('approval function can be set once', () => {
    const stack = createStack(createApp());
    const approval = approvalStandIn(stack);
    stack.setApprovalRequestFunction(approval);

    expect(() => stack.setApprovalRequestFunction(approval)).toThrow('already has an approval request function');
  });

  test('sub-workflow start is granted by name', () => {
    const stack = createStack(createApp(), [bonusOnlyWorkflow(), subWorkflowCaller()]);
    const template = Template.fromStack(stack);
    const callerRole = logicalIdAt(stack, 'Sirocco/Workflow-caller/StateMachine/Role/Resource');

    const starts = policyStatements(template).filter(({ statement }) => statement.Action === 'states:StartExecution');
    const rules = policyStatements(template).filter(({ statement }) => [statement.Action].flat().includes('events:PutRule'));

    expect(starts).toHaveLength(1);
    expect(starts[0].roles).toEqual([callerRole]);
    expect(JSON.stringify(starts[0].statement.Resource)).toContain(':stateMachine:bonus_only');
    expect(rules).toHaveLength(1);
    expect(JSON.stringify(rules[0].statement.Resource)).toContain(
      ':rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
    );
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'caller',
      DefinitionSubstitutions: {
        Workflow_bonus_only: { 'Fn::Join': ['', Match.arrayWith([':stateMachine:bonus_only'])] },
      },
    });
  });

  test('SMS publish is granted to its workflow only', () => {
    const stack = createStack(createApp(), [bonusOnlyWorkflow(), subWorkflowCaller()]);
    const template = Template.fromStack(stack);

    const publishes = policyStatements(template).filter(({ statement }) => statement.Action === 'sns:Publish');

    expect(publishes).toHaveLength(1);
    expect(publishes[0].roles).toEqual([logicalIdAt(stack, 'Sirocco/Workflow-caller/StateMachine/Role/Resource')]);
  });

  test('unknown Task resource fails synthesis', () => {
    const workflow = bonusOnlyWorkflow();
    workflow.asl.States.bonus.Resource = 'arn:aws:states:::dynamodb:putItem';
    const stack = createStack(createApp(), [workflow]);

    expect(() => Template.fromStack(stack)).toThrow(/Task resource "arn:aws:states:::dynamodb:putItem"/);
  });

  test('duplicate workflow names are rejected', () => {
    expect(() => createStack(createApp(), [bonusOnlyWorkflow(), bonusOnlyWorkflow()])).toThrow(
      'Workflow name "bonus_only"',
    );
  });
});

describe('ActionFunction', () => {
  test('one function per distinct action', () => {
    const stack = createStack(createApp(), [compileSalary(), bonusOnlyWorkflow()]);
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::Lambda::Function', 3);
  });

  test.each([
    ['accounting-salary_base', 'http://127.0.0.1:14701'],
    ['accounting-record_payroll', 'http://127.0.0.1:14701'],
    ['bonus-calculate', 'http://127.0.0.1:14702'],
  ])('%s runtime, tracing and environment', (id, systemUrl) => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);
    const functionId = logicalIdAt(stack, `Sirocco/Action-${id}/Function/Resource`);
    const properties = template.toJSON().Resources[functionId].Properties;

    expect(properties.Runtime).toBe('nodejs26.x');
    expect(properties.Architectures).toEqual(['arm64']);
    expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(properties.Environment.Variables).toEqual({
      SYSTEM_URL: systemUrl,
      HISTORY_TABLE: { Ref: logicalIdAt(stack, 'Sirocco/HistoryTable/Table/Resource') },
      POWERTOOLS_SERVICE_NAME: id.replace('-', '.'),
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(properties.LoggingConfig).toEqual({
      LogGroup: { Ref: logicalIdAt(stack, `Sirocco/Action-${id}/LogGroup/Resource`) },
    });
  });

  test('missing system URL warns', () => {
    const stack = createStack(createApp({ 'sirocco:systems': { accounting: 'http://127.0.0.1:4701' } }));
    const template = Template.fromStack(stack);
    const bonusId = logicalIdAt(stack, 'Sirocco/Action-bonus-calculate/Function/Resource');
    const salaryId = logicalIdAt(stack, 'Sirocco/Action-accounting-salary_base/Function/Resource');
    const resources = template.toJSON().Resources;

    Annotations.fromStack(stack).hasWarning(
      '/Sirocco/Action-bonus-calculate',
      'Action "bonus.calculate" gets no SYSTEM_URL, because the cdk.json context "sirocco:systems" has no base URL of ' +
        'system "bonus": add it there if the action calls its system. [ack: sirocco:systemUrlMissing]',
    );
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('gets no SYSTEM_URL'))).toHaveLength(1);
    expect(resources[bonusId].Properties.Environment.Variables).not.toHaveProperty('SYSTEM_URL');
    expect(resources[bonusId].Properties.Environment.Variables).toHaveProperty('POWERTOOLS_SERVICE_NAME', 'bonus.calculate');
    expect(resources[salaryId].Properties.Environment.Variables).toHaveProperty('SYSTEM_URL', 'http://127.0.0.1:4701');
  });

  test('system URL present gives no warning', () => {
    const stack = createStack(createApp());

    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('gets no SYSTEM_URL'));
  });

  test('system named like an Object member warns', () => {
    // esbuild bundles only entries under the project root, as sirocco run does with --actions-dir.
    mkdirSync(join(PROJECT_ROOT, '.sirocco'), { recursive: true });
    const actionsDir = mkdtempSync(join(PROJECT_ROOT, '.sirocco', 'stack-actions-'));
    try {
      mkdirSync(join(actionsDir, 'constructor'));
      writeFileSync(join(actionsDir, 'constructor', 'calculate.ts'), 'export async function handler() {\n  return {};\n}\n');
      const workflow = bonusOnlyWorkflow();
      workflow.asl.States.bonus.Arguments = { FunctionName: '${Action_constructor_calculate}', Payload: {} };
      workflow.metadata.actions = ['constructor.calculate'];
      workflow.metadata.substitutions = [{ key: 'Action_constructor_calculate', kind: 'action', action: 'constructor.calculate' }];
      const app = createApp();

      const stack = new SiroccoStack(app, 'Sirocco', {
        workflows: [workflow],
        settings: readSiroccoSettings(app.node),
        projectRoot: PROJECT_ROOT,
        actionsDir,
      });

      const functionId = logicalIdAt(stack, 'Sirocco/Action-constructor-calculate/Function/Resource');
      const variables = Template.fromStack(stack).toJSON().Resources[functionId].Properties.Environment.Variables;
      expect(variables).not.toHaveProperty('SYSTEM_URL');
      Annotations.fromStack(stack).hasWarning('/Sirocco/Action-constructor-calculate', Match.stringLikeRegexp('system "constructor"'));
    } finally {
      rmSync(actionsDir, { recursive: true, force: true });
    }
  });

  test('missing handler file is rejected', () => {
    const workflow = bonusOnlyWorkflow();
    workflow.metadata.actions = ['bonus.missing'];
    workflow.metadata.substitutions = [{ key: 'Action_bonus_missing', kind: 'action', action: 'bonus.missing' }];

    expect(() => createStack(createApp(), [workflow])).toThrow(/has no handler: create .*lambdas\/actions\/bonus\/missing\.ts/);
  });
});

describe('IAM', () => {
  test('no wildcard actions', () => {
    const stack = createStack(createApp(), [compileSalary(), bonusOnlyWorkflow()]);
    const template = Template.fromStack(stack);

    const actions = policyStatements(template).flatMap(({ statement }) => [statement.Action].flat() as string[]);

    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  test.each([
    ['accounting-salary_base', ['salary']],
    ['accounting-record_payroll', ['salary']],
    ['bonus-calculate', ['bonus_only', 'salary']],
  ])('only workflows using %s may invoke it', (id, workflows) => {
    const stack = createStack(createApp(), [compileSalary(), bonusOnlyWorkflow()]);
    const template = Template.fromStack(stack);
    const functionId = logicalIdAt(stack, `Sirocco/Action-${id}/Function/Resource`);

    const grants = policyStatements(template).filter(({ statement }) =>
      JSON.stringify(statement.Resource ?? '').includes(functionId),
    );
    const roles = grants.flatMap((grant) => grant.roles).sort();

    expect(grants.every(({ statement }) => statement.Action === 'lambda:InvokeFunction')).toBe(true);
    expect(grants.map(({ statement }) => statement.Resource)).toEqual(
      grants.map(() => [
        { 'Fn::GetAtt': [functionId, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [functionId, 'Arn'] }, ':*']] },
      ]),
    );
    expect(roles).toEqual(
      workflows.map((workflow) => logicalIdAt(stack, `Sirocco/Workflow-${workflow}/StateMachine/Role/Resource`)).sort(),
    );
  });

  test('function role writes only its log group', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);
    const role = logicalIdAt(stack, 'Sirocco/Action-bonus-calculate/Role/Resource');

    const statements = policyStatements(template).filter(({ roles }) => roles.includes(role));

    expect(statements.map(({ statement }) => statement.Action)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    ]);
    expect(statements[0].statement.Resource).toEqual({
      'Fn::GetAtt': [logicalIdAt(stack, 'Sirocco/Action-bonus-calculate/LogGroup/Resource'), 'Arn'],
    });
    const roles = Object.values(template.findResources('AWS::IAM::Role') as Resources);
    expect(roles.filter((candidate) => candidate.Properties.ManagedPolicyArns !== undefined)).toEqual([]);
  });
});

describe('HistoryTable', () => {
  test('single-table schema with PITR and TTL', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);

    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
          { AttributeName: 'gsi2pk', AttributeType: 'S' },
          { AttributeName: 'gsi2sk', AttributeType: 'S' },
        ]),
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byWorkflow',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: 'byStatus',
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    });
  });
});

describe('AlertsTopic', () => {
  test('SMS subscription per admin number', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const phoneNumber of ['+15555550100', '+15555550199']) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sms', Endpoint: phoneNumber });
    }
  });

  test('encrypted and TLS only', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);

    const [topic] = Object.values(template.findResources('AWS::SNS::Topic') as Resources);
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key', { Properties: { Description: 'Sirocco alerts topic' } }));

    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    template.hasResourceProperties('AWS::KMS::Key', { Description: 'Sirocco alerts topic', EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  test('lets CloudWatch alarms of the account publish', () => {
    const stack = createStack(createApp());
    const template = Template.fromStack(stack);
    const cloudWatch = { Service: 'cloudwatch.amazonaws.com' };

    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: cloudWatch,
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Sirocco alerts topic',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: cloudWatch,
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  test('no subscriptions without admin numbers', () => {
    const stack = createStack(createApp({}));
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
