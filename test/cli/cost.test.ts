import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { compileWorkflow } from '../../lib/compiler';
import type { StateMachineDefinition } from '../../lib/compiler/types';
import { runCli } from '../../lib/cli/program';
import type { CliOutput } from '../../lib/cli/output';
import { buildCostReport, childExecutionStates, type CostReport } from '../../lib/cost/cost-report';
import { countPathCosts, maxRetriesOf } from '../../lib/cost/path-cost';
import { DEFAULT_ASSUMPTIONS, pricePath } from '../../lib/cost/pricing';

const PROJECT_DIR = join(__dirname, '..', '..');
const SALARY = join(PROJECT_DIR, 'workflows', 'salary.yaml');
const ACTIONS_DIR = join(PROJECT_DIR, 'lambdas', 'actions');
const LAMBDA = 'arn:aws:states:::lambda:invoke';

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

async function cost(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const output = capture();
  const code = await runCli(['node', 'sirocco', 'cost', ...args], output);
  return { code, out: output.out(), err: output.err() };
}

function asl(states: Record<string, Record<string, unknown>>, startAt = Object.keys(states)[0]) {
  return { StartAt: startAt, States: states };
}

describe('countPathCosts', () => {
  test('counts each state of a chain once', () => {
    const costs = countPathCosts(
      asl({
        first: { Type: 'Task', Resource: LAMBDA, Next: 'second' },
        second: { Type: 'Pass', Next: 'done' },
        done: { Type: 'Succeed' },
      }),
    );

    expect(costs.shortest.states).toEqual(['first', 'second', 'done']);
    expect(costs.shortest.transitions).toBe(3);
    expect(costs.longest.transitions).toBe(3);
    expect(costs.shortest.lambdaInvocations).toBe(1);
  });

  test('takes the shorter and longer Choice target', () => {
    const costs = countPathCosts(
      asl({
        decide: { Type: 'Choice', Choices: [{ Condition: '{% $x %}', Next: 'long1' }], Default: 'short' },
        long1: { Type: 'Task', Resource: LAMBDA, Next: 'long2' },
        long2: { Type: 'Task', Resource: LAMBDA, End: true },
        short: { Type: 'Pass', End: true },
      }),
    );

    expect(costs.shortest.states).toEqual(['decide', 'short']);
    expect(costs.shortest.lambdaInvocations).toBe(0);
    expect(costs.longest.states).toEqual(['decide', 'long1', 'long2']);
    expect(costs.longest.lambdaInvocations).toBe(2);
  });

  test('adds every Parallel branch to the Parallel state', () => {
    const branch = (name: string, length: number) => {
      const states: Record<string, Record<string, unknown>> = {};
      for (let i = 1; i <= length; i++) {
        states[`${name}${i}`] = i === length ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: `${name}${i + 1}` };
      }
      return asl(states);
    };
    const costs = countPathCosts(
      asl({ fork: { Type: 'Parallel', Branches: [branch('a', 2), branch('b', 3)], End: true } }),
    );

    expect(costs.shortest.transitions).toBe(6);
    expect(costs.shortest.states).toEqual(['fork', 'a1', 'a2', 'b1', 'b2', 'b3']);
  });

  test('takes each branch shortest and longest', () => {
    const branch = asl({
      decide: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'extra' }], Default: 'end' },
      extra: { Type: 'Pass', Next: 'end' },
      end: { Type: 'Succeed' },
    });
    const costs = countPathCosts(asl({ fork: { Type: 'Parallel', Branches: [branch, branch], End: true } }));

    expect(costs.shortest.transitions).toBe(1 + 2 + 2);
    expect(costs.longest.transitions).toBe(1 + 3 + 3);
  });

  test('multiplies a Map iteration by the items', () => {
    const definition = asl({
      each: {
        Type: 'Map',
        ItemProcessor: asl({ work: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }], End: true } }),
        End: true,
      },
    });

    const one = countPathCosts(definition);
    const ten = countPathCosts(definition, { mapItems: 10 });
    const none = countPathCosts(definition, { mapItems: 0 });

    expect(one.longest.transitions).toBe(2);
    expect(ten.longest.transitions).toBe(11);
    expect(ten.longest.lambdaInvocations).toBe(10);
    expect(ten.longest.maxRetries).toBe(20);
    expect(ten.longest.states).toEqual(['each', 'work']);
    expect(none.longest.transitions).toBe(1);
  });

  test('reads a Map Iterator too', () => {
    const costs = countPathCosts(
      asl({ each: { Type: 'Map', Iterator: asl({ work: { Type: 'Pass', End: true } }), End: true } }),
      { mapItems: 3 },
    );

    expect(costs.longest.transitions).toBe(4);
  });

  test('counts a loop once', () => {
    const costs = countPathCosts(
      asl({
        poll: { Type: 'Task', Resource: LAMBDA, Next: 'check' },
        check: { Type: 'Choice', Choices: [{ Condition: '{% $done %}', Next: 'done' }], Default: 'wait' },
        wait: { Type: 'Wait', Seconds: 5, Next: 'poll' },
        done: { Type: 'Succeed' },
      }),
    );

    expect(costs.shortest.states).toEqual(['poll', 'check', 'done']);
    expect(costs.longest.transitions).toBe(3);
  });

  test('follows a Catch to its handler', () => {
    const costs = countPathCosts(
      asl({
        call: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'compensate' }], End: true },
        compensate: { Type: 'Task', Resource: LAMBDA, Next: 'failed' },
        failed: { Type: 'Fail', Error: 'Failed' },
      }),
    );

    expect(costs.shortest.transitions).toBe(1);
    expect(costs.longest.states).toEqual(['call', 'compensate', 'failed']);
    expect(costs.longest.lambdaInvocations).toBe(2);
  });

  test('counts Lambda retries apart from other retries', () => {
    const costs = countPathCosts(
      asl({
        call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', Retry: [{ ErrorEquals: ['States.ALL'] }], Next: 'publish' },
        publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }], End: true },
      }),
    );

    expect(costs.longest.maxRetries).toBe(4);
    expect(costs.longest.maxLambdaRetries).toBe(3);
    expect(costs.longest.lambdaInvocations).toBe(1);
  });

  test('counts a callback Lambda as an invocation', () => {
    const costs = countPathCosts(asl({ approve: { Type: 'Task', Resource: `${LAMBDA}.waitForTaskToken`, End: true } }));

    expect(costs.longest.lambdaInvocations).toBe(1);
  });

  test('returns empty paths for a missing StartAt', () => {
    const costs = countPathCosts({ StartAt: 'nowhere', States: {} });

    expect(costs.shortest.transitions).toBe(0);
    expect(costs.longest.states).toEqual([]);
  });
});

describe('maxRetriesOf', () => {
  test.each([
    [{}, 0],
    [{ Retry: [{ ErrorEquals: ['States.ALL'] }] }, 3],
    [{ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }, 0],
    [{ Retry: [{ ErrorEquals: ['A'], MaxAttempts: 2 }, { ErrorEquals: ['B'], MaxAttempts: 5 }] }, 7],
  ])('sums the Retry rules of %j', (state, expected) => {
    expect(maxRetriesOf(state)).toBe(expected);
  });
});

describe('pricePath', () => {
  const path = { states: [], transitions: 10, maxRetries: 4, lambdaInvocations: 2, maxLambdaRetries: 2 };

  test('prices transitions at $0.025 per 1,000', () => {
    const price = pricePath(path, DEFAULT_ASSUMPTIONS);

    expect(price.stateTransitions.min).toBeCloseTo(0.25, 10);
    expect(price.stateTransitions.max).toBeCloseTo(0.35, 10);
  });

  test('prices Lambda requests at $0.20 per million', () => {
    const price = pricePath(path, DEFAULT_ASSUMPTIONS);

    expect(price.lambdaRequests.min).toBeCloseTo(0.0004, 10);
    expect(price.lambdaRequests.max).toBeCloseTo(0.0008, 10);
  });

  test('prices duration per GB-second by architecture', () => {
    const oneGbSecond = { lambdaMilliseconds: 1_000, lambdaMemoryMb: 1_024, mapItems: 1 };
    const single = { ...path, lambdaInvocations: 1, maxLambdaRetries: 0 };

    const arm = pricePath(single, { ...oneGbSecond, architecture: 'arm64' });
    const x86 = pricePath(single, { ...oneGbSecond, architecture: 'x86_64' });

    expect(arm.lambdaDuration.min).toBeCloseTo(0.0133334, 10);
    expect(x86.lambdaDuration.min).toBeCloseTo(0.0166667, 10);
  });

  test('adds the parts into the total', () => {
    const price = pricePath(path, DEFAULT_ASSUMPTIONS);

    expect(price.total.max).toBeCloseTo(price.stateTransitions.max + price.lambdaRequests.max + price.lambdaDuration.max, 12);
  });
});

describe('buildCostReport', () => {
  const start = 'arn:aws:states:::states:startExecution.sync:2';
  const definition = {
    QueryLanguage: 'JSONata' as const,
    StartAt: 'fork',
    States: {
      fork: {
        Type: 'Parallel',
        Branches: [asl({ child: { Type: 'Task', Resource: start, End: true } })],
        Next: 'each',
      },
      each: { Type: 'Map', ItemProcessor: asl({ nested: { Type: 'Task', Resource: start, End: true } }), End: true },
    },
  };

  test('finds child executions at any depth', () => {
    expect(childExecutionStates(definition.States)).toEqual(['child', 'nested']);
  });

  test('notes the child executions', () => {
    const report = buildCostReport('parent', definition, DEFAULT_ASSUMPTIONS);

    expect(report.assumptions.notes).toContain('Child executions are billed on their own and not counted here. These states start them: child, nested.');
  });

  test('adds no note without child executions', () => {
    const report = buildCostReport('plain', { QueryLanguage: 'JSONata', StartAt: 'a', States: { a: { Type: 'Pass', End: true } } }, DEFAULT_ASSUMPTIONS);

    expect(report.assumptions.notes.some((note) => note.includes('Child executions'))).toBe(false);
  });
});

describe('sirocco cost', () => {
  test('matches the compiler metadata for salary', async () => {
    const source = readFileSync(SALARY, 'utf8');
    const { metadata, asl: definition } = compileWorkflow(source, { file: SALARY });

    const { code, out } = await cost(SALARY, '--json', '--actions-dir', ACTIONS_DIR);
    const report = JSON.parse(out) as CostReport;

    expect(code).toBe(0);
    expect(report.shortest.transitions).toBe(metadata?.transitions.shortest);
    expect(report.longest.transitions).toBe(metadata?.transitions.longest);
    expect(report.longest.lambdaInvocations).toBe(4);
    expect(report.longest.states).toEqual(countPathCosts(definition as StateMachineDefinition).longest.states);
  });

  test('prints a table with the assumptions', async () => {
    const { code, out } = await cost(SALARY, '--actions-dir', ACTIONS_DIR);

    expect(code).toBe(0);
    expect(out).toContain("Cost of workflow 'salary' per execution");
    expect(out).toMatch(/State transitions\s+7\s+7/);
    expect(out).toMatch(/Total\s+\$0\.1785\s+\$0\.1785/);
    expect(out).toContain('Lambda: 200 ms billed per invocation, 256 MB, arm64.');
    expect(out).toContain('Longest path:  input → join_approve_bonus → salary_base → bonus → approve_bonus');
  });

  test('applies the Lambda options', async () => {
    const { out } = await cost(SALARY, '--json', '--lambda-ms', '1000', '--lambda-mb', '1024', '--architecture', 'x86_64');
    const report = JSON.parse(out) as CostReport;

    expect(report.assumptions.architecture).toBe('x86_64');
    expect(report.longest.pricePerThousandExecutions.lambdaDuration.min).toBeCloseTo(4 * 0.0000166667 * 1_000, 10);
  });

  test.each([
    [['--lambda-ms', 'abc'], "'abc' is not a positive number"],
    [['--lambda-ms', '0'], "'0' is not a positive number"],
    [['--lambda-mb', '64'], "'64' is not a Lambda memory size"],
    [['--map-items', '-1'], "'-1' is not a whole number"],
    [['--architecture', 'mips'], "'mips' is invalid"],
  ])('rejects %j with exit 2', async (args, message) => {
    const { code, err } = await cost(SALARY, ...args);

    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  test('rejects a missing file with exit 2', async () => {
    const { code, err } = await cost('nowhere/missing.yaml');

    expect(code).toBe(2);
    expect(err).toContain("Cannot read workflow 'nowhere/missing.yaml': file not found");
  });

  test('exits 1 on workflow errors', async () => {
    const { code, out, err } = await cost(join(PROJECT_DIR, 'test', 'fixtures', 'compiler', 'guards.yaml'), '--actions-dir', 'nowhere');

    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('error SRC1108');
  });
});

describe('sirocco cost of a workbook', () => {
  const workbook = join(PROJECT_DIR, 'test', 'corpus', 'layouts', 'workbook.yaml');
  let actionsDir: string;

  beforeAll(() => {
    actionsDir = mkdtempSync(join(tmpdir(), 'sirocco-cost-actions-'));
    mkdirSync(join(actionsDir, 'shop'));
    for (const action of ['quote', 'review', 'accept', 'archive']) {
      writeFileSync(join(actionsDir, 'shop', `${action}.ts`), 'export const handler = () => ({});\n');
    }
  });

  afterAll(() => {
    rmSync(actionsDir, { recursive: true, force: true });
  });

  test('picks the workflow named by --workflow', async () => {
    const { code, out } = await cost(workbook, '--json', '--workflow', 'orders-quote', '--actions-dir', actionsDir);
    const report = JSON.parse(out) as CostReport;

    expect(code).toBe(0);
    expect(report.workflow).toBe('orders-quote');
    expect(report.longest.lambdaInvocations).toBe(2);
  });

  test('requires --workflow for several workflows', async () => {
    const { code, err } = await cost(workbook, '--actions-dir', actionsDir);

    expect(code).toBe(2);
    expect(err).toContain('contains 2 workflows: orders-quote, orders-archive. Pass --workflow NAME to pick one.');
  });

  test('rejects an unknown --workflow', async () => {
    const { code, err } = await cost(workbook, '--workflow', 'orders', '--actions-dir', actionsDir);

    expect(code).toBe(2);
    expect(err).toContain("Workflow 'orders' not found in");
  });
});
