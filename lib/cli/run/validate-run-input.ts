import { HttpError } from '../../../lambdas/control/http';
import { validateWorkflowInput } from '../../../lambdas/control/input-validation';
import { compileWorkflowFile } from '../compile-workflow-file';
import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';

const QUIET: CliOutput = { stdout: () => undefined, stderr: () => undefined, color: false };

type DeclaredInput = { name: string; default?: unknown };

/**
 * Parses `--input` as a JSON object and checks it with validateRunInput.
 * Throws UsageError naming the text, with an example built from the
 * workflow's own inputs.
 */
export function parseRunInput(text: string, file: string, actionsDir: string, workflow?: string): Record<string, unknown> {
  const compiled = compileWorkflowFile(file, actionsDir, QUIET, workflow);
  const input = parseJsonObject(text, exampleInput(compiled?.metadata.input));

  validateRunInput(file, actionsDir, input, workflow);
  return input;
}

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

function parseJsonObject(text: string, example: string): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Invalid --input '${text}': ${(error as Error).message}. Pass a JSON object such as '${example}'.`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UsageError(`Invalid --input '${text}': expected a JSON object, such as '${example}'.`);
  }
  return input as Record<string, unknown>;
}

/**
 * Returns an example input: the required inputs with "..." as the value or,
 * when every input has a default, each input with its default. Without the
 * declared inputs of a compiled workflow, returns a placeholder object.
 */
function exampleInput(declared: DeclaredInput[] | undefined): string {
  if (declared === undefined) return '{"name": "value"}';

  const required = declared.filter((input) => !('default' in input));
  if (required.length > 0) return JSON.stringify(Object.fromEntries(required.map((input) => [input.name, '...'])));
  return JSON.stringify(Object.fromEntries(declared.map((input) => [input.name, input.default])));
}
