import * as path from 'node:path';

import type { Command } from 'commander';

import { environmentKey } from '../../../lambdas/control/input-validation';
import { defaultActionsDir } from '../discover-actions';
import { ExitCode, UsageError } from '../exit-codes';
import type { CliOutput } from '../output';
import type { Decision } from '../run/approval-decider';
import { causeMessage } from '../../../lambdas/history/error-cause';
import { parseEnvironment } from '../run/parse-environment';
import { requireDecisionForApprovals } from '../run/require-decision';
import { runWorkflow, type RunResult } from '../run/run-workflow';
import { parseRunInput } from '../run/validate-run-input';
import { requireWorkflowFile } from '../workflow-files';

/** Exit code of a run that did not succeed, or whose synthesis or runtime start failed. */
const RUN_FAILED = 1;

const PROJECT_DIR = path.resolve(__dirname, '..', '..', '..');

interface RunCommandOptions {
  input: string;
  env?: Record<string, unknown>;
  approve?: boolean;
  reject?: boolean;
  assembly?: string;
  data?: string;
  verbose?: boolean;
  workflow?: string;
  actionsDir: string;
  /** False with `--no-samples`. */
  samples: boolean;
}

/** Registers `sirocco run`. */
export function registerRun(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  program
    .command('run')
    .description(
      'Run one workflow on a fresh local runtime with the sample systems, printing each task and outbox message. ' +
        'Synthesizes the workflow file and the files of its folder that define the sub-workflows it calls.',
    )
    .argument('<file>', 'workflow YAML file')
    .option('--input <json>', 'execution input as a JSON object', '{}')
    .option('--env <json>', 'environment that env() reads in the workflow and its sub-workflows, a JSON object', parseEnvironment)
    .option('--approve', 'approve every approval request through its link (required for approvals when stdin is not a terminal)')
    .option('--reject', 'reject every approval request through its link')
    .option('--assembly <dir>', 'run this cloud assembly instead of synthesizing the workflow and its sub-workflows')
    .option('--data <dir>', 'folder for the runtime data and log (default: a temporary folder, removed after a successful run)')
    .option('--verbose', 'also write the runtime log to stderr')
    .option('--workflow <name>', 'the workflow to use from a file that contains several (a Mistral workflow file or workbook)')
    .option('--actions-dir <dir>', 'folder of the action Lambdas, <system>/<name>.ts, for the compiler and the synthesis', defaultActionsDir)
    .option(
      '--no-samples',
      'start no sample systems and call the system URLs of cdk.json (by default the systems accounting and bonus go to the samples)',
    )
    .action(async (file: string, options: RunCommandOptions) => {
      // A person can open the approval links only when stdin is a terminal.
      setExitCode(await runCommand(file, options, output, Boolean(process.stdin.isTTY)));
    });
}

async function runCommand(file: string, options: RunCommandOptions, output: CliOutput, terminal: boolean): Promise<number> {
  requireWorkflowFile(file, 'run');
  const decision = decisionOf(options);
  const input = parseRunInput(options.input, file, options.actionsDir, options.workflow);
  requireDecisionForApprovals(file, { actionsDir: options.actionsDir, workflow: options.workflow, decision, terminal });

  // The first Ctrl+C stops the execution and the runtime cleanly. A second one exits at once.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(RUN_FAILED);
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);

  let result: RunResult | undefined;
  try {
    result = await runWorkflow(
      {
        file,
        input: options.env === undefined ? input : { ...input, [environmentKey]: options.env },
        decision,
        assemblyDir: options.assembly === undefined ? undefined : path.resolve(options.assembly),
        dataDir: options.data === undefined ? undefined : path.resolve(options.data),
        actionsDir: options.actionsDir,
        samples: options.samples,
        projectDir: PROJECT_DIR,
        verbose: options.verbose,
        workflow: options.workflow,
        signal: interrupt.signal,
      },
      output,
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
    output.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return RUN_FAILED;
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (!result) return ExitCode.diagnostics;

  output.stdout(formatResult(result));
  return result.status === 'SUCCEEDED' ? ExitCode.ok : RUN_FAILED;
}

function formatResult(result: RunResult): string {
  const lines = [`Execution ${result.status}: ${result.executionArn}`];
  if (result.output !== undefined) lines.push('Output:', JSON.stringify(result.output, null, 2));
  if (result.error !== undefined) lines.push(`Error: ${result.error}`);
  if (result.cause !== undefined) lines.push(`Cause: ${causeMessage(result.cause)}`);
  lines.push(`Outbox: ${result.outbox.length} message${result.outbox.length === 1 ? '' : 's'}.`);
  if (result.status !== 'SUCCEEDED') lines.push(`Runtime log: ${result.logFile}`);

  return `${lines.join('\n')}\n`;
}

function decisionOf(options: RunCommandOptions): Decision | undefined {
  if (options.approve && options.reject) {
    throw new UsageError('Pass either --approve or --reject, not both.');
  }
  if (options.approve) return 'approve';
  return options.reject ? 'reject' : undefined;
}
