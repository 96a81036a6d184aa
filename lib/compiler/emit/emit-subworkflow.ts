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
 * result contains the child's Output as JSON). The input also gets `__env`,
 * the parent's Mistral environment (`{}` when it has none), and
 * `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID`, which links the child
 * execution to its parent in the Step Functions console. An input written as
 * one expression gets them at run time when it evaluates to an object.
 */
export function subworkflowTask(task: Task & { workflow: string }, input: unknown): Record<string, unknown> {
  return {
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Arguments: { StateMachineArn: `\${${workflowSubstitutionKey(task.workflow)}}`, Input: linkedInput(input) },
  };
}

const links = {
  __env: environmentValue,
  AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: '$states.context.Execution.Id',
};

function linkedInput(input: unknown): unknown {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    return { ...input, ...Object.fromEntries(Object.entries(links).map(([key, value]) => [key, jsonataString(value)])) };
  }

  const expression = typeof input === 'string' ? /^\{%([\s\S]*)%\}$/.exec(input)?.[1] : undefined;
  if (expression === undefined) return input;
  const fields = Object.entries(links).map(([key, value]) => `"${key}": ${value}`).join(', ');
  return jsonataString(`($child_input := (${expression.trim()}); $type($child_input) = 'object' ? $merge([$child_input, {${fields}}]) : $child_input)`);
}
