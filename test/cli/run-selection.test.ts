import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { CliOutput } from '../../lib/cli/output';
import { runCli } from '../../lib/cli/program';
import { requireDecisionForApprovals, requireDecisionWithoutTerminal } from '../../lib/cli/run/require-decision';
import { synthesize } from '../../lib/local/synthesize';
import { startSampleSystems } from '../../lib/samples/sample-systems';

// Runs `sirocco run` on workflows and actions outside the project, on the real
// compiler, `cdk synth` and the local runtime. Ports 5101 and 5102 stand for
// system URLs that a deployer wrote into cdk.json.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const SALARY = path.join(PROJECT_DIR, 'workflows', 'salary.yaml');
const SALARY_INPUT = JSON.stringify({ employee_id: 'E1001', month: '2026-05' });
const MOVED_SYSTEMS = { accounting: 'http://127.0.0.1:5101', bonus: 'http://127.0.0.1:5102' };

const temporaryFolders: string[] = [];

function temporaryDir(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-run-selection-${prefix}-`));
  temporaryFolders.push(folder);
  return folder;
}

function writeFiles(folder: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
}

async function sirocco(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const output: CliOutput = { color: false, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
  const code = await runCli(['node', 'sirocco', ...args], output);
  return { code, out: out.join(''), err: err.join('') };
}

/** Sets process.stdin.isTTY for one test, as a terminal or a pipe would. */
function stdinIsTerminal(terminal: boolean): void {
  process.stdin.isTTY = terminal;
}

const originalStdinIsTTY = process.stdin.isTTY;
let actionsDir: string;
let workflowsDir: string;

beforeAll(() => {
  actionsDir = temporaryDir('actions');
  writeFiles(actionsDir, {
    'accounting/triple.ts': 'export async function handler(event: { input: { x: number } }) {\n  return { value: event.input.x * 3 };\n}\n',
    'demo/double.ts': 'export async function handler(event: { input: { x: number } }) {\n  return { value: event.input.x * 2 };\n}\n',
  });

  workflowsDir = temporaryDir('workflows');
  writeFiles(workflowsDir, {
    'single.yaml': [
      "version: '2.0'",
      'name: single',
      'input: [x]',
      'tasks:',
      '  a:',
      '    action: accounting.triple x=<% $.x %>',
      '    publish:',
      '      value: <% task(a).result.value %>',
      'output:',
      '  value: <% $.value %>',
      '',
    ].join('\n'),
    'parent.yaml': [
      "version: '2.0'",
      'name: parent',
      'input: [x]',
      'tasks:',
      '  call:',
      '    workflow: single x=<% $.x + 1 %>',
      '    publish:',
      '      value: <% task(call).result.value %>',
      'output:',
      '  value: <% $.value %>',
      '',
    ].join('\n'),
    'doubled.yaml': [
      "version: '2.0'",
      'name: doubled',
      'input: [x]',
      'tasks:',
      '  a:',
      '    action: demo.double x=<% $.x %>',
      '    publish:',
      '      value: <% task(a).result.value %>',
      'output:',
      '  value: <% $.value %>',
      '',
    ].join('\n'),
    'orphan.yaml': ["version: '2.0'", 'name: orphan', 'tasks:', '  call:', '    workflow: gone', ''].join('\n'),
    'typo.yaml': ["version: '2.0'", 'name: typo', 'tasks:', '  a:', '    acton: std.noop', ''].join('\n'),
  });
});

afterEach(() => {
  process.stdin.isTTY = originalStdinIsTTY;
});

afterAll(() => {
  for (const folder of temporaryFolders) fs.rmSync(folder, { recursive: true, force: true });
});

describe('sirocco run synthesis', () => {
  test('bundles an action of --actions-dir', async () => {
    stdinIsTerminal(false);

    const { code, out, err } = await sirocco('run', path.join(workflowsDir, 'single.yaml'), '--input', '{"x": 2}', '--actions-dir', actionsDir);

    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`Synthesizing single.yaml of ${workflowsDir} ...`);
    expect(out).toContain('Execution SUCCEEDED');
    expect(out).toContain('"value": 6');
    expect(fs.readdirSync(path.join(PROJECT_DIR, '.sirocco')).filter((name) => name.startsWith('run-actions-'))).toEqual([]);
  }, 180_000);

  test('runs an action of a system without a URL', async () => {
    const systems = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'cdk.json'), 'utf8')).context['sirocco:systems'];
    expect(systems).not.toHaveProperty('demo');

    const { code, out, err } = await sirocco('run', path.join(workflowsDir, 'doubled.yaml'), '--input', '{"x": 21}', '--actions-dir', actionsDir);

    expect(err).toBe('');
    expect(out).toContain('Execution SUCCEEDED');
    expect(out).toContain('"value": 42');
    expect(code).toBe(0);
  }, 180_000);

  test('leaves out a broken unrelated file', async () => {
    const { code, out } = await sirocco('run', path.join(workflowsDir, 'single.yaml'), '--input', '{"x": 2}', '--actions-dir', actionsDir);

    expect(code).toBe(0);
    expect(out).not.toContain('typo.yaml');
    expect(out).not.toContain('orphan.yaml');
  }, 180_000);

  test('synthesizes a sub-workflow of the folder', async () => {
    const { code, out } = await sirocco('run', path.join(workflowsDir, 'parent.yaml'), '--input', '{"x": 4}', '--actions-dir', actionsDir);

    expect(code).toBe(0);
    expect(out).toContain(`Synthesizing parent.yaml, single.yaml of ${workflowsDir} ...`);
    expect(out).toContain('"value": 15');
  }, 180_000);

  test('names a sub-workflow that no file defines', async () => {
    const { code, out, err } = await sirocco('run', path.join(workflowsDir, 'orphan.yaml'), '--actions-dir', actionsDir);

    expect(code).toBe(1);
    expect(err).toContain(`Sub-workflow not found: 'orphan' calls 'gone', but no file of ${workflowsDir} defines it without errors.`);
    expect(err).toContain('These files of the folder have errors: typo.yaml.');
    expect(out).not.toContain('Synthesizing');
  });
});

describe('sirocco run sample systems', () => {
  let assemblyDir: string;

  beforeAll(async () => {
    assemblyDir = temporaryDir('moved-systems');
    await synthesize(PROJECT_DIR, assemblyDir, { 'sirocco:systems': JSON.stringify(MOVED_SYSTEMS) });
  }, 180_000);

  test('replace the system URLs of cdk.json', async () => {
    const { code, out } = await sirocco('run', SALARY, '--input', SALARY_INPUT, '--approve', '--assembly', assemblyDir);

    expect(out).toMatch(
      /^Replaced the system URLs with the sample systems: accounting http:\/\/127\.0\.0\.1:5101 with http:\/\/127\.0\.0\.1:\d+, bonus http:\/\/127\.0\.0\.1:5102 with http:\/\/127\.0\.0\.1:\d+\. Pass --no-samples to call the URLs of cdk\.json\.$/m,
    );
    expect(out).toContain('Execution SUCCEEDED');
    expect(code).toBe(0);
  }, 120_000);

  test('call cdk.json URLs with --no-samples', async () => {
    const systems = await startSampleSystems({ accountingPort: 5101, bonusPort: 5102 });
    try {
      const { code, out } = await sirocco('run', SALARY, '--input', SALARY_INPUT, '--approve', '--no-samples', '--assembly', assemblyDir);

      expect(out).not.toContain('Replaced the system URLs');
      expect(out).toContain('Execution SUCCEEDED');
      expect(code).toBe(0);
    } finally {
      await systems.stop();
    }
  }, 120_000);

  test('fail on unreachable cdk.json URLs', async () => {
    const input = JSON.stringify({ employee_id: 'E1001', month: '2026-04' });

    const { code, out } = await sirocco('run', SALARY, '--input', input, '--approve', '--no-samples', '--assembly', assemblyDir);

    expect(code).toBe(1);
    expect(out).toMatch(/to http:\/\/127\.0\.0\.1:510[12] failed: connect ECONNREFUSED/);
  }, 120_000);
});

describe('sirocco run approvals without a terminal', () => {
  test('rejects salary without a decision', async () => {
    stdinIsTerminal(false);

    const { code, out, err } = await sirocco('run', SALARY, '--input', SALARY_INPUT);

    expect(code).toBe(2);
    expect(err).toContain("The workflow waits for approval at 'salary.approve_bonus', and stdin is not a terminal");
    expect(err).toContain('Pass --approve or --reject to decide every approval.');
    expect(out).toBe('');
  });

  test('names the approval of a sub-workflow', () => {
    const folder = temporaryDir('approvals');
    writeFiles(folder, {
      'ask.yaml': [
        "version: '2.0'",
        'name: ask',
        'tasks:',
        '  confirm:',
        '    action: std.approval',
        '    input:',
        "      to: ['+15555550100']",
        '      message: Confirm?',
        '',
      ].join('\n'),
      'caller.yaml': ["version: '2.0'", 'name: caller', 'tasks:', '  call:', '    workflow: ask', ''].join('\n'),
    });

    const check = () => requireDecisionForApprovals(path.join(folder, 'caller.yaml'), { actionsDir, terminal: false });

    expect(check).toThrow("The workflow waits for approval at 'ask.confirm'");
  });

  test.each([
    ['a terminal', undefined, true],
    ['--approve', 'approve', false],
    ['--reject', 'reject', false],
  ] as const)('accepts approvals with %s', (_case, decision, terminal) => {
    expect(() => requireDecisionWithoutTerminal(['salary.approve_bonus'], decision, terminal)).not.toThrow();
  });

  test('accepts a workflow without approvals', () => {
    expect(() => requireDecisionWithoutTerminal([], undefined, false)).not.toThrow();
  });
});

describe('sirocco run --input errors', () => {
  test.each([
    ['invalid JSON', '{"x":', `Invalid --input '{"x":'`],
    ['an array', '[1]', "Invalid --input '[1]': expected a JSON object"],
    ['an unknown field', '{"y": 1}', 'Input field "y" is unknown: workflow "single" declares x.'],
  ])('suggest the declared inputs for %s', async (_case, input, message) => {
    const { code, err } = await sirocco('run', path.join(workflowsDir, 'single.yaml'), '--input', input, '--actions-dir', actionsDir);

    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain(`'{"x":"..."}'`);
    expect(err).not.toContain('employee_id');
  });
});
