import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { TestEngine } from './helpers';
import { createMachine, eventTypes, finished, ok, start, startTestEngine, thrown, tokenSentTo } from './helpers';

const fixture = path.join(__dirname, '../../fixtures/salary.hand.asl.json');

function salaryDefinition(): string {
  return readFileSync(fixture, 'utf8')
    .replaceAll('${Action_accounting_salary_base}', 'salary_base')
    .replaceAll('${Action_bonus_calculate}', 'bonus_calculate')
    .replaceAll('${Action_accounting_record_payroll}', 'record_payroll')
    .replaceAll('${ApprovalRequestFunction}', 'approval_request');
}

describe('salary state machine', () => {
  let test: TestEngine;

  beforeEach(async () => {
    test = await startTestEngine();
    const { functions } = test.services;
    functions.set('salary_base', () => ok({ amount: 3000, manager: { phone: '+15550100' } }));
    functions.set('bonus_calculate', () => ok({ amount: 250 }));
    functions.set('approval_request', () => ok(null));
    functions.set('record_payroll', (payload) => {
      const input = (payload as { input: { base: number; bonus: number } }).input;
      return ok({ total: input.base + input.bonus });
    });
  });

  afterEach(() => test.cleanup());

  it('pays the bonus after approval', async () => {
    const machine = await createMachine(test.engine, 'salary', salaryDefinition());
    const execution = await start(test.engine, machine, { employee_id: 'e-7', month: '2026-01' });

    const token = await tokenSentTo(test.services, 'approval_request');
    await test.engine.call('SendTaskSuccess', {
      taskToken: token,
      output: JSON.stringify({ approved: true, decidedBy: 'boss', decidedAt: '2026-01-02T00:00:00Z' }),
    });
    const description = await finished(test.engine, execution);

    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output as string)).toEqual({
      employee_id: 'e-7',
      month: '2026-01',
      base: 3000,
      bonus: 250,
      total: 3250,
      approved: true,
    });
    const approval = test.services.calls.find((call) => call.target === 'approval_request')!.request as Record<string, unknown>;
    expect(approval.timeoutSeconds).toBe(259200);
    expect((approval.input as Record<string, unknown>).message).toBe('Approve a bonus of 250 EUR for employee e-7 (2026-01)?');
    expect(approval.execution).toBe(execution);
  });

  it('records the parallel fork in history', async () => {
    const machine = await createMachine(test.engine, 'salary', salaryDefinition());
    const execution = await start(test.engine, machine, { employee_id: 'e-7', month: '2026-01' });
    const token = await tokenSentTo(test.services, 'approval_request');
    await test.engine.call('SendTaskSuccess', { taskToken: token, output: JSON.stringify({ approved: false }) });
    await finished(test.engine, execution);

    const types = await eventTypes(test.engine, execution);

    expect(types[0]).toBe('ExecutionStarted');
    expect(types).toContain('ParallelStateStarted');
    expect(types).toContain('TaskSubmitted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(test.services.calls.filter((call) => call.target === 'record_payroll')).toHaveLength(1);
  });

  it('redrives a failed bonus branch only', async () => {
    let bonusCalls = 0;
    test.services.functions.set('bonus_calculate', () => (++bonusCalls === 1 ? thrown('Bonus.Unavailable', 'bonus system down') : ok({ amount: 100 })));
    const machine = await createMachine(test.engine, 'salary', salaryDefinition());
    const execution = await start(test.engine, machine, { employee_id: 'e-8', month: '2026-02' });
    const failed = await finished(test.engine, execution);

    await test.engine.call('RedriveExecution', { executionArn: execution });
    const token = await tokenSentTo(test.services, 'approval_request');
    await test.engine.call('SendTaskSuccess', { taskToken: token, output: JSON.stringify({ approved: true }) });
    const description = await finished(test.engine, execution);

    expect(failed.error).toBe('Bonus.Unavailable');
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output as string)).toMatchObject({ base: 3000, bonus: 100, total: 3100 });
    expect(test.services.calls.filter((call) => call.target === 'salary_base')).toHaveLength(1);
    expect(bonusCalls).toBe(2);
  });
});
