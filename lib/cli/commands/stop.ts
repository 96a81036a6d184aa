import type { Command } from 'commander';

import type { ConnectionOptions } from '../aws/connection';
import { addConnectionOptions } from '../aws/connection-options';
import { callControlRoute, loadControlRoutes } from '../aws/control-call';
import { runExecutionCommand } from '../aws/run-execution-command';
import type { CliOutput } from '../output';

interface StopOptions extends ConnectionOptions {
  error?: string;
  cause?: string;
  json?: boolean;
}

/** Registers `sirocco stop`, which aborts a running execution. */
export function registerStop(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  const command = program
    .command('stop')
    .description('Abort a running execution on the local runtime, or on AWS with --aws.')
    .argument('<execution>', 'execution name or ARN')
    .option('--error <error>', 'error name recorded as the reason')
    .option('--cause <cause>', 'cause recorded as the reason');
  addConnectionOptions(command).action(async (execution: string, options: StopOptions) => {
    await runExecutionCommand(options, output, setExitCode, async (connection) => {
      const { stopExecution } = loadControlRoutes();
      const stopped = await callControlRoute(stopExecution, connection.context, {
        pathParameters: { id: execution },
        body: { error: options.error, cause: options.cause },
      });

      if (options.json) {
        output.stdout(`${JSON.stringify(stopped, null, 2)}\n`);
        return;
      }
      output.stdout(`Stopped execution ${stopped.executionArn} at ${stopped.stopDate}.\n`);
    });
  });
}
