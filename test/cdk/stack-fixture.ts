import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { App } from 'aws-cdk-lib';

import { compileWorkflow } from '../../lib/compiler';
import type { StateMachineDefinition } from '../../lib/compiler/types';
import type { CompiledWorkflow } from '../../lib/cdk/compiled-workflow';
import { listActions } from '../../lib/cdk/action-naming';
import { readSiroccoSettings } from '../../lib/cdk/sirocco-context';
import { SiroccoStack } from '../../lib/cdk/sirocco-stack';


export const PROJECT_ROOT = resolve(__dirname, '..', '..');

export const TEST_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  'sirocco:adminPhoneNumbers': ['+15555550100', '+15555550199'],
  'sirocco:systems': { accounting: 'http://127.0.0.1:14701', bonus: 'http://127.0.0.1:14702/' },
};

/** Compiles workflows/salary.yaml with lib/compiler, failing on any error diagnostic. */
export function compileSalary(): CompiledWorkflow {
  const file = 'workflows/salary.yaml';
  const result = compileWorkflow(readFileSync(join(PROJECT_ROOT, file), 'utf8'), {
    file,
    actions: listActions(join(PROJECT_ROOT, 'lambdas', 'actions')),
  });
  if (!result.asl || !result.metadata || result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    throw new Error(`${file} did not compile: ${JSON.stringify(result.diagnostics)}`);
  }
  return { file, asl: result.asl, metadata: result.metadata };
}

/** Returns a one-task workflow that calls `bonus.calculate`, to test sharing and grants across workflows. */
export function bonusOnlyWorkflow(): CompiledWorkflow {
  const asl: StateMachineDefinition = {
    QueryLanguage: 'JSONata',
    StartAt: 'bonus',
    States: {
      bonus: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: {
          FunctionName: '${Action_bonus_calculate}',
          Payload: { input: '{% $states.input %}', execution: '{% $states.context.Execution.Id %}', workflow: 'bonus_only', task: 'bonus' },
        },
        End: true,
      },
    },
  };
  return {
    file: 'workflows/bonus_only.yaml',
    asl,
    metadata: {
      name: 'bonus_only',
      input: [{ name: 'employee_id' }, { name: 'month' }],
      tasks: [{ name: 'bonus', action: 'bonus.calculate', position: { line: 5, column: 3 } }],
      actions: ['bonus.calculate'],
      substitutions: [{ key: 'Action_bonus_calculate', kind: 'action', action: 'bonus.calculate' }],
      transitions: { shortest: 1, longest: 1 },
    },
  };
}

/** Returns a workflow `caller` that runs `bonus_only` as a sub-workflow and sends an SMS. */
export function subWorkflowCaller(): CompiledWorkflow {
  const caller = bonusOnlyWorkflow();
  caller.metadata.name = 'caller';
  caller.asl.States.bonus = {
    Type: 'Task',
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Arguments: { StateMachineArn: '${Workflow_bonus_only}', Input: {} },
    Next: 'notify',
  };
  caller.asl.States.notify = {
    Type: 'Task',
    Resource: 'arn:aws:states:::sns:publish',
    Arguments: { PhoneNumber: '+15555550100', Message: 'Bonus calculated.' },
    End: true,
  };
  caller.metadata.actions = [];
  caller.metadata.substitutions = [{ key: 'Workflow_bonus_only', kind: 'workflow', workflow: 'bonus_only' }];
  return caller;
}

/** Creates an app whose stacks skip asset bundling, with the test context. */
export function createApp(context: Record<string, unknown> = TEST_CONTEXT, bundle = false): App {
  return new App({
    context: { ...context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
}

export function createStack(app: App, workflows: CompiledWorkflow[] = [compileSalary()]): SiroccoStack {
  return new SiroccoStack(app, 'Sirocco', {
    workflows,
    settings: readSiroccoSettings(app.node),
    projectRoot: PROJECT_ROOT,
  });
}
