import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { compileWorkflow } from '../../lib/compiler';
import type { StateMachineDefinition } from '../../lib/compiler/types';
import type { CliOutput } from '../../lib/cli/output';
import { runCli } from '../../lib/cli/program';
import { renderSvg, SvgRenderError } from '../../lib/cli/graph/render-svg';
import { synthesizeWorkflows } from '../../lib/cli/run/synthesize-workflows';
import { createMemoryLog } from '../../lib/local/log';
import { startRuntime, type LocalRuntime } from '../../lib/local/runtime';
import { startSampleSystems, type SampleSystems } from '../../lib/samples/sample-systems';
import { mermaidNodeIds } from '../../lib/web/mermaid';

// The execution tests run salary on the project's synthesized app in the local runtime,
// and read its progress through the runtime's Step Functions API.
const PROJECT_DIR = path.join(__dirname, '..', '..');
const SALARY = path.join(PROJECT_DIR, 'workflows', 'salary.yaml');
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const MANAGER_PHONE = '+15555550100';

const salaryAsl = compileWorkflow(fs.readFileSync(SALARY, 'utf8'), { file: SALARY }).asl as StateMachineDefinition;
const nodeIds = mermaidNodeIds(salaryAsl);

let folders: string[] = [];
let systems: SampleSystems;
let runtime: LocalRuntime;
let sfn: SFNClient;

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

async function graph(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const output = capture();
  const code = await runCli(['node', 'sirocco', 'graph', ...args], output);
  return { code, out: output.out(), err: output.err() };
}

function temporaryDir(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `sirocco-graph-test-${prefix}-`));
  folders.push(folder);
  return folder;
}

/** Returns the state names that a `class <ids> <status>` line of the graph gives `status`. */
function statesWithClass(mermaid: string, status: string): string[] {
  const line = mermaid.split('\n').find((candidate) => candidate.trim().startsWith('class ') && candidate.trim().endsWith(` ${status}`));
  const ids = line?.trim().split(' ')[1].split(',') ?? [];
  const names = Object.entries(nodeIds).filter(([, id]) => ids.includes(id)).map(([name]) => name);
  return names.sort();
}

async function startSalary(employeeId: string, month: string): Promise<string> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: runtime.stateMachines.salary,
      name: `graph-${employeeId}-${month}`,
      input: JSON.stringify({ employee_id: employeeId, month }),
    }),
  );
  return executionArn!;
}

async function waitForEnd(executionArn: string): Promise<void> {
  for (;;) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Returns a loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const assemblyDir = temporaryDir('assembly');
  await synthesizeWorkflows(PROJECT_DIR, path.join(PROJECT_DIR, 'workflows'), assemblyDir);

  systems = await startSampleSystems({ accountingPort: 0, bonusPort: 0 });
  const systemUrls: Record<string, string> = {
    'http://127.0.0.1:4701': systems.accountingUrl,
    'http://127.0.0.1:4702': systems.bonusUrl,
  };
  runtime = await startRuntime({
    assemblyDir,
    dataDir: temporaryDir('data'),
    ports: 0,
    log: createMemoryLog(),
    environmentOverrides: (fn): Record<string, string> =>
      fn.environment.SYSTEM_URL ? { SYSTEM_URL: systemUrls[fn.environment.SYSTEM_URL] } : {},
  });
  sfn = new SFNClient({ endpoint: runtime.urls.stepFunctions, region: 'us-east-1', credentials: CREDENTIALS });
}, 180_000);

afterAll(async () => {
  sfn?.destroy();
  await runtime?.stop();
  await systems?.stop();
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  folders = [];
});

describe('sirocco graph', () => {
  test('prints the Mermaid flowchart', async () => {
    const { code, out } = await graph(SALARY);

    expect(code).toBe(0);
    expect(out.startsWith('flowchart TD\n')).toBe(true);
    expect(out).toContain(`${nodeIds.salary_base}["salary_base"]`);
    expect(out).toContain(`${nodeIds['approve_bonus.on-success']} -->|"$approved"| ${nodeIds.record_payroll}`);
    expect(out).not.toMatch(/^ {2}class \S+ (done|running|failed|notReached)$/m);
  });

  test('writes the graph to --out', async () => {
    const file = path.join(temporaryDir('out'), 'salary.mmd');

    const { code, out } = await graph(SALARY, '--direction', 'LR', '--out', file);

    expect(code).toBe(0);
    expect(out).toBe('');
    expect(fs.readFileSync(file, 'utf8').startsWith('flowchart LR\n')).toBe(true);
  });

  test('colours a run waiting for approval', async () => {
    const executionArn = await startSalary('E1001', '2026-10');
    await runtime.outbox.waitFor((message) => message.to === MANAGER_PHONE && message.body.includes('2026-10'), {
      timeoutMilliseconds: 20_000,
    });

    const { code, out } = await graph(SALARY, '--execution', 'graph-E1001-2026-10', '--stepfunctions-endpoint', runtime.urls.stepFunctions);

    expect(code).toBe(0);
    expect(statesWithClass(out, 'done')).toEqual(['bonus', 'input', 'salary_base']);
    expect(statesWithClass(out, 'running')).toEqual(['approve_bonus']);
    expect(statesWithClass(out, 'notReached')).toEqual(['record_payroll', 'record_payroll_without_bonus']);
    expect(statesWithClass(out, 'failed')).toEqual([]);
    expect(executionArn.endsWith(':salary:graph-E1001-2026-10')).toBe(true);
  }, 60_000);

  test('colours the failed task of a run', async () => {
    const executionArn = await startSalary('E9999', '2026-10');
    await waitForEnd(executionArn);

    const { code, out } = await graph(SALARY, '--execution', executionArn, '--stepfunctions-endpoint', runtime.urls.stepFunctions);

    expect(code).toBe(0);
    // Both systems reject the employee. The first failure ends the run and is red, and the other task is drawn aborted.
    const failed = statesWithClass(out, 'failed');
    expect(failed).toHaveLength(1);
    expect([...failed, ...statesWithClass(out, 'aborted')].sort()).toEqual(['bonus', 'salary_base']);
    expect(statesWithClass(out, 'notReached')).toEqual(['approve_bonus', 'record_payroll', 'record_payroll_without_bonus']);
  }, 60_000);

  test('renders SVG in Chromium', async () => {
    const { code, out } = await graph(SALARY, '--format', 'svg', '--execution', 'graph-E1001-2026-10', '--stepfunctions-endpoint', runtime.urls.stepFunctions);

    expect(code).toBe(0);
    expect(out.startsWith('<svg')).toBe(true);
    expect(out).toContain('approve_bonus');
    expect(out).toMatch(new RegExp(`class="node [^"]*running[^"]*" id="graph-flowchart-${nodeIds.approve_bonus}-`));
  }, 60_000);

  test('renders SVG with the web view page', async () => {
    const { code, out } = await graph(SALARY, '--format', 'svg', '--direction', 'LR');
    const svgTag = out.slice(0, out.indexOf('>') + 1);

    expect(code).toBe(0);
    expect(svgTag).toContain('id="graph"');
    expect(svgTag).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgTag).toContain('data-renderer="sirocco-web-view"');
    expect(out).toMatch(new RegExp(`class="node [^"]*helper[^"]*" id="graph-flowchart-${nodeIds.input}-`));
    expect(out).not.toContain('<foreignObject');
  }, 60_000);

  test('reports a Mermaid syntax error', async () => {
    const rendering = renderSvg('flowchart TD\n  a["unclosed');

    await expect(rendering).rejects.toBeInstanceOf(SvgRenderError);
    await expect(rendering).rejects.toThrow(/^The graph failed to render: /);
  }, 60_000);

  test('exits 1 for an unknown execution', async () => {
    const { code, err } = await graph(SALARY, '--execution', 'missing', '--stepfunctions-endpoint', runtime.urls.stepFunctions);

    expect(code).toBe(1);
    expect(err).toContain("Execution 'arn:aws:states:us-east-1:000000000000:execution:salary:missing' not found");
  });

  test('exits 1 for an execution of another workflow', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sirocco-graph-other-'));
    folders.push(folder);
    const other = path.join(folder, 'other.yaml');
    fs.writeFileSync(other, "version: '2.0'\nname: other\ntasks:\n  hello:\n    action: std.noop\n");
    const executionArn = await startSalary('E1001', '2026-07');

    const { code, out, err } = await graph(other, '--execution', executionArn, '--stepfunctions-endpoint', runtime.urls.stepFunctions);

    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`Execution '${executionArn}' belongs to workflow 'salary', not 'other'.`);
  }, 60_000);

  test('exits 1 without a runtime', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;

    const { code, err } = await graph(SALARY, '--execution', 'missing', '--stepfunctions-endpoint', endpoint);

    expect(code).toBe(1);
    expect(err).toContain(`No Step Functions endpoint at ${endpoint}. Start the local runtime`);
  });

  test.each([
    [['--format', 'png'], "'png' is invalid"],
    [['--direction', 'BT'], "'BT' is invalid"],
    [['--out', '/nowhere/at/all/salary.mmd'], "Cannot write '/nowhere/at/all/salary.mmd'"],
  ])('rejects %j with exit 2', async (args, message) => {
    const { code, err } = await graph(SALARY, ...args);

    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  test('rejects a missing file with exit 2', async () => {
    const { code, err } = await graph('nowhere/missing.yaml');

    expect(code).toBe(2);
    expect(err).toContain("Cannot read workflow 'nowhere/missing.yaml'");
  });

  test('exits 1 on workflow errors', async () => {
    const file = path.join(PROJECT_DIR, 'test', 'fixtures', 'compiler', 'guards.yaml');

    const { code, err } = await graph(file, '--actions-dir', 'nowhere');

    expect(code).toBe(1);
    expect(err).toContain('error SRC1108');
  });
});
