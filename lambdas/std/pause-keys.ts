/**
 * Index keys of a pause row: the callback row of a `pause-before` state
 * (lambdas/std/callback-keys.ts) also carries gsi1pk `EXEC#<execution ARN>`
 * and gsi1sk `PAUSE#<state name>`, so that the `byWorkflow` index lists the
 * pauses of one execution.
 */

export const PAUSE_SORT_PREFIX = 'PAUSE#';

export function pauseIndexKeys(executionArn: string, stateName: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: `EXEC#${executionArn}`, gsi1sk: `${PAUSE_SORT_PREFIX}${stateName}` };
}
