import { HttpError } from '../../../lambdas/control/http';
import { validateWorkflowInput } from '../../../lambdas/control/input-validation';
import { compileWorkflowFile } from '../compile-workflow-file';
import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';

const QUIET: CliOutput = { stdout: () => undefined, stderr: () => undefined, color: false };

/**
 * Checks `input` against the inputs that the workflow declares, with the
 * check that the control API runs before StartExecution, so that a missing
 * or unknown field fails before anything starts. Throws UsageError naming
 * each such field. A file that does not compile passes here, because the
 * run then prints its diagnostics.
 */
export function validateRunInput(file: string, actionsDir: string, input: Record<string, unknown>, workflow?: string): void {
  const compiled = compileWorkflowFile(file, actionsDir, QUIET, workflow);
  if (!compiled) return;

  const { name, input: declared } = compiled.metadata;
  try {
    validateWorkflowInput(name, declared, input);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    throw new UsageError(`${error.message} Pass the input with --input, such as --input '${exampleInput(declared)}'.`);
  }
}

function exampleInput(declared: { name: string; default?: unknown }[]): string {
  const required = declared.filter((input) => !('default' in input));
  return JSON.stringify(Object.fromEntries(required.map((input) => [input.name, '...'])));
}
