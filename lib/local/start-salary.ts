import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';

import { execute } from '../cli/run/run-workflow';
import { synthesizeWorkflows } from '../cli/run/synthesize-workflows';
import type { Decision } from '../cli/run/approval-decider';
import { compileWorkflow } from '../compiler';
import { startSampleSystems, type SampleSystems } from '../samples/sample-systems';
import { lockDataFolder } from './data-folder-lock';
import { createLocalLog, errorMessage } from './log';
import type { LocalRuntime } from './runtime';
import { serve } from './serve';

const PROJECT_DIR = path.resolve(__dirname, '..', '..');
const WORKFLOWS_DIR = path.join(PROJECT_DIR, 'workflows');
const SALARY_FILE = path.join(WORKFLOWS_DIR, 'salary.yaml');
const DATA_DIR = path.join(PROJECT_DIR, '.sirocco');
const SAMPLE_EMPLOYEE = 'E1001';

/**
 * `npm start`: synthesizes the app, starts the sample accounting and bonus
 * systems and the local runtime on their default ports, and runs the salary
 * process for a sample employee with live progress.
 *
 * In a terminal it waits for the manager to decide through the SMS link in a
 * browser, then keeps the runtime up for inspection until Ctrl+C. Without a
 * terminal, or with `--approve` or `--reject`, it decides through the same
 * link over HTTP, prints the result and exits: 0 when the run succeeded.
 * `--no-synth` reuses the existing cdk.out.
 */
async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const decision = decisionOf(argv, interactive);
  const print = (line: string) => console.log(line);

  // A runtime already on the data folder would keep running on a cdk.out rewritten under it.
  lockDataFolder(DATA_DIR)();
  if (!argv.includes('--no-synth')) {
    print('Synthesizing the app into cdk.out ...');
    await synthesizeWorkflows(PROJECT_DIR, WORKFLOWS_DIR, path.join(PROJECT_DIR, 'cdk.out'), 'or run `npm start -- --no-synth` on the existing cdk.out');
  }

  const systems = await startSampleSystems();
  print(`Sample systems: accounting ${systems.accountingUrl}, bonus ${systems.bonusUrl}`);
  let runtime: LocalRuntime;
  try {
    // The services' own lines go to the log file, so that the console shows the run's progress.
    const log = createLocalLog({ stream: discard(), file: path.join(DATA_DIR, 'runtime.log') });
    runtime = await serve({ projectDir: PROJECT_DIR, dataDir: DATA_DIR, synth: false, print, log });
  } catch (error) {
    await systems.stop();
    throw error;
  }

  const input = { employee_id: SAMPLE_EMPLOYEE, month: new Date().toISOString().slice(0, 7) };
  print(`\nRunning the salary process for ${JSON.stringify(input)}.`);
  if (decision) {
    print(`The approval will be ${decision === 'approve' ? 'approved' : 'rejected'} through the link of the manager's SMS.`);
  }
  const approvalHint =
    'Open the approval link in a browser, then Approve or Reject. Ctrl+C stops the runtime, and the run resumes at the next start.';
  const result = await execute(runtime, runtime.stateMachines.salary, 'salary', salaryTaskNames(), { input, decision, approvalHint }, print);

  print(`\nThe salary process ended ${result.status}.`);
  if (result.output !== undefined) print(`Output: ${JSON.stringify(result.output, null, 2)}`);
  if (result.error !== undefined) print(`Error: ${result.error}${result.cause ? ` (${result.cause})` : ''}`);
  printWhereToLook(runtime, result.executionArn, print);

  if (interactive && !decision) {
    print('\nThe runtime keeps running so that you can look around. Press Ctrl+C to stop.');
    return new Promise<number>(() => undefined);
  }
  await shutDown(runtime, systems);
  return result.status === 'SUCCEEDED' ? 0 : 1;
}

function decisionOf(argv: string[], interactive: boolean): Decision | undefined {
  if (argv.includes('--reject')) return 'reject';
  if (argv.includes('--approve') || !interactive) return 'approve';
  return undefined;
}

function salaryTaskNames(): string[] {
  const { metadata } = compileWorkflow(fs.readFileSync(SALARY_FILE, 'utf8'), { file: 'workflows/salary.yaml' });
  return metadata?.tasks.map((task) => task.name) ?? [];
}

function printWhereToLook(runtime: LocalRuntime, executionArn: string, print: (line: string) => void): void {
  const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
  print('\nThe run stays in the history under .sirocco/, and the services log to .sirocco/runtime.log.');
  print('While `npx sirocco start` runs:');
  print(`  npx sirocco status ${name}`);
  print('  npx sirocco history salary');
  print('  the web view at http://127.0.0.1:4715');
  print(`History table rows: pk EXEC#${executionArn} in the DynamoDB at ${runtime.urls.dynamodb}.`);
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

async function shutDown(runtime: LocalRuntime, systems: SampleSystems): Promise<void> {
  await runtime.events.settled();
  await runtime.stop();
  await systems.stop();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(errorMessage(error));
    process.exit(1);
  },
);
