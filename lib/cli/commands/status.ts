import type { Command } from 'commander';

import type { ConnectionOptions } from '../aws/connection';
import { addConnectionOptions } from '../aws/connection-options';
import { callControlRoute, loadControlRoutes } from '../aws/control-call';
import { runExecutionCommand } from '../aws/run-execution-command';
import { formatStatus, type ExecutionStatus } from '../aws/status-view';
import type { CliOutput } from '../output';

/** Registers `sirocco status`, which prints an execution's status, tasks, approvals and error. */
export function registerStatus(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  const command = program
    .command('status')
    .description('Print the status of an execution on the local runtime, or on AWS with --aws: tasks done, running and not yet reached, pauses and std.async_noop tasks that wait with the command that continues each, pending approvals with their links, and the error.')
    .argument('<execution>', 'execution name or ARN');
  addConnectionOptions(command).action(async (execution: string, options: ConnectionOptions & { json?: boolean }) => {
    await runExecutionCommand(options, output, setExitCode, async (connection) => {
      const { describeExecution, readApprovalLinks } = loadControlRoutes();
      const described = await callControlRoute(describeExecution, connection.context, {
        pathParameters: { id: execution },
      });
      const pendingApprovals = await Promise.all(
        (described.pendingApprovals as ExecutionStatus['pendingApprovals']).map(async (approval) => ({
          ...approval,
          links: await readApprovalLinks(connection.context, approval.groupId, connection.approvalsBaseUrl),
        })),
      );
      const status = { ...described, pendingApprovals } as ExecutionStatus;

      output.stdout(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status, output));
    });
  });
}
