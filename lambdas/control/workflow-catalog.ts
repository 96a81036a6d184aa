/**
 * The deployed workflows, as the ControlApi construct writes them into the
 * WORKFLOWS environment variable from the compiler metadata.
 */
export interface WorkflowEntry {
  stateMachineArn: string;
  /** Declared inputs. An input without `default` is required. */
  input: { name: string; default?: unknown }[];
  /** Task names in source order, equal to their Step Functions state names. */
  tasks: string[];
  /** Names of the `std.approval` tasks, whose approval groups the API reads. */
  approvalTasks?: string[];
  /** Task of each state that the compiler copied, such as `c.2` for task `c`, by state name. */
  stateTasks?: Record<string, string>;
}

export type WorkflowCatalog = Record<string, WorkflowEntry>;

/** Parses the WORKFLOWS variable, naming what is wrong when it is not a catalog. */
export function parseWorkflowCatalog(text: string | undefined): WorkflowCatalog {
  if (!text) {
    throw new Error(
      'Environment variable WORKFLOWS is missing: set it to {"<workflow>": {"stateMachineArn", "input", "tasks"}}.',
    );
  }

  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('Environment variable WORKFLOWS is not a JSON object keyed by workflow name.');
  }
  for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
    const candidate = entry as Partial<WorkflowEntry> | null;
    if (
      typeof candidate?.stateMachineArn !== 'string' ||
      !Array.isArray(candidate.input) ||
      !Array.isArray(candidate.tasks)
    ) {
      throw new Error(
        `WORKFLOWS entry "${name}" is invalid: it needs a stateMachineArn string and input and tasks arrays.`,
      );
    }
  }
  return parsed as WorkflowCatalog;
}

/** Builds the ARN of an execution from its state machine ARN and name. */
export function executionArnOf(stateMachineArn: string, executionName: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}
