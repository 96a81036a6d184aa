import { HttpError } from './http';
import type { WorkflowEntry } from './workflow-catalog';

/**
 * A declared input as the compiler metadata lists it. `allowed` lists the
 * values that the input accepts besides its default, when it accepts only some.
 */
type DeclaredInput = WorkflowEntry['input'][number] & { allowed?: string[] };

/** Execution input key of Mistral's environment, which `env()` in a workflow reads. */
export const environmentKey = '__env';

/** Request body field of the environment, beside the input fields. */
export const environmentField = 'env';

/**
 * Returns the execution input of a start request body: the workflow inputs,
 * plus the body's `env` object under `__env`. `env` stays an input field when
 * the workflow declares an input of that name. Throws a 400 for an `env`
 * that is not a JSON object and for the input problems of
 * validateWorkflowInput.
 */
export function executionInputOf(
  workflow: string,
  inputs: DeclaredInput[],
  body: Record<string, unknown>,
): Record<string, unknown> {
  const input = { ...body };
  const environment = inputs.some((declared) => declared.name === environmentField) ? undefined : input[environmentField];
  if (environment !== undefined) delete input[environmentField];

  if (environment !== undefined && !isJsonObject(environment)) {
    throw new HttpError(
      400,
      'InvalidEnvironment',
      `The "${environmentField}" field is ${JSON.stringify(environment)}: send the environment as a JSON object, such as {"region": "eu-west-1"}.`,
    );
  }
  validateWorkflowInput(workflow, inputs, input);

  return environment === undefined ? input : { ...input, [environmentKey]: environment };
}

/** Returns the sentence that rejects `value` for an input with an `allowed` list, or undefined when the input accepts it. */
function disallowedValueMessage(workflow: string, input: DeclaredInput, value: unknown): string | undefined {
  if (input.allowed === undefined) return undefined;
  if (typeof value === 'string' && input.allowed.includes(value)) return undefined;
  if ('default' in input && JSON.stringify(value) === JSON.stringify(input.default)) return undefined;

  const orDefault = 'default' in input ? `, or leave it out for the default ${JSON.stringify(input.default)}` : '';
  return `Input field "${input.name}" is ${JSON.stringify(value)}, which workflow "${workflow}" does not allow: send one of ${input.allowed.join(', ')}${orDefault}.`;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rejects a start request whose body misses a required input, carries an
 * undeclared one or the reserved `__env`, or gives an input a value that its
 * `allowed` list does not contain. `inputs` are the workflow's declared inputs, as the
 * compiler metadata and the WORKFLOWS catalog list them. The 400 lists every
 * such field, each in its own sentence.
 */
export function validateWorkflowInput(
  workflow: string,
  inputs: DeclaredInput[],
  body: Record<string, unknown>,
): void {
  const declared = new Set(inputs.map((input) => input.name));
  const declaredList = inputs.map((input) => input.name).join(', ') || 'no input';
  const problems: { field: string; message: string }[] = [];

  for (const input of inputs) {
    if (!('default' in input) && !(input.name in body)) {
      problems.push({
        field: input.name,
        message: `Input field "${input.name}" is missing: workflow "${workflow}" requires it.`,
      });
    }
  }
  for (const input of inputs) {
    const message = input.name in body ? disallowedValueMessage(workflow, input, body[input.name]) : undefined;
    if (message !== undefined) problems.push({ field: input.name, message });
  }
  for (const field of Object.keys(body)) {
    if (field === environmentKey) {
      problems.push({
        field,
        message: `Input field "${environmentKey}" is reserved for the environment that env() reads: pass the environment as the "${environmentField}" object beside the input fields, or with --env on the command line.`,
      });
    } else if (!declared.has(field)) {
      problems.push({
        field,
        message: `Input field "${field}" is unknown: workflow "${workflow}" declares ${declaredList}.`,
      });
    }
  }

  if (problems.length > 0) {
    throw new HttpError(
      400,
      'InvalidInput',
      problems.map((problem) => problem.message).join(' '),
      { fields: problems },
    );
  }
}

// Step Functions execution names: 1 to 80 characters, without whitespace,
// control characters or any of < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /
const INVALID_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** Returns the execution name for an Idempotency-Key header, or a 400 naming the problem. */
export function executionNameOf(idempotencyKey: string): string {
  if (idempotencyKey.length === 0 || idempotencyKey.length > 80) {
    throw new HttpError(
      400,
      'InvalidIdempotencyKey',
      `The Idempotency-Key header has ${idempotencyKey.length} characters: send 1 to 80, such as a UUID.`,
    );
  }
  if (INVALID_NAME_CHARACTERS.test(idempotencyKey)) {
    throw new HttpError(
      400,
      'InvalidIdempotencyKey',
      `The Idempotency-Key header "${idempotencyKey}" contains a character that Step Functions execution names reject: use letters, digits, "-" and "_", such as a UUID.`,
    );
  }
  return idempotencyKey;
}
