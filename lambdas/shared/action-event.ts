/**
 * Payload that a compiled workflow sends to an action Lambda through
 * `arn:aws:states:::lambda:invoke`.
 */
export interface ActionEvent<Input = Record<string, unknown>> {
  /** Task input from the workflow, with every expression already evaluated. */
  input: Input;
  /** Step Functions execution ARN (`$states.context.Execution.Id`). */
  execution: string;
  /** Workflow name, as in the YAML `name`. */
  workflow: string;
  /**
   * Task name as in the YAML, which is also the Step Functions state name
   * except for a copy of the task: the copy's state is `<task>.<n>`, but its
   * events still name the task.
   */
  task: string;
}

/**
 * Payload of a `lambda:invoke.waitForTaskToken` task, such as `std.approval`.
 */
export interface CallbackActionEvent<Input = Record<string, unknown>>
  extends ActionEvent<Input> {
  /** Task token for SendTaskSuccess and SendTaskFailure. Never log it. */
  token: string;
  /** The task's `timeout` in seconds, so that the handler can set an expiry. */
  timeoutSeconds?: number;
}
