import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { AwsSolutionsChecks } from 'cdk-nag';

import { Alerts } from '../../lib/cdk/alerts';
import { ControlApi } from '../../lib/cdk/control-api';
import { History } from '../../lib/cdk/history';
import type { SiroccoStack } from '../../lib/cdk/sirocco-stack';
import { compileSalary, createApp, createStack } from '../cdk/stack-fixture';

/** Attaches the three constructs to the Sirocco stack, one line each, as the app does. */
function attachConstructs(stack: SiroccoStack, workflows = [compileSalary()]) {
  const table = stack.historyTable;
  const stateMachines = [...stack.stateMachines.values()];
  new History(stack, 'ExecutionHistory', { table, workflows: stateMachines, alarmTopic: stack.alertsTopic });
  new Alerts(stack, 'FailureAlerts', { table, topic: stack.alertsTopic, workflows: stateMachines });
  new ControlApi(stack, 'ControlApi', {
    table,
    cloudWatchRole: true,
    workflows: workflows.map((workflow) => ({
      metadata: workflow.metadata,
      stateMachine: stack.stateMachines.get(workflow.metadata.name)!.stateMachine,
    })),
  });
}

describe('constructs in the Sirocco stack', () => {
  it('pass cdk-nag AwsSolutions', () => {
    const app = createApp();
    attachConstructs(createStack(app));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    expect(() => app.synth()).not.toThrow();
  });

  it('list the compiled salary tasks', () => {
    const app = createApp();
    const stack = createStack(app);
    attachConstructs(stack);
    const template = Template.fromStack(stack);

    const [control] = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: 'Sirocco control API' },
      }),
    );
    const workflows = JSON.stringify(control.Properties.Environment.Variables.WORKFLOWS);
    for (const task of [
      'salary_base',
      'bonus',
      'approve_bonus',
      'record_payroll',
      'record_payroll_without_bonus',
    ]) {
      expect(workflows).toContain(`\\"${task}\\"`);
    }
    expect(workflows).toContain('\\"approvalTasks\\":[\\"approve_bonus\\"]');
  });

  it('deploy the stage after the logging role', () => {
    const app = createApp();
    const stack = createStack(app);
    const provider = new apigateway.RestApi(stack, 'LoggingRoleOwner', { cloudWatchRole: true });
    provider.root.addMethod('GET', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.IAM,
    });
    new ControlApi(stack, 'ControlApi', {
      table: stack.historyTable,
      workflows: [...stack.stateMachines.values()],
      cloudWatchRoleProvider: provider,
    });
    const template = Template.fromStack(stack);
    const [accountId] = Object.keys(template.findResources('AWS::ApiGateway::Account'));

    const stages = template.findResources('AWS::ApiGateway::Stage', {
      Properties: { StageName: 'v1' },
    });
    const [stage] = Object.values(stages);
    expect(stage.DependsOn).toContain(accountId);
  });

  it('watch the salary state machine', () => {
    const app = createApp();
    const stack = createStack(app);
    attachConstructs(stack);
    const template = Template.fromStack(stack);
    const [stateMachineId] = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'));

    const rules = template.findResources('AWS::Events::Rule', {
      Properties: {
        EventPattern: Match.objectLike({
          detail: Match.objectLike({ stateMachineArn: [{ Ref: stateMachineId }] }),
        }),
      },
    });
    expect(Object.keys(rules)).toHaveLength(2);
  });
});
