import { type Command, InvalidArgumentError } from 'commander';

import type { ConnectionOptions } from '../aws/connection';
import { addConnectionOptions } from '../aws/connection-options';
import { callControlRoute, loadControlRoutes } from '../aws/control-call';
import { runExecutionCommand } from '../aws/run-execution-command';
import { formatColumns, styleStatus } from '../aws/text-style';
import type { CliOutput } from '../output';

interface HistoryOptions extends ConnectionOptions {
  status?: string;
  limit?: number;
  next?: string;
  json?: boolean;
}

interface ExecutionSummary {
  executionName: string;
  status: string;
  startDate?: string;
  stopDate?: string;
  redriveCount?: number;
  error?: string;
}

/** Registers `sirocco history`, which lists the recorded executions of a workflow, newest first. */
export function registerHistory(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  const command = program
    .command('history')
    .description('List the recorded executions of a workflow, newest first, one page at a time, from the local runtime, or from AWS with --aws.')
    .argument('<workflow>', 'workflow name')
    .option('--status <status>', 'only executions with this status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE')
    .option('--limit <n>', 'executions per page, from 1 to 100 (default: 20)', parseLimit)
    .option('--next <token>', 'continue the listing with the token that the previous page printed');
  addConnectionOptions(command).action(async (workflow: string, options: HistoryOptions) => {
    await runExecutionCommand(options, output, setExitCode, async (connection) => {
      const { listExecutions } = loadControlRoutes();
      const page = await callControlRoute(listExecutions, connection.context, {
        pathParameters: { name: workflow },
        query: { status: options.status, limit: options.limit?.toString(), next: options.next },
      });

      if (options.json) {
        output.stdout(`${JSON.stringify(page, null, 2)}\n`);
        return;
      }
      output.stdout(formatPage(workflow, page.executions as ExecutionSummary[], page.next as string | undefined, options, output));
    });
  });
}

function formatPage(
  workflow: string,
  executions: ExecutionSummary[],
  next: string | undefined,
  options: HistoryOptions,
  output: CliOutput,
): string {
  if (executions.length === 0) {
    return options.status === undefined
      ? `No recorded executions of workflow ${workflow}.\n`
      : `No ${options.status} executions of workflow ${workflow}.\n`;
  }

  const rows = [
    ['NAME', 'STATUS', 'STARTED', 'STOPPED', 'REDRIVES', 'ERROR'],
    ...executions.map((execution) => [
      execution.executionName,
      styleStatus(output, execution.status),
      execution.startDate ?? '-',
      execution.stopDate ?? '-',
      String(execution.redriveCount ?? 0),
      execution.error ?? '',
    ]),
  ];
  const lines = formatColumns(rows);
  if (next) lines.push('', `More executions: ${nextPageCommand(workflow, next, options)}`);
  return `${lines.join('\n')}\n`;
}

/** Returns the command that prints the next page, with the same filter and page size. */
function nextPageCommand(workflow: string, next: string, options: HistoryOptions): string {
  const words = ['npx sirocco history', workflow];
  if (options.status !== undefined) words.push('--status', options.status);
  if (options.limit !== undefined) words.push('--limit', String(options.limit));
  words.push('--next', next);
  return words.join(' ');
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new InvalidArgumentError(`'${value}' is not a valid limit. Use a whole number from 1 to 100.`);
  }
  return limit;
}
