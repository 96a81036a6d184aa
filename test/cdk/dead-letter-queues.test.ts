import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';

import { Alerts } from '../../lib/cdk/alerts';
import { History } from '../../lib/cdk/history';
import { addSiroccoStack } from '../../lib/cdk/sirocco-app';
import type { SiroccoStack } from '../../lib/cdk/sirocco-stack';
import { PROJECT_ROOT, createApp } from './stack-fixture';

interface RuleConsumer {
  name: string;
  queueId: string;
  alarmId: string;
  ruleId: string;
  functionId: string;
  roleId: string;
}

function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const element = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(element instanceof CfnElement)) {
    throw new Error(`${construct.node.path} is not a CloudFormation resource.`);
  }
  return stack.getLogicalId(element);
}

/** Synthesizes the app stack and returns its template with the logical ids of the history and alert resources. */
function synthesizeApp(): { template: Template; topicId: string; consumers: RuleConsumer[] } {
  const { stack } = addSiroccoStack(createApp(), PROJECT_ROOT);
  const siroccoStack = stack as SiroccoStack;
  const history = siroccoStack.node.findChild('History') as History;
  const alerts = siroccoStack.node.findChild('Alerts') as Alerts;
  const consumerOf = (name: string, construct: History | Alerts, fn: IConstruct, rule: IConstruct): RuleConsumer => ({
    name,
    queueId: logicalIdOf(siroccoStack, construct.deadLetterQueue.queue),
    alarmId: logicalIdOf(siroccoStack, construct.deadLetterQueue.alarm),
    ruleId: logicalIdOf(siroccoStack, rule),
    functionId: logicalIdOf(siroccoStack, fn),
    roleId: logicalIdOf(siroccoStack, fn.node.scope!.node.findChild('Role')),
  });

  return {
    template: Template.fromStack(siroccoStack),
    topicId: logicalIdOf(siroccoStack, siroccoStack.alertsTopic),
    consumers: [
      consumerOf('history recorder', history, history.recorder, history.rule),
      consumerOf('alert function', alerts, alerts.alertFunction, alerts.rule),
    ],
  };
}

describe('dead-letter queues of the history and alert rules', () => {
  const { template, topicId, consumers } = synthesizeApp();

  test('one queue per rule', () => {
    const queueIds = consumers.map((consumer) => consumer.queueId);

    expect(new Set(queueIds).size).toBe(2);
    expect(Object.keys(template.findResources('AWS::SQS::Queue')).sort()).toEqual([...queueIds].sort());
  });

  test.each(['history recorder', 'alert function'])('%s queue keeps messages 14 days, encrypted', (name) => {
    const { queueId } = consumers.find((consumer) => consumer.name === name)!;
    const queue = template.findResources('AWS::SQS::Queue')[queueId];

    expect(queue.Properties.MessageRetentionPeriod).toBe(1209600);
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(queue.Properties.KmsMasterKeyId).toBeUndefined();
  });

  test.each(['history recorder', 'alert function'])('%s rule target has the dead-letter queue', (name) => {
    const { queueId, ruleId, functionId } = consumers.find((consumer) => consumer.name === name)!;
    const rule = template.findResources('AWS::Events::Rule')[ruleId];

    expect(rule.Properties.Targets).toHaveLength(1);
    const [target] = rule.Properties.Targets;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 21600 });
  });

  test.each(['history recorder', 'alert function'])('%s function has the same dead-letter queue', (name) => {
    const { queueId, functionId, roleId } = consumers.find((consumer) => consumer.name === name)!;
    const fn = template.findResources('AWS::Lambda::Function')[functionId];

    expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } }),
        ]),
      },
    });
  });

  test.each(['history recorder', 'alert function'])('%s queue policy admits only its rule', (name) => {
    const { queueId, ruleId } = consumers.find((consumer) => consumer.name === name)!;
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).filter(
      (policy) => JSON.stringify(policy.Properties.Queues) === JSON.stringify([{ Ref: queueId }]),
    );

    expect(policies).toHaveLength(1);
    const statements = policies[0].Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  test.each(['history recorder', 'alert function'])('%s queue alarm notifies the alerts topic', (name) => {
    const { queueId, alarmId } = consumers.find((consumer) => consumer.name === name)!;
    const alarm = template.findResources('AWS::CloudWatch::Alarm')[alarmId];

    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 300,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
    });
    expect(JSON.stringify(alarm.Properties.AlarmDescription)).toContain(name);
  });

  test('alert function may encrypt with the alerts topic key', () => {
    const { roleId } = consumers.find((consumer) => consumer.name === 'alert function')!;
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key', { Properties: { Description: 'Sirocco alerts topic' } }));

    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } }),
        ]),
      },
    });
  });

  test('stack has exactly the two alarms', () => {
    const alarmIds = consumers.map((consumer) => consumer.alarmId);

    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).sort()).toEqual([...alarmIds].sort());
  });
});
