import { HttpError } from './http';
import type { WorkflowEntry } from './workflow-catalog';

/**
 * Rejects a start request whose body misses a required input or carries an
 * undeclared one. `inputs` are the workflow's declared inputs, as the
 * compiler metadata and the WORKFLOWS catalog list them. The 400 lists every
 * such field, each in its own sentence.
 */
export function validateWorkflowInput(
  workflow: string,
  inputs: WorkflowEntry['input'],
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
  for (const field of Object.keys(body)) {
    if (!declared.has(field)) {
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
