import { existsSync } from 'fs';
import type { Command } from 'commander';
import { compileFile } from '../../compiler';
import { formatDiagnostic } from '../../diagnostics/format';
import { defaultActionsDir, discoverActions } from '../discover-actions';
import { ExitCode, UsageError } from '../exit-codes';
import type { CliOutput } from '../output';
import { readSource } from '../read-source';
import { expandWorkflowFiles, workflowFilesOf } from '../workflow-files';

const defaultWorkflowsDir = 'workflows';

function defaultFiles(): string[] {
  if (!existsSync(defaultWorkflowsDir)) {
    throw new UsageError(`No files given and no '${defaultWorkflowsDir}' folder here: pass the workflow files to validate.`);
  }
  return workflowFilesOf(defaultWorkflowsDir);
}

/** Compiles each file, prints its diagnostics and returns the exit code. */
export function validateFiles(files: string[], actionsDir: string, output: CliOutput): number {
  const actions = discoverActions(actionsDir);
  let errors = 0;
  let warnings = 0;

  // Read every file first, so that a wrong path fails before any diagnostic is printed.
  const sources = files.map((file) => ({ file, source: readSource(file) }));
  let workflows = 0;
  for (const { file, source } of sources) {
    const result = compileFile(source, { file, actions, actionsFolder: { path: actionsDir, exists: existsSync(actionsDir) } });
    workflows += Math.max(1, result.workflows.length);
    for (const diagnostic of result.diagnostics) {
      output.stdout(`${formatDiagnostic(diagnostic, source, { color: output.color })}\n`);
      if (diagnostic.severity === 'error') errors++;
      if (diagnostic.severity === 'warning') warnings++;
    }
  }

  const checked = `${workflows} workflow${workflows === 1 ? '' : 's'}`;
  output.stdout(`${checked} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`);

  return errors > 0 ? ExitCode.diagnostics : ExitCode.ok;
}

export function registerValidate(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description('Check workflow files and print their diagnostics (default: workflows/*.yaml).')
    .argument('[files...]', 'workflow YAML files, or folders whose .yaml and .yml files to check (not recursively)')
    .option('--actions-dir <dir>', 'folder of the action Lambdas, <system>/<name>.ts', defaultActionsDir)
    .action((files: string[], options: { actionsDir: string }) => {
      setExitCode(validateFiles(files.length > 0 ? expandWorkflowFiles(files) : defaultFiles(), options.actionsDir, output));
    });
}
