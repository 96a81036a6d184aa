import { join, resolve } from 'node:path';

import { App } from 'aws-cdk-lib';

import { listActions } from '../lib/cdk/action-naming';
import { Alerts } from '../lib/cdk/alerts';
import { ControlApi } from '../lib/cdk/control-api';
import { formatDiagnostic } from '../lib/cdk/format-diagnostic';
import { History } from '../lib/cdk/history';
import { readSiroccoSettings } from '../lib/cdk/sirocco-context';
import { SiroccoStack } from '../lib/cdk/sirocco-stack';
import { compileWorkflowFolder } from '../lib/cdk/workflow-compilation';

const projectRoot = resolve(__dirname, '..');

/**
 * Builds the `Sirocco` stack from every workflow in workflows/*.yaml, or from
 * the folder in the context key `sirocco:workflowsDir`. Exits with status 1,
 * after printing the diagnostics, when a workflow has an error.
 */
function main(): void {
  const app = new App();
  const settings = readSiroccoSettings(app.node);
  const workflowsDir = resolve(projectRoot, String(app.node.tryGetContext('sirocco:workflowsDir') ?? 'workflows'));

  const compilation = compileWorkflowFolder(workflowsDir, {
    baseDir: projectRoot,
    actions: listActions(join(projectRoot, 'lambdas', 'actions')),
  });
  for (const diagnostic of compilation.diagnostics) {
    console.error(formatDiagnostic(diagnostic, compilation.sources.get(diagnostic.file)));
  }
  const errors = compilation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    console.error(`Synthesis stopped: ${errors.length} workflow error(s).`);
    process.exit(1);
  }

  const stack = new SiroccoStack(app, 'Sirocco', { workflows: compilation.workflows, settings, projectRoot });
  new History(stack, 'History', { table: stack.historyTable, stateMachines: stack.allStateMachines, projectRoot });
  new Alerts(stack, 'Alerts', {
    table: stack.historyTable,
    topic: stack.alertsTopic,
    stateMachines: stack.allStateMachines,
    projectRoot,
  });
  new ControlApi(stack, 'ControlApi', { table: stack.historyTable, workflows: [...stack.stateMachines.values()], projectRoot });
  // TODO: add the Approvals construct and stack.setApprovalRequestFunction() once lib/cdk/approvals.ts is committed.

  app.synth();
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
