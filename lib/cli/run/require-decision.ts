import type { WorkflowMetadata } from '../../compiler/types';
import { compileWorkflowFile } from '../compile-workflow-file';
import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';
import type { Decision } from './approval-decider';
import { findRunWorkflowFiles } from './run-workflow-files';

const QUIET: CliOutput = { stdout: () => undefined, stderr: () => undefined, color: false };

const APPROVAL_ACTION = 'std.approval';

/** Returns the approval tasks of each workflow, as `workflow.task`. */
export function approvalTasksOf(workflows: WorkflowMetadata[]): string[] {
  return workflows.flatMap((workflow) =>
    workflow.tasks.filter((task) => task.action === APPROVAL_ACTION).map((task) => `${workflow.name}.${task.name}`),
  );
}

/**
 * Throws UsageError when a run without a terminal reaches approval tasks and
 * has no decision, because no one could open the approval link, so the run
 * would wait until it is stopped.
 */
export function requireDecisionWithoutTerminal(
  approvalTasks: string[],
  decision: Decision | undefined,
  terminal: boolean,
): void {
  if (decision !== undefined || terminal || approvalTasks.length === 0) return;

  const tasks = approvalTasks.map((task) => `'${task}'`).join(', ');
  throw new UsageError(
    `The workflow waits for approval at ${tasks}, and stdin is not a terminal, so the approval link cannot be opened here. ` +
      'Pass --approve or --reject to decide every approval.',
  );
}

/**
 * Runs requireDecisionWithoutTerminal on the approval tasks of the workflow
 * in `file` and of the sub-workflows of its folder that it calls. A file that
 * does not compile passes here, because the run then prints its diagnostics.
 */
export function requireDecisionForApprovals(
  file: string,
  options: { actionsDir: string; workflow?: string; decision?: Decision; terminal: boolean },
): void {
  if (options.decision !== undefined || options.terminal) return;
  const compiled = compileWorkflowFile(file, options.actionsDir, QUIET, options.workflow);
  if (!compiled) return;

  const { workflows } = findRunWorkflowFiles(file, compiled.metadata.name, options.actionsDir);
  requireDecisionWithoutTerminal(approvalTasksOf(workflows), options.decision, options.terminal);
}
