import { type Command, InvalidArgumentError } from 'commander';

import type { ConnectionOptions } from '../aws/connection';
import { addConnectionOptions } from '../aws/connection-options';
import { callControlRoute, loadControlRoutes } from '../aws/control-call';
import { runExecutionCommand } from '../aws/run-execution-command';
import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';
import { parseEnvironment } from '../run/parse-environment';

interface StartExecutionOptions extends ConnectionOptions {
  input: Record<string, unknown>;
  env?: Record<string, unknown>;
  name?: string;
  json?: boolean;
}

/**
 * Registers `sirocco start-execution`. It validates the input against the
 * workflow's declared inputs as the control API does. With `--name`, a
 * repeated start with the same input returns the first execution. `--env`
 * goes to the control API as the body's `env` object.
 */
export function registerStartExecution(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  const command = program
    .command('start-execution')
    .description('Start an execution of a workflow on the local runtime, or on AWS with --aws.')
    .argument('<workflow>', 'workflow name, which is also the state machine name')
    .option('--input <json>', 'execution input, a JSON object of the workflow inputs', parseInputObject, {})
    .option('--env <json>', 'environment that env() reads in the workflow and its sub-workflows, a JSON object', parseEnvironment)
    .option('--name <name>', 'execution name, 1 to 80 characters; repeating a start with the same name and input returns the first execution');
  addConnectionOptions(command).action(async (workflow: string, options: StartExecutionOptions) => {
    await runExecutionCommand(options, output, setExitCode, async (connection) => {
      const declared = connection.context.workflows[workflow]?.input ?? [];
      if (options.env !== undefined && declared.some((input) => input.name === 'env')) {
        throw new UsageError(
          `Workflow "${workflow}" declares an input named "env", so the control API reads the "env" field as that input and --env cannot pass an environment: rename the input, or use sirocco run --env.`,
        );
      }
      const { startExecution } = loadControlRoutes();
      const started = await callControlRoute(startExecution, connection.context, {
        pathParameters: { name: workflow },
        headers: { 'Idempotency-Key': options.name },
        body: options.env === undefined ? options.input : { ...options.input, env: options.env },
      });

      if (options.json) {
        output.stdout(`${JSON.stringify(started, null, 2)}\n`);
        return;
      }
      if (started.existing === true) {
        output.stdout(
          `Execution ${started.executionName} of workflow ${workflow} already exists with status ${started.status}, so no new run started: a repeated --name with the same input returns the first execution.\n`,
        );
      } else {
        output.stdout(`Started execution ${started.executionName} of workflow ${workflow}.\n`);
      }
      output.stdout(`  ARN  ${started.executionArn}\n`);
      output.stdout(`Follow it with: npx sirocco status ${started.executionName}\n`);
    });
  });
}

function parseInputObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(`'${text}' is not valid JSON (${(error as Error).message}): pass a JSON object such as '{"employee_id": "E1001"}'.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidArgumentError(`'${text}' is not a JSON object: pass the workflow inputs as '{"name": value}'.`);
  }
  return parsed as Record<string, unknown>;
}
