import { environmentValue } from '../../dsl/mistral-forms';
import type { Task } from '../../dsl/model';
import { jsonataString } from './jsonata-text';

/** Placeholder key of a sub-workflow's state machine ARN in `definitionSubstitutions`. */
export function workflowSubstitutionKey(workflow: string): string {
  return `Workflow_${workflow.replace(/[.-]/g, '_')}`;
}

/**
 * Returns the Resource and Arguments of a `workflow:` task, which starts the
 * child state machine and waits for it (`startExecution.sync:2`, whose
 * result contains the child's Output as JSON). An input mapping also gets
 * `__env`, the parent's Mistral environment (`{}` when it has none), and
 * `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID`, which links the child
 * execution to its parent in the Step Functions console.
 */
export function subworkflowTask(task: Task & { workflow: string }, input: unknown): Record<string, unknown> {
  // TODO: pass `__env` on when the input is one expression rather than a mapping.
  const linked =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? {
          ...input,
          __env: jsonataString(environmentValue),
          AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: '{% $states.context.Execution.Id %}',
        }
      : input;

  return {
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Arguments: { StateMachineArn: `\${${workflowSubstitutionKey(task.workflow)}}`, Input: linked },
  };
}
