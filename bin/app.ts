import { join, resolve } from 'node:path';

import { App } from 'aws-cdk-lib';

import { listActions } from '../lib/cdk/action-naming';
import { formatDiagnostic } from '../lib/cdk/format-diagnostic';
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

  new SiroccoStack(app, 'Sirocco', { workflows: compilation.workflows, settings, projectRoot });
  // TODO: wire the approvals, history and alerts constructs here once lib/cdk has them.

  app.synth();
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
