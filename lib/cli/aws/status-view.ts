import type { PendingApproval } from '../../../lambdas/control/approval-progress';
import type { TaskProgress, TaskView } from '../../../lambdas/control/task-progress';
import { resumeTaskOf } from '../../../lambdas/control/pause-state';
import type { WaitingTask } from '../../../lambdas/control/waiting-tasks';
import type { CliOutput } from '../output';
import { causeMessage } from '../../../lambdas/history/error-cause';
import type { ApprovalLink } from './approval-links';
import { formatColumns, styleHeading, styleStatus } from './text-style';

/** The body of GET /executions/{id}, with the links of each pending approval. */
export interface ExecutionStatus {
  workflow: string;
  executionArn: string;
  executionName: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  redriveCount: number;
  output?: unknown;
  error?: string;
  cause?: string;
  tasks: TaskProgress;
  pendingApprovals: (PendingApproval & { links: ApprovalLink[] })[];
  decidedApprovals: { task: string; approver: string; decision: string; decidedAt: string; comment?: string }[];
  waitingTasks: WaitingTask[];
}

// Longer outputs are cut in the text view, and --json prints them whole.
const MAX_OUTPUT_CHARACTERS = 200;

/** Formats the status of an execution for a terminal. */
export function formatStatus(status: ExecutionStatus, output: CliOutput): string {
  const summary: string[][] = [
    ['Execution', `${status.executionName} (workflow ${status.workflow})`],
    ['ARN', status.executionArn],
    ['Status', styleStatus(output, status.status)],
    ['Started', status.startDate ?? '-'],
  ];
  if (status.stopDate) summary.push(['Stopped', status.stopDate]);
  if (status.redriveCount > 0) summary.push(['Redrives', String(status.redriveCount)]);
  if (status.output !== undefined) summary.push(['Output', shorten(JSON.stringify(status.output))]);
  if (status.error || status.cause) summary.push(['Error', errorText(status.error, status.cause)]);

  const lines = formatColumns(summary);
  lines.push('', styleHeading(output, 'Tasks'), ...formatTasks(status, output));
  if (status.waitingTasks.length > 0) {
    lines.push('', styleHeading(output, 'Waiting'), ...formatWaitingTasks(status));
  }

  // An ended execution can leave its approval group open until the approvals handler expires it.
  if (status.status === 'RUNNING' && status.pendingApprovals.length > 0) {
    lines.push('', styleHeading(output, 'Pending approvals'));
    for (const approval of status.pendingApprovals) lines.push(...formatPendingApproval(approval));
  }
  if (status.decidedApprovals.length > 0) {
    lines.push('', styleHeading(output, 'Decided approvals'));
    const rows = status.decidedApprovals.map((decision) => [
      `  ${decision.task}`,
      decision.decision,
      `by ${decision.approver}`,
      `at ${decision.decidedAt}`,
      decision.comment ? `"${decision.comment}"` : '',
    ]);
    lines.push(...formatColumns(rows));
  }
  return `${lines.join('\n')}\n`;
}

function formatTasks(status: ExecutionStatus, output: CliOutput): string[] {
  const { tasks } = status;
  const notReached = status.status === 'RUNNING' ? 'NOT YET REACHED' : 'NOT REACHED';
  const rows: string[][] = [
    ...tasks.done.map((task) => taskRow(task, output)),
    ...tasks.running.map((task) => taskRow(task, output)),
    ...tasks.failed.map((task) => taskRow(task, output)),
    ...tasks.notReached.map((name) => [`  ${name}`, notReached, '', '']),
  ];
  return rows.length > 0 ? formatColumns(rows) : ['  (no tasks)'];
}

function taskRow(task: TaskView, output: CliOutput): string[] {
  const attempts = task.attempts !== undefined && task.attempts > 1 ? `${task.attempts} attempts` : '';
  const error = task.error || task.cause ? errorText(task.error, task.cause) : '';
  return [`  ${task.name}`, styleStatus(output, task.status), attempts, error];
}

/** Joins the error name and the cause, keeping only the `errorMessage` of a Lambda error cause, without its stack trace. */
function errorText(error: string | undefined, cause: string | undefined): string {
  return [error, cause === undefined ? undefined : causeMessage(cause)].filter(Boolean).join(': ');
}

/**
 * Formats one line per pause or callback that the execution waits at, with
 * the command that continues it. `--task` is added only when the execution
 * waits at several pauses, because a plain resume resumes them all.
 */
function formatWaitingTasks(status: ExecutionStatus): string[] {
  const pauses = status.waitingTasks.filter((waiting) => waiting.reason !== 'completion');
  const execution = status.executionName;

  return status.waitingTasks.map((waiting) => {
    if (waiting.reason === 'completion') {
      return `  ${waiting.task} waits for its result: run 'sirocco complete ${execution} ${waiting.state} --output JSON' to complete it, or --error NAME to fail it.`;
    }
    const resume = pauses.length > 1 ? `sirocco resume ${execution} --task ${resumeTaskOf(waiting.state)}` : `sirocco resume ${execution}`;
    if (waiting.reason === 'pause-before') return `  Paused before ${waiting.task}: run '${resume}' to continue.`;
    return `  Paused after ${waiting.task} by the pause command: run '${resume}' to end this path.`;
  });
}

function formatPendingApproval(approval: PendingApproval & { links: ApprovalLink[] }): string[] {
  const approvers = approval.approvers === 1 ? '1 approver' : `${approval.approvers} approvers`;
  const lines = [`  ${approval.task}: ${approval.status}, ${approvers}, deadline ${approval.deadline}`];
  for (const link of approval.links) {
    lines.push(`    ${link.approver}  ${link.url ?? `approval id ${link.approvalId} (pass --approvals-url for the link)`}`);
  }
  return lines;
}

function shorten(text: string): string {
  return text.length > MAX_OUTPUT_CHARACTERS ? `${text.slice(0, MAX_OUTPUT_CHARACTERS)}... (--json prints it whole)` : text;
}
