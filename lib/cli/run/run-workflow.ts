import {
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';

import { readExecutionHistory } from '../../../lambdas/history/execution-history';
import { createLocalLog, errorMessage } from '../../local/log';
import type { OutboxMessage } from '../../local/outbox/outbox-message';
import { startRuntime, type LocalRuntime } from '../../local/runtime';
import { startSampleSystems } from '../../samples/sample-systems';
import { compileWorkflowFile } from '../compile-workflow-file';
import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';
import { approvalLinksOf, decideThroughLink, type Decision } from './approval-decider';
import { findRunWorkflowFiles, type RunWorkflowFiles } from './run-workflow-files';
import { sampleSystemOverrides } from '../../samples/system-url-overrides';
import { synthesizeWorkflows } from './synthesize-workflows';
import { retryWaitStatesOf, TaskProgressPrinter } from './task-progress-printer';

export interface RunOptions {
  file: string;
  /** The state machine to run from a file that contains several workflows. */
  workflow?: string;
  /** Execution input, already parsed. */
  input: unknown;
  /** Decides every approval link that the run sends, when given. */
  decision?: Decision;
  /** An existing cloud assembly to run. Without it, the workflow and the sub-workflows it calls are synthesized. */
  assemblyDir?: string;
  /** Folder for the runtime's data and log. A new temporary folder when not given. */
  dataDir?: string;
  /** Folder of the action handlers, for the compiler and the synthesis. */
  actionsDir: string;
  /**
   * Starts the sample systems and points the actions of the systems `accounting`
   * and `bonus` at them, whatever URL the assembly gives. @default true
   */
  samples?: boolean;
  /** Folder of bin/cdk.js and the CDK app. */
  projectDir: string;
  /** Writes the runtime log to stderr as well as to `<dataDir>/runtime.log`. */
  verbose?: boolean;
  /** Interval between reads of the execution history. @default 100 */
  pollMilliseconds?: number;
  /** Stops the execution when aborted, such as on Ctrl+C, and then ends the run as ABORTED. */
  signal?: AbortSignal;
}

/** The outcome of one run. */
export interface RunResult {
  workflow: string;
  executionArn: string;
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** GetExecutionHistory of the ended execution, oldest event first. */
  history: HistoryEvent[];
  outbox: OutboxMessage[];
  /** The runtime log, which stays on disk after a failed run or with `dataDir`. */
  logFile: string;
}

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Runs one workflow on a fresh local runtime, with the sample systems unless
 * `samples` is false, all on ephemeral loopback ports. Prints each task as it
 * starts and finishes, each outbox message, and each approval decided through
 * its link.
 * Returns undefined when the workflow file has errors.
 * Throws UsageError when the assembly lacks the workflow, and Error when a
 * sub-workflow is missing or the synthesis fails.
 */
export async function runWorkflow(options: RunOptions, output: CliOutput): Promise<RunResult | undefined> {
  const print = (line: string) => output.stdout(`${line}\n`);
  // The project runs on Node.js 20, and @aws-sdk/core reads this variable to skip its notice about Node.js 22.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const compiled = compileWorkflowFile(options.file, options.actionsDir, output, options.workflow);
  if (!compiled) return undefined;
  const workflow = compiled.metadata.name;

  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-run-'));
  const dataDir = options.dataDir ?? path.join(temporary, 'data');
  const stack: (() => Promise<void> | void)[] = [];
  let result: Omit<RunResult, 'logFile'>;

  try {
    const assemblyDir = options.assemblyDir ?? path.join(temporary, 'cdk.out');
    if (!options.assemblyDir) await synthesizeRunWorkflows(options, workflow, assemblyDir, print);

    const systems = options.samples === false ? undefined : await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
    if (systems) stack.push(() => systems.stop());
    const overrides = systems ? sampleSystemOverrides(systems) : undefined;
    const runtime = await startRuntime({
      assemblyDir,
      dataDir,
      ports: 0,
      log: createLocalLog({ stream: options.verbose ? process.stderr : discard(), file: path.join(dataDir, 'runtime.log') }),
      environmentOverrides: (fn) => overrides?.environmentOf(fn) ?? {},
    });
    stack.push(() => runtime.stop());
    const replaced = overrides?.describe(runtime.stacks.flatMap((resources) => resources.functions));
    if (replaced) print(replaced);

    const stateMachineArn = runtime.stateMachines[workflow];
    if (!stateMachineArn) {
      const known = Object.keys(runtime.stateMachines).join(', ') || 'none';
      throw new UsageError(
        `Workflow '${workflow}' is not in the cloud assembly ${assemblyDir}, which has these state machines: ${known}. ` +
          'Run without --assembly to synthesize it.',
      );
    }

    // A copy of a task (`stateTasks`, such as `shared.2`) gets its own progress lines.
    const taskStates = [...compiled.metadata.tasks.map((task) => task.name), ...Object.keys(compiled.metadata.stateTasks ?? {})];
    result = await execute(runtime, stateMachineArn, workflow, taskStates, options, print, retryWaitStatesOf(compiled.asl));
  } catch (error) {
    await stopAll(stack);
    fs.rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  await stopAll(stack);

  // A failed run keeps its temporary folder, so that its runtime log can be read.
  if (result.status === 'SUCCEEDED' || options.dataDir) {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
  return { ...result, logFile: path.join(dataDir, 'runtime.log') };
}

/** The part of RunOptions that following one execution needs. */
export type ExecuteOptions = Pick<RunOptions, 'input' | 'decision' | 'pollMilliseconds' | 'signal'> & {
  /** Printed with the first approval link when no decision is given. */
  approvalHint?: string;
};

/**
 * Starts the execution on a running local runtime and follows it to its end,
 * printing task progress and outbox messages and deciding approval links
 * when `options.decision` is given.
 */
export async function execute(
  runtime: LocalRuntime,
  stateMachineArn: string,
  workflow: string,
  taskNames: string[],
  options: ExecuteOptions,
  print: (line: string) => void,
  retryWaitStates: ReadonlySet<string> = new Set(),
): Promise<Omit<RunResult, 'logFile'>> {
  const sfn = new SFNClient({ endpoint: runtime.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
  const progress = new TaskProgressPrinter(new Set(taskNames), print, retryWaitStates);
  const followedLinks = new Set<string>();
  // Messages of earlier runs on the same runtime are not this execution's.
  let seenMessages = runtime.outbox.messages().length;
  let stopped = false;
  let hinted = false;

  try {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(options.input) }));
    print(`Started ${executionArn}`);

    let description: DescribeExecutionCommandOutput;
    let history: HistoryEvent[];
    for (;;) {
      description = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      history = await readExecutionHistory(sfn, executionArn!);
      progress.update(history, description.status ?? 'RUNNING');

      const messages = runtime.outbox.messages();
      for (const message of messages.slice(seenMessages)) {
        print(formatMessage(message));
        if (options.decision) {
          await decideLinks(message, runtime.urls.apiGateway, options.decision, followedLinks, print);
        } else if (!hinted && approvalLinksOf(message, runtime.urls.apiGateway).length > 0) {
          hinted = true;
          print(options.approvalHint ?? 'Open the approval link to decide, or press Ctrl+C to stop the run. --approve or --reject decide at once.');
        }
      }
      seenMessages = messages.length;

      if (description.status !== 'RUNNING') break;
      if (options.signal?.aborted && !stopped) {
        stopped = true;
        print('Stopping the execution, because the run was interrupted.');
        await sfn.send(new StopExecutionCommand({ executionArn, error: 'Interrupted', cause: 'sirocco run was interrupted.' }));
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMilliseconds ?? 100));
    }
    // The history recorder reads the execution through the Step Functions API, so its
    // status events are delivered before the runtime stops that API.
    await runtime.events.settled();
    // Messages sent on the execution's end, such as the administrators' failure alert.
    for (const message of runtime.outbox.messages().slice(seenMessages)) print(formatMessage(message));

    return {
      workflow,
      executionArn: executionArn!,
      status: description.status ?? 'UNKNOWN',
      ...(description.output === undefined ? {} : { output: JSON.parse(description.output) as unknown }),
      ...(description.error === undefined ? {} : { error: description.error }),
      ...(description.cause === undefined ? {} : { cause: description.cause }),
      history,
      outbox: runtime.outbox.messages(),
    };
  } finally {
    sfn.destroy();
  }
}

function formatMessage(message: OutboxMessage): string {
  return `${message.channel.toUpperCase()} to ${message.to}: ${message.body.replace(/\n/g, '\n    ')}`;
}

async function decideLinks(
  message: OutboxMessage,
  apiUrl: string,
  decision: Decision,
  followedLinks: Set<string>,
  print: (line: string) => void,
): Promise<void> {
  for (const link of approvalLinksOf(message, apiUrl)) {
    if (followedLinks.has(link)) continue;
    followedLinks.add(link);

    try {
      const result = await decideThroughLink(link, decision);
      const verb = decision === 'approve' ? 'Approved' : 'Rejected';
      print(result.decided ? `${verb} through ${link}` : `The approval page ${link} took no decision (HTTP ${result.status}).`);
    } catch (error) {
      print(`The approval page ${link} failed: ${errorMessage(error)}`);
    }
  }
}

/**
 * Synthesizes the run file and the files of its folder that define the
 * sub-workflows it calls, with the actions of `options.actionsDir`.
 */
async function synthesizeRunWorkflows(options: RunOptions, workflow: string, assemblyDir: string, print: (line: string) => void): Promise<void> {
  const needed = findRunWorkflowFiles(options.file, workflow, options.actionsDir);
  if (needed.missing.length > 0) throw new Error(missingSubWorkflowsMessage(needed));

  print(`Synthesizing ${needed.files.join(', ')} of ${needed.folder} ...`);
  await synthesizeWorkflows(options.projectDir, needed.folder, assemblyDir, undefined, { files: needed.files, actionsDir: options.actionsDir });
}

function missingSubWorkflowsMessage(needed: RunWorkflowFiles): string {
  const calls = needed.missing.map(({ caller, workflow }) => `'${caller}' calls '${workflow}'`).join(', ');
  const broken = needed.filesWithErrors.length > 0 ? ` These files of the folder have errors: ${needed.filesWithErrors.join(', ')}.` : '';
  return (
    `Sub-workflow not found: ${calls}, but no file of ${needed.folder} defines it without errors.${broken} ` +
    'Add the sub-workflow to that folder or fix its file, and check it with `sirocco validate`.'
  );
}

async function stopAll(stack: (() => Promise<void> | void)[]): Promise<void> {
  while (stack.length > 0) await stack.pop()!();
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}
