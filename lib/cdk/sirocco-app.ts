import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { App } from 'aws-cdk-lib';

import { listActions } from './action-naming';
import { Alerts } from './alerts';
import { Approvals } from './approvals';
import { ControlApi } from './control-api';
import { History } from './history';
import { InvalidContextError, readActionsDir, readSiroccoSettings, readWorkflowFiles } from './sirocco-context';
import { SiroccoStack } from './sirocco-stack';
import { compileWorkflowFolder, WorkflowCompilation } from './workflow-compilation';

export interface SiroccoAppResult {
  compilation: WorkflowCompilation;
  /** Undefined when a workflow has an error diagnostic. */
  stack?: SiroccoStack;
}

/**
 * Compiles the workflows of the folder in the context key `sirocco:workflowsDir`
 * (default `workflows/`), or only its files named in `sirocco:workflowFiles`,
 * with the action handlers of `sirocco:actionsDir` (default `lambdas/actions/`).
 * When no workflow has an error, adds the `Sirocco` stack with the approvals,
 * history, alerts and control API constructs.
 * Throws InvalidContextError for an invalid `sirocco:*` context value.
 */
export function addSiroccoStack(app: App, projectRoot: string): SiroccoAppResult {
  const settings = readSiroccoSettings(app.node);
  const workflowsDir = resolve(projectRoot, String(app.node.tryGetContext('sirocco:workflowsDir') ?? 'workflows'));
  const actionsDir = readActionsDir(app.node, projectRoot);

  const folderCompilation = compileWorkflowFolder(workflowsDir, { baseDir: projectRoot, actions: listActions(actionsDir) });
  const compilation = selectWorkflowFiles(folderCompilation, workflowsDir, readWorkflowFiles(app.node), projectRoot);
  if (compilation.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    return { compilation };
  }

  const stack = new SiroccoStack(app, 'Sirocco', { workflows: compilation.workflows, settings, projectRoot, actionsDir });
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

/**
 * Keeps the workflows and diagnostics of the named files of `workflowsDir`,
 * so that an unrelated file with errors in the same folder does not stop the
 * synthesis. Keeps everything when `files` is undefined.
 */
function selectWorkflowFiles(
  compilation: WorkflowCompilation,
  workflowsDir: string,
  files: string[] | undefined,
  projectRoot: string,
): WorkflowCompilation {
  if (files === undefined) return compilation;

  const selected = new Set<string>();
  for (const name of files) {
    const file = join(workflowsDir, name);
    if (!existsSync(file)) {
      throw new InvalidContextError(`Invalid context "sirocco:workflowFiles": ${file} does not exist. Name files of ${workflowsDir}.`);
    }
    selected.add(relative(projectRoot, file));
  }

  return {
    workflows: compilation.workflows.filter((workflow) => selected.has(workflow.file)),
    diagnostics: compilation.diagnostics.filter((diagnostic) => selected.has(diagnostic.file)),
    sources: compilation.sources,
  };
}
