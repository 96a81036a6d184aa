import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compileWorkflow } from '../../lib/compiler';
import { Engine, FakeClock, type ExecutionStatusChangeEvent } from '../../lib/local/engine';
import { HandlerServices, type Handler } from '../support/handler-services';
import { knownActions, readText } from './helpers';

/** Compiles a workflow and fills each `${key}` placeholder with the key itself as the function name. */
function compileForEngine(file: string): string {
  const result = compileWorkflow(readText(file), { file, actions: knownActions });
  if (!result.asl) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));

  return JSON.stringify(result.asl).replace(/\$\{(\w+)\}/g, '$1');
}

/** Resolves when the engine reports that an execution stopped running. */
class ExecutionEnds {
  private readonly ended = new Set<string>();
  private readonly waiters = new Map<string, () => void>();

  onStatusChange = (event: ExecutionStatusChangeEvent): void => {
    if (event.detail.status === 'RUNNING') return;
    this.ended.add(event.detail.executionArn);
    this.waiters.get(event.detail.executionArn)?.();
  };

  wait(executionArn: string): Promise<void> {
    if (this.ended.has(executionArn)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(executionArn, resolve));
  }
}

async function waitUntilDone(run: Run): Promise<Record<string, unknown>> {
  await run.ends.wait(run.executionArn);
  return run.engine.call('DescribeExecution', { executionArn: run.executionArn });
}

interface Run {
  engine: Engine;
  clock: FakeClock;
  services: HandlerServices;
  ends: ExecutionEnds;
  executionArn: string;
}

const dataDirs: string[] = [];
const engines: Engine[] = [];

async function startRun(file: string, handlers: Record<string, Handler>, input: unknown): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sirocco-compiled-'));
  dataDirs.push(dataDir);
  const services = new HandlerServices(handlers);
  const ends = new ExecutionEnds();
  const clock = new FakeClock();
  const engine = new Engine({ dataDir, services, clock, onStatusChange: ends.onStatusChange });
  engines.push(engine);
  await engine.start();

  const name = file.replace(/.*\//, '').replace(/\.yaml$/, '').replace(/[^\w-]/g, '_');
  const machine = await engine.call('CreateStateMachine', { name, definition: compileForEngine(file), roleArn: 'arn:aws:iam::000000000000:role/test' });
  const started = await engine.call('StartExecution', { stateMachineArn: machine.stateMachineArn, input: JSON.stringify(input) });

  return { engine, clock, services, ends, executionArn: started.executionArn as string };
}

afterAll(async () => {
  for (const engine of engines) await engine.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('compiled workflows on the local engine', () => {
  it('salary pays the bonus after approval', async () => {
    let approvalRequested: (event: Record<string, unknown>) => void = () => undefined;
    const approval = new Promise<Record<string, unknown>>((resolve) => {
      approvalRequested = resolve;
    });
    const run = await startRun(
      'workflows/salary.yaml',
      {
        Action_accounting_salary_base: () => ({ amount: 3000, manager: { phone: '+15550100' } }),
        Action_bonus_calculate: () => ({ amount: 250 }),
        ApprovalRequestFunction: (event) => {
          approvalRequested(event);
          return {};
        },
        Action_accounting_record_payroll: (event) => ({ total: (event.input as { base: number; bonus: number }).base + 250 }),
      },
      { employee_id: 'e-7', month: '2026-11' },
    );

    const request = await approval;
    await run.engine.call('SendTaskSuccess', {
      taskToken: request.token,
      output: JSON.stringify({ approved: true, decidedBy: 'manager', decidedAt: '2026-11-30T10:00:00Z' }),
    });
    const done = await waitUntilDone(run);

    expect(request.input).toStrictEqual({
      to: ['+15550100'],
      message: 'Approve a bonus of 250 EUR for employee e-7 (2026-11)?',
      details: { employee: 'e-7', month: '2026-11', base: 3000, bonus: 250 },
    });
    expect(request.timeoutSeconds).toBe(259200);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({
      employee_id: 'e-7',
      month: '2026-11',
      base: 3000,
      bonus: 250,
      total: 3250,
      approved: true,
    });
  });

  it('fork-join merges values published in branches', async () => {
    const run = await startRun(
      'test/fixtures/compiler/fork-join.yaml',
      {
        Action_shop_receive: () => ({ items: ['book'] }),
        Action_stock_reserve: () => ({ id: 'r-1' }),
        Action_stock_pack: () => ({ parcel: 'p-1' }),
        Action_payment_charge: () => ({ receipt: 'c-1' }),
        Action_shop_ship: () => ({}),
      },
      { order_id: 'o-1' },
    );
    const done = await waitUntilDone(run);

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ parcel: 'p-1', receipt: 'c-1' });
    expect(run.services.events.get('Action_stock_pack')?.[0].input).toStrictEqual({ reservation: 'r-1' });
    expect(run.services.events.get('Action_shop_ship')?.[0].input).toStrictEqual({ parcel: 'p-1', receipt: 'c-1', reservation: 'r-1' });
  });

  it('publish-across-join leaves a branch through its guard', async () => {
    const run = await startRun(
      'test/fixtures/compiler/publish-across-join.yaml',
      {
        Action_data_left: () => ({ value: 0 }),
        Action_data_more: () => ({ value: 99 }),
        Action_data_right: () => ({ value: 5 }),
        Action_data_merge: (event) => ({ sum: (event.input as { values: number[] }).values.reduce((a, b) => a + b, 0) }),
      },
      {},
    );
    const done = await waitUntilDone(run);

    expect(done.status).toBe('SUCCEEDED');
    expect(run.services.events.get('Action_data_more')).toBeUndefined();
    expect(JSON.parse(done.output as string)).toStrictEqual({ left_value: 0, right_value: 5, sum: 5 });
  });

  it('on-error publishes the cause and fails after the refund', async () => {
    const run = await startRun(
      'test/fixtures/compiler/on-error.yaml',
      {
        Action_payment_charge: () => {
          const error = new Error('card declined');
          error.name = 'PaymentDeclined';
          throw error;
        },
        Action_payment_refund: () => ({}),
        Action_shop_notify: () => ({}),
      },
      { order_id: 'o-2' },
    );
    const done = await waitUntilDone(run);
    const refund = run.services.events.get('Action_payment_refund')?.[0];

    expect(refund?.input).toMatchObject({ order: 'o-2' });
    expect(JSON.stringify((refund?.input as { reason: unknown }).reason)).toContain('card declined');
    expect(run.services.events.get('Action_payment_charge')?.[0].input).toStrictEqual({ order: 'o-2', label: 'order o-2' });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Sirocco.Fail');
    expect(done.cause).toBe("Task 'refund' transitioned to fail.");
  });

  it('guards end the workflow when none matches', async () => {
    const run = await startRun(
      'test/fixtures/compiler/guards.yaml',
      { Action_shop_quote: () => ({ price: 50 }), Action_shop_review: () => ({}), Action_shop_accept: () => ({}) },
      { amount: 2 },
    );
    const done = await waitUntilDone(run);

    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ price: 50, currency: 'EUR' });
    expect(run.services.events.get('Action_shop_review')).toBeUndefined();
    expect(run.services.events.get('Action_shop_accept')).toBeUndefined();
  });

  it('commands fail with the message of the matching guard', async () => {
    const run = await startRun(
      'test/fixtures/compiler/commands.yaml',
      { Action_shop_check: () => ({ status: 'blocked' }), Action_shop_archive: () => ({}) },
      { order_id: 'o-3' },
    );
    const done = await waitUntilDone(run);

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Sirocco.Fail');
    expect(done.cause).toBe('Order o-3 is blocked');
  });

  it.each([
    ['States.Timeout', 'SUCCEEDED', undefined],
    ['ArchiveDown', 'FAILED', 'ArchiveDown'],
  ])('task-defaults routes an archive error %s', async (errorName, status, error) => {
    let archiveCalls = 0;
    const run = await startRun(
      'test/fixtures/compiler/task-defaults.yaml',
      {
        Action_shop_check: () => ({}),
        Action_shop_archive: () => {
          archiveCalls += 1;
          if (archiveCalls > 1) return {};
          const thrown = new Error('archive failed');
          thrown.name = errorName;
          throw thrown;
        },
        Action_shop_notify: () => ({}),
      },
      { order_id: 'o-4' },
    );
    const done = await waitUntilDone(run);

    expect(done.status).toBe(status);
    expect(done.error).toBe(error);
    expect(run.services.events.get('Action_shop_check')?.[0].input).toStrictEqual({ order: 'o-4', express: false });
  });

  it('nested-fork merges inner and outer branches after a loop', async () => {
    let polls = 0;
    const run = await startRun(
      'test/fixtures/compiler/nested-fork.yaml',
      {
        Action_data_left: () => ({ value: 1 }),
        Action_data_right: () => ({ value: 'job-1' }),
        Action_data_more: (event) => {
          if ((event.input as { job?: string }).job === undefined) return { value: 10 };
          polls += 1;
          return { status: polls < 3 ? 'running' : 'done' };
        },
        Action_data_merge: (event) => ({ sum: (event.input as { values: unknown[] }).values.length }),
      },
      {},
    );
    const done = await waitUntilDone(run);

    expect(done.status).toBe('SUCCEEDED');
    expect(polls).toBe(3);
    expect(run.services.events.get('Action_data_merge')?.map((event) => event.input)).toEqual(
      expect.arrayContaining([{ values: [1, 10, 10] }, { values: [3, 'done'] }]),
    );
    expect(JSON.parse(done.output as string)).toStrictEqual({ inner_sum: 3, status: 'done' });
  });

  it('retry runs a failed action again after the delay', async () => {
    let attempts = 0;
    const run = await startRun(
      'test/fixtures/compiler/retry.yaml',
      {
        Action_data_left: () => {
          attempts += 1;
          if (attempts < 3) throw new Error('not yet');
          return { value: 7 };
        },
        Action_data_right: () => ({}),
      },
      {},
    );

    const retryDelayMs = 5000;
    for (let wakeUps = 0; wakeUps < 2; ) {
      if (run.clock.pendingDelays().includes(retryDelayMs)) {
        run.clock.advance(retryDelayMs);
        wakeUps += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const done = await waitUntilDone(run);

    expect(attempts).toBe(3);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output as string)).toStrictEqual({ value: 7 });
  });

  it('copies of a break-on task count retries apart', async () => {
    let failing = true;
    const run = await startRun(
      'test/corpus/fork-copied-retry.yaml',
      {
        Action_ledger_open: () => ({}),
        Action_ledger_import: () => ({}),
        Action_ledger_post: () => {
          if (!failing) return { posted: 1 };
          const error = new Error('no answer');
          error.name = 'Timeout';
          throw error;
        },
      },
      { batch_id: 'b-1' },
    );

    // Both copies fail twice, four failures in all, while 'count: 2' allows each copy two retries.
    const retryDelayMs = 5000;
    const bothCopiesWaiting = async () => {
      for (let polls = 0; polls < 5000 && run.clock.pendingDelays().filter((delay) => delay === retryDelayMs).length < 2; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    await bothCopiesWaiting();
    run.clock.advance(retryDelayMs);
    await bothCopiesWaiting();
    failing = false;
    run.clock.advance(retryDelayMs);
    const done = await waitUntilDone(run);

    expect(done.status).toBe('SUCCEEDED');
    expect(run.services.events.get('Action_ledger_post')).toHaveLength(6);
    expect(run.services.events.get('Action_ledger_post')?.map((event) => event.task)).toStrictEqual(Array(6).fill('post_entries'));
  });
});
