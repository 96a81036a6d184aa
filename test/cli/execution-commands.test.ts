import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { HttpError } from '../../lambdas/control/http';
import { CONTROL_FUNCTION_DESCRIPTION } from '../../lib/cdk/control-function-description';
import { cliMessageOf } from '../../lib/cli/aws/cli-messages';
import { runCli } from '../../lib/cli/program';
import { decideThroughLink } from '../../lib/cli/run/approval-decider';
import type { CliOutput } from '../../lib/cli/output';
import type { LambdaFunctionResource } from '../../lib/local/assembly/stack-resources';
import { startLambdaApiServer } from '../../lib/local/lambda/invoke-api-server';
import { LambdaRunner } from '../../lib/local/lambda/lambda-runner';
import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { describeRuntime } from '../../lib/local/serve';
import { synthesize } from '../../lib/local/synthesize';
import { startSampleSystems, type SampleSystems } from '../../lib/samples/sample-systems';
import { sampleSystemOverrides } from '../../lib/samples/system-url-overrides';
import { eventually } from '../local/services/eventually';

// The CLI against the project's own synthesized app on the local runtime: salary
// waits for the manager's approval, so its runs stay RUNNING until stopped.
// The callbacks workflow beside it waits for `sirocco complete`, then for `sirocco resume`.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const MANAGER_PHONE = '+15555550100';
const CALLBACKS_WORKFLOW = path.join(__dirname, '..', 'fixtures', 'callbacks', 'callbacks.yaml');

// Lambda cold starts on a loaded machine can take seconds, so the bound is wider than the default 5 s.
jest.setTimeout(30_000);

let systems: SampleSystems;
let runtime: LocalRuntime;
let assemblyDir: string;
const runtimeLog = createMemoryLog();

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function temporaryDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-cli-${prefix}-`));
}

function localOptions(): string[] {
  return [
    '--assembly',
    assemblyDir,
    '--stepfunctions-endpoint',
    runtime.urls.stepFunctions,
    '--dynamodb-endpoint',
    runtime.urls.dynamodb,
    '--api-endpoint',
    runtime.urls.apiGateway,
  ];
}

/** Runs `sirocco <args>` in process against the test runtime. */
async function sirocco(args: string[], { color = false, connect = true } = {}): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: CliOutput = { color, stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) };
  const code = await runCli(['node', 'sirocco', ...args, ...(connect ? localOptions() : [])], output);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

async function siroccoJson(args: string[]): Promise<Record<string, any>> {
  const run = await sirocco([...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, any>;
}

async function startSalary(employeeId: string, month: string, name?: string): Promise<Record<string, any>> {
  const input = JSON.stringify({ employee_id: employeeId, month });
  return siroccoJson(['start-execution', 'salary', '--input', input, ...(name ? ['--name', name] : [])]);
}

/** Waits for the manager's approval SMS of `month` and returns its link. */
async function waitForApproval(month: string): Promise<string> {
  const message = await runtime.outbox.waitFor(
    (candidate) => candidate.to === MANAGER_PHONE && candidate.body.includes(month),
    { timeoutMilliseconds: 20_000 },
  );
  return message.body.slice(message.body.lastIndexOf('\n') + 1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  assemblyDir = temporaryDir('assembly');
  const workflowsDir = temporaryDir('workflows');
  fs.copyFileSync(path.join(PROJECT_DIR, 'workflows', 'salary.yaml'), path.join(workflowsDir, 'salary.yaml'));
  fs.copyFileSync(CALLBACKS_WORKFLOW, path.join(workflowsDir, 'callbacks.yaml'));
  await synthesize(PROJECT_DIR, assemblyDir, { 'sirocco:workflowsDir': workflowsDir });

  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
  runtime = await startRuntime({
    assemblyDir,
    dataDir: temporaryDir('data'),
    ports: 0,
    log: runtimeLog,
    ttlSweepMilliseconds: 0,
    environmentOverrides: sampleSystemOverrides(systems).environmentOf,
  });
}, 240_000);

afterAll(async () => {
  // SHOW_RUNTIME_LOG=1 prints what the functions and services logged.
  if (process.env.SHOW_RUNTIME_LOG) console.log(runtimeLog.lines.join('\n'));
  await runtime?.stop();
  await systems?.stop();
});

describe('sirocco start-execution', () => {
  it('starts a run that waits for approval', async () => {
    const run = await sirocco(['start-execution', 'salary', '--input', '{"employee_id": "E1001", "month": "2026-01"}']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Started execution [\w-]+ of workflow salary\.$/m);
    expect(run.stdout).toMatch(/^Follow it with: npx sirocco status [\w-]+$/m);
    expect(run.stdout).toContain('arn:aws:states:us-east-1:000000000000:execution:salary:');
    await waitForApproval('2026-01');
  });

  it('returns the first run for a repeated name', async () => {
    const first = await startSalary('E1001', '2026-02', 'cli-idempotent');
    const second = await startSalary('E1001', '2026-02', 'cli-idempotent');

    expect(first.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:salary:cli-idempotent');
    expect(second.executionArn).toBe(first.executionArn);
  });

  it('says that a repeated name returns the existing run', async () => {
    await startSalary('E1001', '2026-02', 'cli-repeated');

    const run = await sirocco(['start-execution', 'salary', '--name', 'cli-repeated', '--input', '{"employee_id": "E1001", "month": "2026-02"}']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Execution cli-repeated of workflow salary already exists with status RUNNING, so no new run started/m);
    expect(run.stdout).not.toContain('Started execution');
    expect(run.stdout).toContain('arn:aws:states:us-east-1:000000000000:execution:salary:cli-repeated');
  });

  it('rejects a repeated name with another input', async () => {
    await startSalary('E1001', '2026-03', 'cli-reused');

    const run = await sirocco(['start-execution', 'salary', '--name', 'cli-reused', '--input', '{"employee_id": "E1001", "month": "2026-04"}']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: Execution name "cli-reused" was already used with another input: pass a new --name for a new run, or the same input to get the first run.\n',
    );
  });

  it.each([
    ['missing field', '{"employee_id": "E1001"}', 'Input field "month" is missing: workflow "salary" requires it.'],
    ['unknown field', '{"employee_id": "E1001", "month": "2026-05", "extra": 1}', 'Input field "extra" is unknown'],
    ['invalid JSON', '{"employee_id": ', 'is not valid JSON'],
    ['non-object JSON', '[1, 2]', 'is not a JSON object'],
  ])('exits 2 for input with %s', async (_case, input, message) => {
    const run = await sirocco(['start-execution', 'salary', '--input', input]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('exits 2 for an invalid execution name', async () => {
    const run = await sirocco(['start-execution', 'salary', '--name', 'has space', '--input', '{"employee_id": "E1", "month": "m"}']);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: Execution name "has space" is invalid: use 1 to 80 letters, digits, "-" and "_", such as a UUID.\n');
  });

  it('exits 1 for an unknown workflow', async () => {
    const run = await sirocco(['start-execution', 'payroll', '--input', '{}']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: Workflow "payroll" is not deployed: deployed workflows are callbacks, salary.\n');
  });
});

describe('sirocco status', () => {
  it('prints tasks and the pending approval link', async () => {
    await startSalary('E1001', '2026-06', 'cli-status');
    const smsLink = await waitForApproval('2026-06');

    const status = await siroccoJson(['status', 'cli-status']);
    const text = await sirocco(['status', 'cli-status']);

    expect(status.status).toBe('RUNNING');
    expect(status.tasks.done.map((task: { name: string }) => task.name).sort()).toEqual(['bonus', 'salary_base']);
    expect(status.tasks.running.map((task: { name: string }) => task.name)).toEqual(['approve_bonus']);
    expect(status.tasks.notReached).toEqual(expect.arrayContaining(['record_payroll']));
    expect(status.pendingApprovals).toHaveLength(1);
    expect(status.pendingApprovals[0].task).toBe('approve_bonus');
    expect(status.pendingApprovals[0].links).toHaveLength(1);
    expect(status.pendingApprovals[0].links[0].url).toBe(smsLink);
    expect(status.pendingApprovals[0].links[0].approver).not.toContain('5555550100');

    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Status\s+RUNNING$/m);
    expect(text.stdout).toMatch(/^\s+approve_bonus\s+RUNNING$/m);
    expect(text.stdout).toMatch(/^\s+record_payroll\s+NOT YET REACHED$/m);
    expect(text.stdout).toContain(smsLink);
    expect(text.stdout).not.toContain('\u001b[');
  });

  it('shows the decision made through the link', async () => {
    await startSalary('E1001', '2026-09', 'cli-approve');
    await waitForApproval('2026-09');
    const waiting = await siroccoJson(['status', 'cli-approve']);

    const decision = await decideThroughLink(waiting.pendingApprovals[0].links[0].url, 'approve');
    // NOTE: right after the end, the control API can list only the task rows that the
    // recorder has written so far, so this waits for the last task as well.
    const succeeded = await eventually('the approved run to succeed', async () => {
      const status = await siroccoJson(['status', 'cli-approve']);
      const names = status.tasks.done.map((task: { name: string }) => task.name);
      return status.status === 'SUCCEEDED' && names.includes('record_payroll') ? status : undefined;
    });
    const text = await sirocco(['status', 'cli-approve']);

    expect(decision.decided).toBe(true);
    expect(succeeded.tasks.done.map((task: { name: string }) => task.name)).toContain('record_payroll');
    expect(succeeded.tasks.notReached).toEqual(['record_payroll_without_bonus']);
    expect(succeeded.decidedApprovals).toHaveLength(1);
    expect(succeeded.decidedApprovals[0].decision).toBe('approve');
    expect(text.stdout).toMatch(/^Status\s+SUCCEEDED$/m);
    expect(text.stdout).toContain(`Output     ${JSON.stringify(succeeded.output)}\n`);
    expect(text.stdout).toMatch(/^\s+record_payroll_without_bonus\s+NOT REACHED$/m);
    expect(text.stdout).toMatch(/^\s+approve_bonus\s+approve\s+by \S+\s+at \S+\s+"Decided by sirocco run"$/m);
    expect(text.stdout).not.toContain('Pending approvals');
  });

  it('builds links on AWS_ENDPOINT_URL_API_GATEWAY', async () => {
    await startSalary('E1001', '2026-10', 'cli-api-variable');
    const smsLink = await waitForApproval('2026-10');
    const options = localOptions().slice(0, -2);
    expect(options).not.toContain('--api-endpoint');

    process.env.AWS_ENDPOINT_URL_API_GATEWAY = runtime.urls.apiGateway;
    let run: CliRun;
    try {
      run = await sirocco(['status', 'cli-api-variable', ...options], { connect: false });
    } finally {
      delete process.env.AWS_ENDPOINT_URL_API_GATEWAY;
    }

    expect(run.code).toBe(0);
    expect(smsLink.startsWith(`${runtime.urls.apiGateway}/`)).toBe(true);
    expect(run.stdout).toContain(smsLink);
  });

  it('colours the status on a colour output', async () => {
    const run = await sirocco(['status', 'cli-status'], { color: true });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\u001b[33mRUNNING\u001b[0m');
  });

  it('accepts the execution ARN', async () => {
    const status = await siroccoJson(['status', 'arn:aws:states:us-east-1:000000000000:execution:salary:cli-status']);

    expect(status.executionName).toBe('cli-status');
  });

  it('exits 1 for an unknown execution', async () => {
    const run = await sirocco(['status', 'no-such-run']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: No workflow has an execution named "no-such-run".\n');
    expect(run.stdout).toBe('');
  });

  it('exits 2 for a malformed ARN', async () => {
    const run = await sirocco(['status', 'arn:aws:states:us-east-1:execution']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not an execution ARN');
  });

  it('exits 2 without an execution argument', async () => {
    const run = await sirocco(['status']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'execution'");
  });

  it('exits 1 when the runtime is unreachable', async () => {
    const port = await closedLoopbackPort();
    const options = localOptions().map((value) => (value === runtime.urls.stepFunctions ? `http://127.0.0.1:${port}` : value));

    const run = await sirocco(['status', 'cli-status', ...options], { connect: false });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The request to the local runtime at http://127.0.0.1:${port} failed`);
    expect(run.stderr).toContain("Start the runtime with 'npx sirocco start'");
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a missing assembly', async () => {
    const options = localOptions().map((value) => (value === assemblyDir ? '/nonexistent/cdk.out' : value));

    const run = await sirocco(['status', 'cli-status', ...options], { connect: false });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Failed to read the cloud assembly /nonexistent/cdk.out');
  });

});

describe('sirocco status of a waiting run', () => {
  function waitingTasks(status: Record<string, any>): { task: string; reason: string }[] {
    return status.waitingTasks.map((waiting: { task: string; reason: string }) => ({ task: waiting.task, reason: waiting.reason }));
  }

  it('names the completion, then the pause, it waits for', async () => {
    await siroccoJson(['start-execution', 'callbacks', '--name', 'cli-callbacks']);

    const atCompletion = await eventually('the run to wait at ask_hr', async () => {
      const status = await siroccoJson(['status', 'cli-callbacks']);
      return status.waitingTasks.length > 0 ? status : undefined;
    });
    const completionText = await sirocco(['status', 'cli-callbacks']);
    const completed = await sirocco(['complete', 'cli-callbacks', 'ask_hr', '--output', '{"ok": true}']);
    const atPause = await eventually('the run to pause before pay', async () => {
      const status = await siroccoJson(['status', 'cli-callbacks']);
      return status.waitingTasks.some((waiting: { reason: string }) => waiting.reason === 'pause-before') ? status : undefined;
    });
    const pauseText = await sirocco(['status', 'cli-callbacks']);
    const resumed = await sirocco(['resume', 'cli-callbacks']);
    const ended = await eventually('the resumed run to succeed', async () => {
      const status = await siroccoJson(['status', 'cli-callbacks']);
      return status.status === 'SUCCEEDED' ? status : undefined;
    });

    expect(waitingTasks(atCompletion)).toEqual([{ task: 'ask_hr', reason: 'completion' }]);
    expect(atCompletion.waitingTasks[0].state).toBe('ask_hr');
    expect(completionText.stdout).toContain(
      "\nWaiting\n  ask_hr waits for its result: run 'sirocco complete cli-callbacks ask_hr --output JSON' to complete it, or --error NAME to fail it.\n",
    );
    expect(completed.code).toBe(0);
    expect(waitingTasks(atPause)).toEqual([{ task: 'pay', reason: 'pause-before' }]);
    expect(atPause.waitingTasks[0].state).toBe('pay.pause');
    expect(pauseText.stdout).toContain("\nWaiting\n  Paused before pay: run 'sirocco resume cli-callbacks' to continue.\n");
    expect(pauseText.stdout).not.toContain('ask_hr waits');
    expect(resumed.code).toBe(0);
    expect(ended.waitingTasks).toEqual([]);
  });

  it('lists nothing for a run at its approval', async () => {
    await startSalary('E1001', '2026-11', 'cli-no-wait');
    await waitForApproval('2026-11');

    const status = await siroccoJson(['status', 'cli-no-wait']);
    const text = await sirocco(['status', 'cli-no-wait']);

    expect(status.waitingTasks).toEqual([]);
    expect(text.stdout).not.toContain('Waiting');
  });
});

describe('sirocco complete and resume messages', () => {
  it('sends an approval task to its links', async () => {
    await startSalary('E1001', '2026-12', 'cli-complete-approval');
    await waitForApproval('2026-12');

    const run = await sirocco(['complete', 'cli-complete-approval', 'approve_bonus', '--output', '{"approved": true}']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "error: Task \"approve_bonus\" is a std.approval task, so 'sirocco complete' cannot decide it: open one of the approval links that 'sirocco status cli-complete-approval' prints, and approve or reject there.\n",
    );
  });

  it('lists the tasks for an unknown complete task', async () => {
    await startSalary('E1001', '2027-01', 'cli-complete-unknown');

    const run = await sirocco(['complete', 'cli-complete-unknown', 'wrongtask']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: Workflow "salary" has no task "wrongtask": pass one of its tasks, salary_base, .*record_payroll/);
  });

  it('lists the tasks for an unknown resume task', async () => {
    await siroccoJson(['start-execution', 'callbacks', '--name', 'cli-resume-unknown']);

    const run = await sirocco(['resume', 'cli-resume-unknown', '--task', 'wrongtask']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: Workflow "callbacks" has no task "wrongtask": pass one of its tasks, ask_hr, pay.\n');
  });

  it('keeps the not-paused message for a task of the workflow', async () => {
    await siroccoJson(['start-execution', 'callbacks', '--name', 'cli-resume-early']);

    const run = await sirocco(['resume', 'cli-resume-early', '--task', 'pay']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not paused before task "pay"');
  });

  it('points complete --help away from approvals', async () => {
    const run = await sirocco(['complete', '--help'], { connect: false });

    expect(run.stdout.replace(/\s+/g, ' ')).toContain('A std.approval task is decided through its approval links instead');
    expect(run.stdout).not.toContain('such as std.async_noop');
  });
});

describe('sirocco start banner', () => {
  it('exports the API Gateway endpoint', () => {
    const banner = describeRuntime(runtime, '/tmp/data');

    expect(banner).toContain(`\n  export AWS_ENDPOINT_URL_API_GATEWAY=${runtime.urls.apiGateway}`);
    expect(banner).toContain(`export AWS_ENDPOINT_URL_SFN=${runtime.urls.stepFunctions}`);
  });
});

describe('sirocco --aws', () => {
  // The AWS SDK's default chain reads these, so the deployed path runs against the local runtime.
  const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL_SFN', 'AWS_ENDPOINT_URL_DYNAMODB'];

  function controlFunctions(): LambdaFunctionResource[] {
    return runtime.lambda.list().filter((fn) => fn.description === CONTROL_FUNCTION_DESCRIPTION);
  }

  /** Serves ListFunctions and GetFunctionConfiguration for the given functions only. */
  async function withLambdaApi<T>(functions: LambdaFunctionResource[], work: () => Promise<T>): Promise<T> {
    const runner = new LambdaRunner({ functions, environmentOf: (fn) => fn.environment, log: runtimeLog });
    const server = await startLambdaApiServer(runner, runtimeLog, 0);
    const saved = process.env.AWS_ENDPOINT_URL_LAMBDA;
    process.env.AWS_ENDPOINT_URL_LAMBDA = server.url;
    try {
      return await work();
    } finally {
      process.env.AWS_ENDPOINT_URL_LAMBDA = saved;
      await server.close();
      runner.stop();
    }
  }

  beforeAll(() => {
    process.env.AWS_ENDPOINT_URL_LAMBDA = runtime.urls.lambda;
    process.env.AWS_ENDPOINT_URL_SFN = runtime.urls.stepFunctions;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = runtime.urls.dynamodb;
    delete process.env.SIROCCO_CONTROL_FUNCTION;
  });

  afterAll(() => {
    for (const variable of ENDPOINT_VARIABLES) delete process.env[variable];
  });

  it('finds the control function by its description', async () => {
    const run = await sirocco(['status', 'cli-status', '--aws', '--json'], { connect: false });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ executionName: 'cli-status', workflow: 'salary', status: 'RUNNING' });
  });

  it('reads the catalog of a named control function', async () => {
    const [control] = controlFunctions();

    const run = await sirocco(['history', 'salary', '--aws', '--json', '--control-function', control.functionName], { connect: false });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.stringify(JSON.parse(run.stdout))).toContain('cli-status');
  });

  it('exits 1 for an unknown control function', async () => {
    const run = await sirocco(['status', 'cli-status', '--aws', '--control-function', 'no-such-function'], { connect: false });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Function not found: no-such-function');
    expect(run.stderr).toContain('--control-function');
  });

  it('exits 2 when no control function is deployed', async () => {
    const others = runtime.lambda.list().filter((fn) => fn.description !== CONTROL_FUNCTION_DESCRIPTION);

    const run = await withLambdaApi(others, () => sirocco(['status', 'cli-status', '--aws'], { connect: false }));

    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: No Lambda function in us-east-1 is described as "Sirocco control API": deploy the Sirocco stack to this region, ' +
        'or pass --control-function NAME or set SIROCCO_CONTROL_FUNCTION.\n',
    );
  });

  it('exits 2 when several control functions are deployed', async () => {
    const [control] = controlFunctions();
    const second = { ...control, functionName: 'Other-ControlApiHandler', arn: `${control.arn}-other` };

    const run = await withLambdaApi([control, second], () => sirocco(['status', 'cli-status', '--aws'], { connect: false }));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Several Sirocco control API functions are deployed in us-east-1 (${control.functionName}, Other-ControlApiHandler)`);
    expect(run.stderr).toContain('choose one with --control-function NAME');
  });
});

describe('sirocco stop and redrive', () => {
  it('stops a waiting run with a reason', async () => {
    await startSalary('E1001', '2026-07', 'cli-stop');
    await waitForApproval('2026-07');

    const run = await sirocco(['stop', 'cli-stop', '--error', 'Operator.Cancelled', '--cause', 'Wrong month']);
    const status = await siroccoJson(['status', 'cli-stop']);
    const text = await sirocco(['status', 'cli-stop']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Stopped execution arn:aws:states:us-east-1:000000000000:execution:salary:cli-stop at /);
    expect(status.status).toBe('ABORTED');
    expect(status.error).toBe('Operator.Cancelled');
    expect(status.cause).toBe('Wrong month');
    expect(text.stdout).toMatch(/^Error\s+Operator\.Cancelled: Wrong month$/m);
    expect(text.stdout).toMatch(/^\s+record_payroll\s+NOT REACHED$/m);
    expect(text.stdout).not.toContain('Pending approvals');
  });

  it('exits 1 when stopping an unknown execution', async () => {
    const run = await sirocco(['stop', 'no-such-run']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: No workflow has an execution named "no-such-run".\n');
  });

  it('redrives a failed run to its approval', async () => {
    // The bonus system responds after a delay, so that the salary_base branch has succeeded when the run fails.
    await fetch(`${systems.bonusUrl}/_control/fail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/employees/', status: 503, times: 1, delayMs: 3000 }),
    });
    await startSalary('E1001', '2026-08', 'cli-redrive');
    const failed = await eventually('the failed run', async () => {
      const status = await siroccoJson(['status', 'cli-redrive']);
      return status.status === 'FAILED' ? status : undefined;
    });
    expect(failed.tasks.failed.map((task: { name: string }) => task.name)).toEqual(['bonus']);
    const failedTask = failed.tasks.failed[0];
    const errorMessage = (JSON.parse(failedTask.cause) as { errorMessage: string }).errorMessage;
    const failedText = await sirocco(['status', 'cli-redrive']);
    expect(failedText.stdout).toMatch(new RegExp(`^\\s+bonus\\s+FAILED.*\\s${escapeRegExp(`${failedTask.error}: ${errorMessage}`)}$`, 'm'));
    expect(failedText.stdout).not.toContain('"trace"');
    expect(failedText.stdout).not.toContain('errorMessage');

    const run = await sirocco(['redrive', 'cli-redrive']);
    await waitForApproval('2026-08');
    const redriven = await siroccoJson(['status', 'cli-redrive']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Redrive started for execution arn:aws:states:us-east-1:000000000000:execution:salary:cli-redrive at /);
    expect(redriven.status).toBe('RUNNING');
    expect(redriven.redriveCount).toBe(1);
  });

  it('exits 1 when redriving a running execution', async () => {
    const run = await sirocco(['redrive', 'cli-status']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: Execution "cli-status" cannot be redriven because it is still RUNNING. ' +
        'Only FAILED, TIMED_OUT or ABORTED executions can be redriven, so wait for it to end or stop it first.\n',
    );
    expect(run.stdout).toBe('');
  });

  it('exits 1 when redriving a succeeded execution', async () => {
    const run = await sirocco(['redrive', 'cli-approve']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: Execution "cli-approve" cannot be redriven because it already ended with status SUCCEEDED. ' +
        'Only FAILED, TIMED_OUT or ABORTED executions can be redriven, so start a new execution to run the workflow again.\n',
    );
    expect(run.stderr).not.toContain('arn:');
    expect(run.stdout).toBe('');
  });

  it('exits 1 when stopping an ended execution', async () => {
    const run = await sirocco(['stop', 'cli-approve']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: Execution "cli-approve" cannot be stopped because it already ended with status SUCCEEDED. Only RUNNING executions can be stopped.\n',
    );
    expect(run.stdout).toBe('');
  });
});

describe('sirocco history', () => {
  it('lists recorded executions newest first', async () => {
    const listed = await eventually('the recorded runs', async () => {
      const page = await siroccoJson(['history', 'salary', '--limit', '100']);
      const names = page.executions.map((execution: { executionName: string }) => execution.executionName);
      return names.includes('cli-stop') && names.includes('cli-status') ? page : undefined;
    });
    const text = await sirocco(['history', 'salary']);

    const startDates = listed.executions.map((execution: { startDate: string }) => execution.startDate);
    expect(startDates).toEqual([...startDates].sort().reverse());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^NAME\s+STATUS\s+STARTED/);
    expect(text.stdout).toMatch(/^cli-stop\s+ABORTED\s/m);
  });

  it('filters by status', async () => {
    const aborted = await eventually('the aborted run', async () => {
      const page = await siroccoJson(['history', 'salary', '--status', 'ABORTED']);
      return page.executions.length > 0 ? page : undefined;
    });

    expect(aborted.executions.map((execution: { status: string }) => execution.status)).toEqual(
      aborted.executions.map(() => 'ABORTED'),
    );
    expect(aborted.executions.map((execution: { executionName: string }) => execution.executionName)).toContain('cli-stop');
  });

  it('pages with --limit and --next', async () => {
    const all = await siroccoJson(['history', 'salary', '--limit', '100']);
    const first = await siroccoJson(['history', 'salary', '--limit', '1']);
    const second = await siroccoJson(['history', 'salary', '--limit', '1', '--next', first.next]);
    const text = await sirocco(['history', 'salary', '--limit', '1']);

    expect(all.executions.length).toBeGreaterThan(1);
    expect(first.executions).toHaveLength(1);
    expect(second.executions).toHaveLength(1);
    expect(second.executions[0].executionArn).not.toBe(first.executions[0].executionArn);
    expect(text.stdout).toContain('More executions: npx sirocco history salary --limit 1 --next ');
  });

  it('keeps the status filter in the --next hint', async () => {
    const page = await siroccoJson(['history', 'salary', '--status', 'ABORTED', '--limit', '1']);
    const text = await sirocco(['history', 'salary', '--status', 'ABORTED', '--limit', '1']);

    // A page that fills its limit returns a next token, as a DynamoDB Query with Limit does.
    expect(page.executions).toHaveLength(1);
    expect(page.next).toBeDefined();
    expect(text.stdout).toContain('More executions: npx sirocco history salary --status ABORTED --limit 1 --next ');
  });

  it('names the status filter when nothing matches', async () => {
    const run = await sirocco(['history', 'salary', '--status', 'TIMED_OUT']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No TIMED_OUT executions of workflow salary.\n');
  });

  it.each([
    ['--limit', '0', "'0' is not a valid limit"],
    ['--limit', 'many', "'many' is not a valid limit"],
    ['--status', 'DONE', 'Status "DONE" is invalid'],
    ['--next', 'garbage', 'The "next" parameter is invalid'],
  ])('exits 2 for %s %s', async (option, value, message) => {
    const run = await sirocco(['history', 'salary', option, value]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 1 for an unknown workflow', async () => {
    const run = await sirocco(['history', 'payroll']);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: Workflow "payroll" is not deployed.\n');
  });
});

describe('sirocco binary', () => {
  it('runs status as a process', async () => {
    const bin = path.join(PROJECT_DIR, 'bin', 'sirocco.js');

    const result = await promisify(execFile)(process.execPath, [bin, 'status', 'cli-stop', '--json', ...localOptions()], {
      env: { ...process.env, NO_COLOR: '1' },
    });

    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).status).toBe('ABORTED');
  });

  it('exits 1 for an unknown execution', async () => {
    const bin = path.join(PROJECT_DIR, 'bin', 'sirocco.js');

    const failure = await promisify(execFile)(process.execPath, [bin, 'status', 'no-such-run', ...localOptions()]).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe('error: No workflow has an execution named "no-such-run".\n');
    expect(failure?.stdout).toBe('');
  });
});

describe('execution command help', () => {
  it.each(['start-execution', 'status', 'history', 'redrive', 'stop', 'resume', 'complete'])('names both targets in %s --help', async (command) => {
    const run = await sirocco([command, '--help'], { connect: false });

    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toMatch(/(on|from) the local runtime, or (on|from) AWS with --aws/);
  });
});

describe('cliMessageOf', () => {
  it('names the ARNs of an ambiguous name', () => {
    const arns = [
      'arn:aws:states:us-east-1:000000000000:execution:salary:run-1',
      'arn:aws:states:us-east-1:000000000000:execution:bonus_only:run-1',
    ];
    const error = new HttpError(409, 'AmbiguousExecutionName', 'Several workflows ...', { executionArns: arns });

    const message = cliMessageOf(error, { pathParameters: { id: 'run-1' } });

    expect(message).toBe(`Several workflows have an execution named "run-1": pass its ARN instead, one of ${arns.join(', ')}.`);
  });

  it('keeps other API messages', () => {
    const error = new HttpError(404, 'ExecutionDoesNotExist', 'No workflow has an execution named "x".');

    expect(cliMessageOf(error, {})).toBe('No workflow has an execution named "x".');
  });
});
