import { join, resolve } from 'node:path';

import { App } from 'aws-cdk-lib';

import { listActions } from './action-naming';
import { Alerts } from './alerts';
import { Approvals } from './approvals';
import { ControlApi } from './control-api';
import { History } from './history';
import { readSiroccoSettings } from './sirocco-context';
import { SiroccoStack } from './sirocco-stack';
import { compileWorkflowFolder, WorkflowCompilation } from './workflow-compilation';

export interface SiroccoAppResult {
  compilation: WorkflowCompilation;
  /** Undefined when a workflow has an error diagnostic. */
  stack?: SiroccoStack;
}

/**
 * Compiles the workflows of the folder in the context key `sirocco:workflowsDir`
 * (default `workflows/`) and, when none has an error, adds the `Sirocco` stack
 * with the approvals, history, alerts and control API constructs.
 * Throws InvalidContextError for an invalid `sirocco:*` context value.
 */
export function addSiroccoStack(app: App, projectRoot: string): SiroccoAppResult {
  const settings = readSiroccoSettings(app.node);
  const workflowsDir = resolve(projectRoot, String(app.node.tryGetContext('sirocco:workflowsDir') ?? 'workflows'));

  const compilation = compileWorkflowFolder(workflowsDir, {
    baseDir: projectRoot,
    actions: listActions(join(projectRoot, 'lambdas', 'actions')),
  });
  if (compilation.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    return { compilation };
  }

  const stack = new SiroccoStack(app, 'Sirocco', { workflows: compilation.workflows, settings, projectRoot });
  const workflows = [...stack.stateMachines.values()];
  const table = stack.historyTable;

  const approvals = new Approvals(stack, 'Approvals', {
    table,
    stateMachines: stack.allStateMachinesByName,
    baseUrl: settings.approvalsBaseUrl,
    fromEmail: settings.approverDefaults.fromEmail,
    projectRoot,
  });
  stack.setApprovalRequestFunction(approvals.requestFunction);
  new History(stack, 'History', { table, workflows, alarmTopic: stack.alertsTopic, projectRoot });
  new Alerts(stack, 'Alerts', { table, topic: stack.alertsTopic, workflows, projectRoot });
  new ControlApi(stack, 'ControlApi', { table, workflows, projectRoot });

  return { compilation, stack };
}
