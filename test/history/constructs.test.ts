import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks } from 'cdk-nag';

import type { WorkflowMetadata } from '../../lib/compiler/types';
import { Alerts } from '../../lib/cdk/alerts';
import { ControlApi } from '../../lib/cdk/control-api';
import { History } from '../../lib/cdk/history';
import { HistoryTable } from '../../lib/cdk/resources/history-table';

const SALARY: WorkflowMetadata = {
  name: 'salary',
  input: [{ name: 'employee_id' }, { name: 'month' }],
  tasks: [
    { name: 'salary_base', action: 'accounting.salary_base', position: { line: 12, column: 3 } },
    { name: 'approve_bonus', action: 'std.approval', position: { line: 33, column: 3 } },
  ],
  actions: ['accounting.salary_base', 'std.approval'],
  substitutions: [],
  transitions: { shortest: 4, longest: 6 },
};

type PolicyStatement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Builds a stack with the history table, the alerts topic, one state machine and the three constructs. */
function buildStack() {
  const app = new App();
  const stack = new Stack(app, 'HistoryTest', {
    env: { account: '000000000000', region: 'us-east-1' },
  });
  const table = new HistoryTable(stack, 'History').table;
  const topic = new sns.Topic(stack, 'AlertsTopic', { enforceSSL: true });
  const stateMachine = new sfn.StateMachine(stack, 'Salary', {
    stateMachineName: 'salary',
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Start')),
  });
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-SF1',
    reason: 'Stand-in state machine of this test; the Sirocco stack logs its own.',
  });
  Validations.of(stateMachine).acknowledge({
    id: 'AwsSolutions-SF2',
    reason: 'Stand-in state machine of this test; the Sirocco stack traces its own.',
  });
  const workflows = [{ workflowName: 'salary', stateMachine }];

  new History(stack, 'ExecutionHistory', { table, workflows, alarmTopic: topic });
  new Alerts(stack, 'FailureAlerts', { table, topic, workflows });
  new ControlApi(stack, 'Control', {
    table,
    workflows: [{ metadata: SALARY, stateMachine }],
    cloudWatchRole: true,
  });
  return { app, stack };
}

function synthesize() {
  const { stack } = buildStack();
  const template = Template.fromStack(stack);
  const logicalId = (type: string, pattern: RegExp) => {
    const ids = Object.keys(template.findResources(type)).filter((id) => pattern.test(id));
    expect(ids).toHaveLength(1);
    return ids[0];
  };
  return {
    template,
    stateMachineId: logicalId('AWS::StepFunctions::StateMachine', /^Salary/),
    tableId: logicalId('AWS::DynamoDB::Table', /^History/),
    topicId: logicalId('AWS::SNS::Topic', /^AlertsTopic/),
    roleId: (pattern: RegExp) => logicalId('AWS::IAM::Role', pattern),
  };
}

/** Returns every statement of the policies attached to one role. */
function statementsOf(template: Template, roleId: string): PolicyStatement[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleId }] },
  });
  return Object.values(policies).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as PolicyStatement[],
  );
}

function actionsOf(statements: PolicyStatement[]): string[] {
  return statements.flatMap((statement) => [statement.Action].flat()).sort();
}

const EXECUTIONS_OF_SALARY = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':states:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':execution:salary:*',
    ],
  ],
};

const X_RAY_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

const stack = synthesize();

describe('History construct', () => {
  it('routes status changes of the workflows', () => {
    stack.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [{ Ref: stack.stateMachineId }] },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExecutionHistoryRecorder'), 'Arn'] },
        }),
      ],
    });
  });

  it('grants only PutItem, GetExecutionHistory and SendMessage', () => {
    const statements = statementsOf(stack.template, stack.roleId(/^ExecutionHistoryRecorderRole/));

    expect(actionsOf(statements)).toEqual(
      [...LOG_ACTIONS, 'dynamodb:PutItem', 'sqs:SendMessage', 'states:GetExecutionHistory', ...X_RAY_ACTIONS].sort(),
    );
    const sendMessage = statements.find((statement) => statement.Action === 'sqs:SendMessage');
    expect(sendMessage?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^ExecutionHistoryDeadLetterQueue/), 'Arn'],
    });
    const putItem = statements.find((statement) => statement.Action === 'dynamodb:PutItem');
    expect(putItem?.Resource).toEqual({ 'Fn::GetAtt': [stack.tableId, 'Arn'] });
    const history = statements.find((statement) => statement.Action === 'states:GetExecutionHistory');
    expect(history?.Resource).toEqual(EXECUTIONS_OF_SALARY);
  });

  it('sets the table and the retention', () => {
    stack.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Sirocco execution history recorder',
      Runtime: 'nodejs26.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          HISTORY_TABLE: { Ref: stack.tableId },
          HISTORY_RETENTION_DAYS: '365',
        }),
      },
    });
  });
});

describe('Alerts construct', () => {
  it('routes failed, timed out and aborted executions', () => {
    stack.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: {
          stateMachineArn: [{ Ref: stack.stateMachineId }],
          status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
        },
      },
    });
  });

  it('publishes to the alerts topic only', () => {
    const statements = statementsOf(stack.template, stack.roleId(/^FailureAlertsAlertRole/));

    expect(actionsOf(statements)).toEqual(
      [
        ...LOG_ACTIONS,
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'sns:Publish',
        'sqs:SendMessage',
        'states:GetExecutionHistory',
        ...X_RAY_ACTIONS,
      ].sort(),
    );
    const sendMessage = statements.find((statement) => statement.Action === 'sqs:SendMessage');
    expect(sendMessage?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^FailureAlertsDeadLetterQueue/), 'Arn'],
    });
    const publish = statements.find((statement) => statement.Action === 'sns:Publish');
    expect(publish?.Resource).toEqual({ Ref: stack.topicId });
    const writes = statements.find((statement) => [statement.Action].flat().includes('dynamodb:PutItem'));
    expect(writes?.Resource).toEqual({ 'Fn::GetAtt': [stack.tableId, 'Arn'] });
  });

  it('passes the topic ARN', () => {
    stack.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Sirocco failure alerts',
      Environment: {
        Variables: Match.objectLike({ ALERTS_TOPIC_ARN: { Ref: stack.topicId } }),
      },
    });
  });
});

describe('ControlApi construct', () => {
  it('requires IAM authorization on every method', () => {
    const methods = Object.values(stack.template.findResources('AWS::ApiGateway::Method'));

    expect(methods).toHaveLength(7);
    for (const method of methods) {
      expect(method.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(method.Properties.Integration.Type).toBe('AWS_PROXY');
    }
  });

  it('serves the seven routes', () => {
    const resources = stack.template.findResources('AWS::ApiGateway::Resource');
    const pathParts = Object.values(resources)
      .map((resource) => resource.Properties.PathPart as string)
      .sort();

    expect(pathParts).toEqual(
      ['complete', 'executions', 'executions', 'redrive', 'resume', 'stop', 'tasks', 'workflows', '{id}', '{name}', '{task}'].sort(),
    );
    const httpMethods = Object.values(stack.template.findResources('AWS::ApiGateway::Method'))
      .map((method) => method.Properties.HttpMethod as string)
      .sort();
    expect(httpMethods).toEqual(['GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'POST']);
  });

  it('logs access and errors', () => {
    stack.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: [Match.objectLike({ LoggingLevel: 'ERROR', DataTraceEnabled: false })],
    });
  });

  it('throttles the stage', () => {
    stack.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
        }),
      ],
    });
  });

  it('grants only the execution and read actions', () => {
    const statements = statementsOf(stack.template, stack.roleId(/^ControlHandlerRole/));

    expect(actionsOf(statements)).toEqual(
      [
        ...LOG_ACTIONS,
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'states:DescribeExecution',
        'states:GetExecutionHistory',
        'states:RedriveExecution',
        'states:SendTaskFailure',
        'states:SendTaskHeartbeat',
        'states:SendTaskSuccess',
        'states:StartExecution',
        'states:StopExecution',
        ...X_RAY_ACTIONS,
      ].sort(),
    );
    const start = statements.find((statement) => statement.Action === 'states:StartExecution');
    expect(start?.Resource).toEqual({ Ref: stack.stateMachineId });
    const executions = statements.find((statement) =>
      [statement.Action].flat().includes('states:RedriveExecution'),
    );
    expect(executions?.Resource).toEqual(EXECUTIONS_OF_SALARY);
    const tableArn = { 'Fn::GetAtt': [stack.tableId, 'Arn'] };
    const query = statements.find((statement) => statement.Action === 'dynamodb:Query');
    expect(query?.Resource).toEqual([
      tableArn,
      { 'Fn::Join': ['', [tableArn, '/index/byWorkflow']] },
      { 'Fn::Join': ['', [tableArn, '/index/byStatus']] },
    ]);
    const items = statements.find((statement) => [statement.Action].flat().includes('dynamodb:GetItem'));
    expect(items?.Action).toEqual(['dynamodb:GetItem', 'dynamodb:DeleteItem']);
    expect(items?.Resource).toEqual(tableArn);
    const taskResponse = statements.find((statement) => [statement.Action].flat().includes('states:SendTaskSuccess'));
    expect(taskResponse?.Resource).toEqual({ Ref: stack.stateMachineId });
  });

  it('writes the workflow catalog', () => {
    const functions = stack.template.findResources('AWS::Lambda::Function', {
      Properties: { Description: 'Sirocco control API' },
    });
    const [control] = Object.values(functions);
    const workflows = JSON.stringify(control.Properties.Environment.Variables.WORKFLOWS);

    expect(workflows).toContain('\\"input\\":[{\\"name\\":\\"employee_id\\"},{\\"name\\":\\"month\\"}]');
    expect(workflows).toContain('\\"tasks\\":[\\"salary_base\\",\\"approve_bonus\\"]');
    expect(workflows).toContain('\\"approvalTasks\\":[\\"approve_bonus\\"]');
    expect(workflows).toContain(stack.stateMachineId);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged', () => {
    const { app } = buildStack();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).not.toThrow();
  });
});
