import type { Command } from 'commander';

import type { ConnectionOptions } from '../aws/connection';
import { addConnectionOptions } from '../aws/connection-options';
import { callControlRoute, loadControlRoutes } from '../aws/control-call';
import { runExecutionCommand } from '../aws/run-execution-command';
import type { CliOutput } from '../output';

interface ResumeOptions extends ConnectionOptions {
  task?: string;
  json?: boolean;
}

/** Registers `sirocco resume`, which resumes an execution paused by `pause-before`. */
export function registerResume(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  const command = program
    .command('resume')
    .description('Resume an execution paused before a task with pause-before, on the local runtime, or on AWS with --aws.')
    .argument('<execution>', 'execution name or ARN')
    .option('--task <task>', 'resume only the pause before this task, when several branches paused');
  addConnectionOptions(command).action(async (execution: string, options: ResumeOptions) => {
    await runExecutionCommand(options, output, setExitCode, async (connection) => {
      const { resumeExecution } = loadControlRoutes();
      const resumed = await callControlRoute(resumeExecution, connection.context, {
        pathParameters: { id: execution },
        body: options.task === undefined ? {} : { task: options.task },
      });

      if (options.json) {
        output.stdout(`${JSON.stringify(resumed, null, 2)}\n`);
        return;
      }
      output.stdout(`Resumed execution ${resumed.executionArn} before ${(resumed.resumed as string[]).join(', ')}.\n`);
    });
  });
}
