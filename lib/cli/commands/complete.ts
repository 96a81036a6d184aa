import type { Command } from 'commander';

import type { ConnectionOptions } from '../aws/connection';
import { addConnectionOptions } from '../aws/connection-options';
import { callControlRoute, loadControlRoutes } from '../aws/control-call';
import { runExecutionCommand } from '../aws/run-execution-command';
import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';

interface CompleteOptions extends ConnectionOptions {
  output?: string;
  error?: string;
  cause?: string;
  json?: boolean;
}

/** Registers `sirocco complete`, which completes a `std.async_noop` task that waits for its result. */
export function registerComplete(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  const command = program
    .command('complete')
    .description(
      'Complete a std.async_noop task that waits for its result, with a result or an error, on the local runtime, or on AWS with --aws. A std.approval task is decided through its approval links instead, which status prints.',
    )
    .argument('<execution>', 'execution name or ARN')
    .argument('<task>', 'name of the waiting std.async_noop task')
    .option('--output <json>', 'result of the task, as JSON (default: {})')
    .option('--error <name>', 'fail the task with this error name instead')
    .option('--cause <text>', 'cause of the error, with --error');
  addConnectionOptions(command).action(async (execution: string, task: string, options: CompleteOptions) => {
    await runExecutionCommand(options, output, setExitCode, async (connection) => {
      const body = requestBody(options);
      const { completeTask } = loadControlRoutes();
      const completed = await callControlRoute(completeTask, connection.context, { pathParameters: { id: execution, task }, body });

      if (options.json) {
        output.stdout(`${JSON.stringify(completed, null, 2)}\n`);
        return;
      }
      const outcome = completed.completed === 'failure' ? `failed it with ${options.error}` : 'completed it';
      output.stdout(`Sent the result of task ${task} of execution ${completed.executionArn}: ${outcome}.\n`);
    });
  });
}

function requestBody(options: CompleteOptions): Record<string, unknown> {
  if (options.error !== undefined) {
    if (options.output !== undefined) throw new UsageError('Give either --output or --error, not both.');
    return options.cause === undefined ? { error: options.error } : { error: options.error, cause: options.cause };
  }
  if (options.cause !== undefined) throw new UsageError('--cause needs --error: give both to fail the task.');
  if (options.output === undefined) return { output: {} };

  try {
    return { output: JSON.parse(options.output) };
  } catch {
    throw new UsageError(`--output is not valid JSON: ${options.output}. Quote it for the shell, such as --output '{"keep": true}'.`);
  }
}
