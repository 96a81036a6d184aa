import { join } from 'node:path';

import { Annotations, Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

import { ActionFunction } from './action-function';
import { parseActionName } from './action-naming';
import type { CompiledWorkflow } from './compiled-workflow';
import { AlertsTopic } from './resources/alerts-topic';
import { HistoryTable } from './resources/history-table';
import type { SiroccoSettings } from './sirocco-context';
import { listStdFunctionActions, StdFunction } from './std-function';
import { WorkflowSchedules } from './workflow-schedules';
import { WorkflowStateMachine } from './workflow-state-machine';

export interface SiroccoStackProps extends StackProps {
  /** Every compiled workflow. Each becomes one state machine named after it. */
  workflows: CompiledWorkflow[];
  settings: SiroccoSettings;
  /** Folder of package.json, package-lock.json and lambdas/. */
  projectRoot: string;
  /**
   * Folder of the action handlers, `<system>/<name>.ts`.
   * @default the project's lambdas/actions
   */
  actionsDir?: string;
}

/**
 * The Sirocco stack: one state machine per workflow, one function per action
 * used, the history table and the alerts topic. The approvals, history and
 * alerts constructs attach to its public properties.
 */
export class SiroccoStack extends Stack {
  readonly settings: SiroccoSettings;
  readonly historyTable: dynamodb.Table;
  readonly alertsTopic: sns.Topic;
  /** Action functions by action name, such as `accounting.salary_base`. */
  readonly actionFunctions: ReadonlyMap<string, ActionFunction>;
  /** State machines by workflow name. */
  readonly stateMachines: ReadonlyMap<string, WorkflowStateMachine>;

  constructor(scope: Construct, id: string, props: SiroccoStackProps) {
    super(scope, id, props);
    this.settings = props.settings;

    this.historyTable = new HistoryTable(this, 'HistoryTable').table;
    this.alertsTopic = new AlertsTopic(this, 'AlertsTopic', { adminPhoneNumbers: props.settings.adminPhoneNumbers }).topic;

    this.actionFunctions = this.createActionFunctions(props);
    const functions = new Map<string, lambda.IFunction>();
    for (const [action, actionFunction] of this.actionFunctions) {
      functions.set(action, actionFunction.function);
    }
    const substitutions = props.workflows.flatMap((workflow) => workflow.metadata.substitutions);
    for (const action of listStdFunctionActions(substitutions)) {
      const stdFunction = new StdFunction(this, `Std-${action.replace(/^std\./, '')}`, { action, projectRoot: props.projectRoot, historyTable: this.historyTable });
      functions.set(action, stdFunction.function);
    }

    const stateMachines = new Map<string, WorkflowStateMachine>();
    for (const workflow of props.workflows) {
      const name = workflow.metadata.name;
      if (stateMachines.has(name)) {
        throw new Error(`Workflow name "${name}" of ${workflow.file} is already used by another file: rename one of them.`);
      }
      const stateMachine = new WorkflowStateMachine(this, `Workflow-${name}`, { workflow, actionFunctions: functions });
      stateMachines.set(name, stateMachine);
      const triggers = workflow.metadata.triggers ?? [];
      if (triggers.length > 0) {
        new WorkflowSchedules(this, `Schedules-${name}`, { workflowName: name, stateMachine: stateMachine.stateMachine, triggers });
      }
    }
    this.stateMachines = stateMachines;
  }

  /** The state machine of every workflow, for constructs that take `sfn.IStateMachine[]`. */
  get allStateMachines(): sfn.StateMachine[] {
    return [...this.stateMachines.values()].map((workflow) => workflow.stateMachine);
  }

  /**
   * The state machine of every workflow, with ARNs built from the names. Use
   * them for grants to the approval request function, which the state
   * machines invoke, because a reference would form a dependency cycle.
   */
  get allStateMachinesByName(): sfn.IStateMachine[] {
    return [...this.stateMachines.values()].map((workflow) => workflow.stateMachineByName);
  }

  /** Sets the function that every `std.approval` task invokes, and grants it to the workflows that use it. */
  setApprovalRequestFunction(fn: lambda.IFunction): void {
    for (const stateMachine of this.stateMachines.values()) {
      stateMachine.setApprovalRequestFunction(fn);
    }
  }

  /**
   * Creates one function per distinct action placeholder, shared by every
   * workflow that uses it. Built-in actions such as `std.approval` have no
   * action placeholder, so they get no function here.
   */
  private createActionFunctions(props: SiroccoStackProps): Map<string, ActionFunction> {
    const actions = [
      ...new Set(
        props.workflows.flatMap((workflow) =>
          workflow.metadata.substitutions.flatMap((substitution) =>
            substitution.kind === 'action' ? [substitution.action] : [],
          ),
        ),
      ),
    ].sort();
    const functions = new Map<string, ActionFunction>();

    for (const action of actions) {
      const { system, name } = parseActionName(action);
      const systemUrl = Object.hasOwn(props.settings.systems, system) ? props.settings.systems[system] : undefined;
      const actionFunction = new ActionFunction(this, `Action-${system}-${name}`, {
        action,
        actionsDir: props.actionsDir ?? join(props.projectRoot, 'lambdas', 'actions'),
        projectRoot: props.projectRoot,
        systemUrl,
        historyTable: this.historyTable,
      });
      if (systemUrl === undefined) {
        warnMissingSystemUrl(actionFunction, action, system);
      }
      functions.set(action, actionFunction);
    }

    return functions;
  }
}

/**
 * Warns that an action's system has no base URL. The synth goes on, because an
 * action that only computes needs none, and an action that calls its system
 * fails at call time with the same advice (lambdas/shared/system-url.ts).
 */
function warnMissingSystemUrl(actionFunction: ActionFunction, action: string, system: string): void {
  Annotations.of(actionFunction).addWarningV2(
    'sirocco:systemUrlMissing',
    `Action "${action}" gets no SYSTEM_URL, because the cdk.json context "sirocco:systems" has no base URL of system "${system}": ` +
      'add it there if the action calls its system.',
  );
}
