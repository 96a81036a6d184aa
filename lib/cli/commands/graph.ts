import { writeFileSync } from 'node:fs';

import { SFNClient } from '@aws-sdk/client-sfn';
import { Option, type Command } from 'commander';

import type { WorkflowMetadata } from '../../compiler/types';
import { LOCAL_LOCATION } from '../../local/aws-names';
import { DEFAULT_PORTS } from '../../local/runtime-ports';
import { toMermaid, type TaskStatus } from '../../web/mermaid';
import { compileWorkflowFile } from '../compile-workflow-file';
import { defaultActionsDir } from '../discover-actions';
import { ExitCode, UsageError } from '../exit-codes';
import { executionArnOf, ExecutionWorkflowMismatchError, readExecutionStatuses } from '../graph/execution-statuses';
import { renderSvg, SvgRenderError } from '../graph/render-svg';
import type { CliOutput } from '../output';
import { requireWorkflowFile } from '../workflow-files';

/** Exit code when the execution cannot be read or the SVG cannot be rendered. */
const LOOKUP_FAILED = 1;

interface GraphOptions {
  execution?: string;
  format: 'mermaid' | 'svg';
  direction: 'TD' | 'LR';
  out?: string;
  stepfunctionsEndpoint?: string;
  workflow?: string;
  actionsDir: string;
}

/** Registers `sirocco graph`. */
export function registerGraph(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  program
    .command('graph')
    .description("Draw a workflow's state machine as a Mermaid flowchart, optionally coloured by an execution's progress.")
    .argument('<file>', 'workflow YAML file')
    .option('--execution <id>', 'colour each task by its status in this execution (name or ARN) on the local runtime')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'svg']).default('mermaid'))
    .addOption(new Option('--direction <direction>', 'flowchart direction, top-down or left-right').choices(['TD', 'LR']).default('TD'))
    .option('-o, --out <file>', 'write the graph to this file instead of stdout')
    .option(
      '--stepfunctions-endpoint <url>',
      `Step Functions endpoint that runs the execution (default: AWS_ENDPOINT_URL_SFN or http://127.0.0.1:${DEFAULT_PORTS.stepFunctions})`,
    )
    .option('--workflow <name>', 'the workflow to use from a file that contains several (a Mistral workflow file or workbook)')
    .option('--actions-dir <dir>', 'folder of the action Lambdas, <system>/<name>.ts', defaultActionsDir)
    .action(async (file: string, options: GraphOptions) => {
      setExitCode(await drawGraph(file, options, output));
    });
}

/** Prints or writes the graph of one workflow file and returns the exit code. */
export async function drawGraph(file: string, options: GraphOptions, output: CliOutput): Promise<number> {
  requireWorkflowFile(file, 'graph');
  const compiled = compileWorkflowFile(file, options.actionsDir, output, options.workflow);
  if (!compiled) return ExitCode.diagnostics;

  const taskNames = compiled.metadata.tasks.map((task) => task.name);
  let statuses: Record<string, TaskStatus> | undefined;
  if (options.execution !== undefined) {
    statuses = await readStatuses(options, compiled.metadata, output);
    if (!statuses) return LOOKUP_FAILED;
  }
  const mermaid = `${toMermaid(compiled.asl, {
    direction: options.direction,
    statuses,
    tasks: taskNames,
    stateTasks: compiled.metadata.stateTasks,
  })}\n`;

  let text = mermaid;
  if (options.format === 'svg') {
    try {
      text = `${await renderSvg(mermaid)}\n`;
    } catch (error) {
      if (!(error instanceof SvgRenderError)) throw error;
      output.stderr(`error: ${error.message}\n`);
      return LOOKUP_FAILED;
    }
  }

  writeGraph(text, options.out, output);
  return ExitCode.ok;
}

async function readStatuses(
  options: GraphOptions,
  metadata: WorkflowMetadata,
  output: CliOutput,
): Promise<Record<string, TaskStatus> | undefined> {
  const workflow = metadata.name;
  const taskNames = metadata.tasks.map((task) => task.name);
  const endpoint = options.stepfunctionsEndpoint ?? process.env.AWS_ENDPOINT_URL_SFN ?? `http://127.0.0.1:${DEFAULT_PORTS.stepFunctions}`;
  const executionArn = executionArnOf(options.execution!, workflow);
  // The project runs on Node.js 20, and @aws-sdk/core reads this variable to skip its notice about Node.js 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sfn = new SFNClient({
    endpoint,
    region: LOCAL_LOCATION.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

  try {
    return await readExecutionStatuses(sfn, executionArn, workflow, taskNames, metadata.stateTasks);
  } catch (error) {
    output.stderr(`error: ${lookupMessage(error as Error, executionArn, endpoint)}\n`);
    return undefined;
  } finally {
    sfn.destroy();
  }
}

function lookupMessage(error: Error, executionArn: string, endpoint: string): string {
  if (error instanceof ExecutionWorkflowMismatchError) return error.message;
  if (error.name === 'ExecutionDoesNotExist') {
    return `Execution '${executionArn}' not found at ${endpoint}. Check the execution name, or pass its ARN.`;
  }
  // The SDK wraps some network errors, so the message is the one place that always names the code.
  if (/\bECONNREFUSED\b/.test(error.message) || (error as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
    return `No Step Functions endpoint at ${endpoint}. Start the local runtime with 'npx sirocco start', or pass --stepfunctions-endpoint.`;
  }
  return `Reading execution '${executionArn}' from ${endpoint} failed: ${error.message}`;
}

function writeGraph(text: string, out: string | undefined, output: CliOutput): void {
  if (out === undefined) {
    output.stdout(text);
    return;
  }

  try {
    writeFileSync(out, text);
  } catch (error) {
    throw new UsageError(`Cannot write '${out}': ${(error as Error).message}. Check that the folder exists.`);
  }
}
