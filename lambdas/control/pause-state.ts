/** The suffix of the state that a `pause-before` or a `pause` command adds, such as `pay.pause`. */
const PAUSE_STATE_SUFFIX = '.pause';

/**
 * Returns the name that `POST /executions/{id}/resume` takes in `task` for a
 * pause state: `pay` for `pay.pause`, and `check.on-success` for the pause
 * command `check.on-success.pause`.
 */
export function resumeTaskOf(pauseState: string): string {
  return pauseState.endsWith(PAUSE_STATE_SUFFIX) ? pauseState.slice(0, -PAUSE_STATE_SUFFIX.length) : pauseState;
}
