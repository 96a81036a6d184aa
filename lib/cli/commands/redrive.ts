import type { Command } from 'commander';

import type { ConnectionOptions } from '../aws/connection';
import { addConnectionOptions } from '../aws/connection-options';
import { callControlRoute, loadControlRoutes } from '../aws/control-call';
import { runExecutionCommand } from '../aws/run-execution-command';
import type { CliOutput } from '../output';

/** Registers `sirocco redrive`, which resumes a failed, timed out or aborted execution from the state that stopped it. */
export function registerRedrive(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  const command = program
    .command('redrive')
    .description('Resume a failed, timed out or aborted execution from the state that stopped it (within 14 days), on the local runtime, or on AWS with --aws.')
    .argument('<execution>', 'execution name or ARN');
  addConnectionOptions(command).action(async (execution: string, options: ConnectionOptions & { json?: boolean }) => {
    await runExecutionCommand(options, output, setExitCode, async (connection) => {
      const { redriveExecution } = loadControlRoutes();
      const redriven = await callControlRoute(redriveExecution, connection.context, {
        pathParameters: { id: execution },
      });

      if (options.json) {
        output.stdout(`${JSON.stringify(redriven, null, 2)}\n`);
        return;
      }
      output.stdout(`Redrive started for execution ${redriven.executionArn} at ${redriven.redriveDate}.\n`);
    });
  });
}
