import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';

import { compileWorkflow } from '../../lib/compiler';
import { listActions } from '../../lib/cdk/action-naming';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { SCHEDULE_MAX_EVENT_AGE_SECONDS, SCHEDULE_RETRY_ATTEMPTS } from '../../lib/cdk/workflow-schedules';
import { PROJECT_ROOT, compileSalary, createApp, createStack } from './stack-fixture';

/** Compiles test/fixtures/triggers/monthly-salary.yaml, which has three triggers. */
function compileMonthlySalary(): CompiledWorkflow {
  const file = 'test/fixtures/triggers/monthly-salary.yaml';
  const result = compileWorkflow(readFileSync(join(PROJECT_ROOT, file), 'utf8'), {
    file,
    actions: listActions(join(PROJECT_ROOT, 'lambdas', 'actions')),
  });
  if (!result.asl || !result.metadata) throw new Error(`${file} did not compile: ${JSON.stringify(result.diagnostics)}`);
  return { file, asl: result.asl, metadata: result.metadata };
}

function synthesize(workflows: CompiledWorkflow[]): { app: App; template: Template } {
  const app = createApp();
  const stack = createStack(app, workflows);
  return { app, template: Template.fromStack(stack) };
}

describe('workflow schedules', () => {
  it('create one schedule per trigger', () => {
    const { template } = synthesize([compileSalary(), compileMonthlySalary()]);

    template.resourceCountIs('AWS::Scheduler::Schedule', 3);
  });

  it('target the state machine with the trigger input', () => {
    const { template } = synthesize([compileMonthlySalary()]);
    const stateMachineId = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))[0];

    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'monthly-salary-monthly',
      ScheduleExpression: 'cron(0 6 1 * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: { Ref: stateMachineId },
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulesmonthlysalaryRole'), 'Arn'] },
        Input: JSON.stringify({ employee_id: 'E-001' }),
        RetryPolicy: { MaximumRetryAttempts: SCHEDULE_RETRY_ATTEMPTS, MaximumEventAgeInSeconds: SCHEDULE_MAX_EVENT_AGE_SECONDS },
      },
    });
  });

  it('keep rate and cron expressions in UTC', () => {
    const { template } = synthesize([compileMonthlySalary()]);

    template.hasResourceProperties('AWS::Scheduler::Schedule', { Name: 'monthly-salary-polling', ScheduleExpression: 'rate(1 minute)', ScheduleExpressionTimezone: 'UTC' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { Name: 'monthly-salary-weekdays', ScheduleExpression: 'cron(30 7 ? * MON-FRI *)' });
  });

  it('grant only StartExecution on the state machine', () => {
    const { template } = synthesize([compileMonthlySalary()]);
    const stateMachineId = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'))[0];
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^SchedulesmonthlysalaryRole') } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    expect(statements).toStrictEqual([{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: stateMachineId } }]);
  });

  it('let only the scheduler of this account assume the role', () => {
    const { template } = synthesize([compileMonthlySalary()]);

    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
  });

  it('add nothing without triggers', () => {
    const { template } = synthesize([compileSalary()]);

    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });

  it('pass cdk-nag AwsSolutions', () => {
    const app = createApp();
    createStack(app, [compileSalary(), compileMonthlySalary()]);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).not.toThrow();
  });
});
