import { resolve } from 'node:path';

import { App } from 'aws-cdk-lib';

import { addSiroccoStack } from '../lib/cdk/sirocco-app';
import { formatDiagnostic } from '../lib/diagnostics/format';

const projectRoot = resolve(__dirname, '..');

/**
 * Synthesizes the `Sirocco` stack from every workflow in workflows/*.yaml, or
 * from the folder in the context key `sirocco:workflowsDir`, with the action
 * handlers of `sirocco:actionsDir` (lib/cdk/sirocco-app.ts lists the keys).
 * Prints the diagnostics, and exits with status 1 when a workflow has an error.
 */
function main(): void {
  const app = new App();
  const { compilation, stack } = addSiroccoStack(app, projectRoot);

  for (const diagnostic of compilation.diagnostics) {
    console.error(
      formatDiagnostic(diagnostic, compilation.sources.get(diagnostic.file), { color: process.stderr.isTTY }),
    );
  }
  if (!stack) {
    const errors = compilation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    console.error(`Synthesis stopped: ${errors.length} workflow error(s). Fix them and run synth again.`);
    process.exit(1);
  }

  app.synth();
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
