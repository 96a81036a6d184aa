import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { CliOutput } from '../../lib/cli/output';
import { runCli } from '../../lib/cli/program';
import { DECISION_COMMENT } from '../../lib/cli/run/approval-decider';
import { runWorkflow } from '../../lib/cli/run/run-workflow';
import type { CostReport } from '../../lib/cost/cost-report';
import { synthesizeWorkflows } from '../../lib/cli/run/synthesize-workflows';

// Runs `sirocco run` on the project's own synthesized app, with the bundled handlers,
// the sample systems and the approval page, all on ephemeral loopback ports.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const SALARY = path.join(PROJECT_DIR, 'workflows', 'salary.yaml');
const APPROVED_INPUT = JSON.stringify({ employee_id: 'E1001', month: '2026-06' });

let assemblyDir: string;
const keptRunFolders: string[] = [];

function capture(): CliOutput & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    color: false,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

async function sirocco(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const output = capture();
  const code = await runCli(['node', 'sirocco', ...args], output);
  return { code, out: output.out(), err: output.err() };
}

/** Removes the temporary folder of a failed run after the tests, and nothing outside the temporary folder. */
function removeAfterTests(logFile: string | undefined): void {
  const folder = path.dirname(path.dirname(logFile ?? ''));
  if (folder.startsWith(path.join(os.tmpdir(), 'sirocco-run-'))) keptRunFolders.push(folder);
}

function temporaryDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-run-test-${prefix}-`));
}

beforeAll(async () => {
  assemblyDir = temporaryDir('assembly');
  await synthesizeWorkflows(PROJECT_DIR, path.join(PROJECT_DIR, 'workflows'), assemblyDir);
}, 180_000);

afterAll(() => {
  for (const folder of [assemblyDir, ...keptRunFolders]) fs.rmSync(folder, { recursive: true, force: true });
});

describe('sirocco run', () => {
  test('approves salary and exits 0', async () => {
    const { code, out } = await sirocco('run', SALARY, '--input', APPROVED_INPUT, '--approve', '--assembly', assemblyDir);

    expect(code).toBe(0);
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}salary_base started$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}bonus finished in \d+\.\d\d s$/m);
    expect(out).toMatch(/^SMS to \+15555550100: Approve a bonus of 420 EUR for employee E1001 \(2026-06\)\?$/m);
    expect(out).toMatch(/^Approved through http:\/\/127\.0\.0\.1:\d+\/prod\/approvals\/[A-Za-z0-9_-]{32}$/m);
    expect(out).not.toContain('Open the approval link to decide');
    expect(out).toMatch(/record_payroll finished/);
    expect(out).not.toContain('record_payroll_without_bonus');
    expect(out).toMatch(/^Execution SUCCEEDED: arn:aws:states:us-east-1:000000000000:execution:salary:/m);
    expect(out).toContain('"total": 4620');
    expect(out).toContain('Outbox: 1 message.');
  }, 120_000);

  test('rejects salary, so no bonus is paid', async () => {
    const { code, out } = await sirocco('run', SALARY, '--input', APPROVED_INPUT.replace('06', '07'), '--reject', '--assembly', assemblyDir);

    expect(code).toBe(0);
    expect(out).toMatch(/^Rejected through http:\/\/127\.0\.0\.1:/m);
    expect(out).toContain('record_payroll_without_bonus finished');
    expect(out).toContain('"bonus": 0');
    expect(out).toContain('"approved": false');
  }, 120_000);

  test('exits 1 on a failed run', async () => {
    const input = JSON.stringify({ employee_id: 'E9999', month: '2026-06' });

    const { code, out } = await sirocco('run', SALARY, '--input', input, '--approve', '--assembly', assemblyDir);

    expect(code).toBe(1);
    // Both branches call for an unknown employee. The first to fail aborts the other, so either may fail.
    expect(out).toMatch(/(salary_base|bonus) failed: SystemError\.404 \(GET \/employees\/E9999\/(salary|bonus) failed with status 404/);
    expect(out).toContain('Execution FAILED');
    expect(out).toContain('Error: SystemError.404');
    expect(out).not.toContain('"trace"');
    expect(out).toMatch(/^TOPIC to arn:aws:sns:us-east-1:000000000000:Sirocco-AlertsTopic\w+: Sirocco: workflow salary failed at state (salary_base|bonus)\.$/m);
    expect(out).toContain('Outbox: 1 message.');
    const logFile = /^Runtime log: (.+)$/m.exec(out)?.[1] ?? '';
    removeAfterTests(logFile);
    expect(fs.existsSync(logFile)).toBe(true);
  }, 120_000);

  test.each([
    [['--input', '{"employee_id":'], "Invalid --input '{\"employee_id\":'"],
    [['--input', '[1]'], 'expected a JSON object'],
    [['--approve', '--reject'], 'Pass either --approve or --reject, not both.'],
  ])('rejects %j with exit 2', async (args, message) => {
    const { code, err } = await sirocco('run', SALARY, ...args, '--assembly', assemblyDir);

    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  test.each([
    ['no input', [], 'error: Input field "employee_id" is missing: workflow "salary" requires it.'],
    ['a missing field', ['--input', '{"employee_id": "E1001"}'], 'error: Input field "month" is missing: workflow "salary" requires it.'],
    [
      'an unknown field',
      ['--input', '{"employee_id": "E1001", "month": "2026-06", "year": 2026}'],
      'error: Input field "year" is unknown: workflow "salary" declares employee_id, month.',
    ],
  ])('rejects %s before starting', async (_case, args, message) => {
    const { code, out, err } = await sirocco('run', SALARY, ...args, '--approve', '--assembly', assemblyDir);

    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain(`--input '{"employee_id":"...","month":"..."}'`);
    expect(out).not.toContain('Started');
    expect(out).toBe('');
  });

  test('rejects a missing file with exit 2', async () => {
    const { code, err } = await sirocco('run', 'nowhere/missing.yaml', '--assembly', assemblyDir);

    expect(code).toBe(2);
    expect(err).toContain("Cannot read workflow 'nowhere/missing.yaml'");
  });

  test('exits 1 on workflow errors', async () => {
    const file = path.join(PROJECT_DIR, 'test', 'fixtures', 'compiler', 'guards.yaml');

    const { code, err } = await sirocco('run', file, '--actions-dir', 'nowhere', '--assembly', assemblyDir);

    expect(code).toBe(1);
    expect(err).toContain('error SRC1108');
  });

  test('rejects a workflow missing from the assembly', async () => {
    const folder = temporaryDir('other');
    const file = path.join(folder, 'other.yaml');
    fs.writeFileSync(file, fs.readFileSync(SALARY, 'utf8').replace('name: salary', 'name: other'));

    const { code, err } = await sirocco('run', file, '--input', APPROVED_INPUT, '--approve', '--assembly', assemblyDir);

    expect(code).toBe(2);
    expect(err).toContain("Workflow 'other' is not in the cloud assembly");
    expect(err).toContain('state machines: salary');
    fs.rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});

describe('runWorkflow', () => {
  test('stops the execution on abort', async () => {
    const interrupt = new AbortController();
    const lines: string[] = [];
    const output: CliOutput = {
      color: false,
      stdout: (text) => {
        lines.push(text);
        if (text.startsWith('SMS to')) interrupt.abort();
      },
      stderr: (text) => lines.push(text),
    };

    const run = await runWorkflow(
      {
        file: SALARY,
        input: { employee_id: 'E1001', month: '2026-11' },
        assemblyDir,
        actionsDir: path.join(PROJECT_DIR, 'lambdas', 'actions'),
        projectDir: PROJECT_DIR,
        signal: interrupt.signal,
      },
      output,
    );

    removeAfterTests(run?.logFile);
    expect(run?.status).toBe('ABORTED');
    expect(run?.error).toBe('Interrupted');
    expect(lines).toContain('Open the approval link to decide, or press Ctrl+C to stop the run. --approve or --reject decide at once.\n');
    expect(lines).toContain('Stopping the execution, because the run was interrupted.\n');
    expect(lines.join('')).toMatch(/approve_bonus aborted/);
    expect(lines.join('')).not.toContain('record_payroll');
  }, 120_000);
});

describe('sirocco cost against a run', () => {
  test('equals the transitions of an approved run', async () => {
    const output = capture();
    const run = await runWorkflow(
      {
        file: SALARY,
        input: { employee_id: 'E1002', month: '2026-09' },
        decision: 'approve',
        actionsDir: path.join(PROJECT_DIR, 'lambdas', 'actions'),
        projectDir: PROJECT_DIR,
      },
      output,
    );
    const cost = await sirocco('cost', SALARY, '--json');
    const report = JSON.parse(cost.out) as CostReport;

    const entered = (run?.history ?? [])
      .filter((event) => event.type?.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails?.name ?? '');

    expect(run?.status).toBe('SUCCEEDED');
    expect(output.out()).toContain(`Synthesizing salary.yaml of ${path.join(PROJECT_DIR, 'workflows')} ...`);
    expect(run?.outbox.length).toBe(1);
    expect(entered.length).toBe(report.shortest.transitions);
    expect(entered.length).toBe(report.longest.transitions);
    expect([...entered].sort()).toEqual([...report.longest.states].sort());
    expect(JSON.stringify(run?.history)).toContain(DECISION_COMMENT);
  }, 180_000);
});
