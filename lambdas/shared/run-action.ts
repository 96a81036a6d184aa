import type { Logger } from '@aws-lambda-powertools/logger';

import type { ActionEvent } from './action-event';

/**
 * Runs one action invocation with the workflow, execution and task as log keys.
 * Logs a failure with its error name and rethrows it, so that Step Functions
 * receives the error name (such as `SystemError.503` or `InvalidInput`).
 */
export async function runAction<Result>(
  logger: Logger,
  event: ActionEvent<unknown>,
  action: () => Promise<Result>,
): Promise<Result> {
  logger.resetKeys();
  logger.appendKeys({ workflow: event?.workflow, execution: event?.execution, task: event?.task });

  try {
    return await action();
  } catch (error) {
    logger.error('Action failed', error as Error);
    throw error;
  }
}
