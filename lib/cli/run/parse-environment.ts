import { InvalidArgumentError } from 'commander';

/**
 * Parses the `--env <json>` option: Mistral's environment, a JSON object
 * that `env()` in the workflow and in its sub-workflows reads.
 */
export function parseEnvironment(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(`'${text}' is not valid JSON (${(error as Error).message}): pass a JSON object such as '{"region": "eu-west-1"}'.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidArgumentError(`'${text}' is not a JSON object: pass the environment as '{"name": value}'.`);
  }

  return parsed as Record<string, unknown>;
}
