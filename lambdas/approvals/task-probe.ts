import { SendTaskHeartbeatCommand, type SFNClient } from '@aws-sdk/client-sfn';

// Errors after which a token can never complete its task: the task timed out or finished,
// or the token does not name a task.
export const TASK_CLOSED_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Returns whether the task of a token is closed, by sending SendTaskHeartbeat: it fails with
 * TaskTimedOut for a closed task and changes nothing for an open one unless the task sets
 * HeartbeatSeconds. Returns undefined when the state is unknown (throttling, network, IAM).
 */
export async function isTaskClosed(sfn: SFNClient, token: string): Promise<boolean | undefined> {
  try {
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    return false;
  } catch (error) {
    if (error instanceof Error && TASK_CLOSED_ERRORS.has(error.name)) {
      return true;
    }
    return undefined;
  }
}
