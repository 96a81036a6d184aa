import { compileWorkflow } from '../../lib/compiler';
import { countTransitions } from '../../lib/compiler/metadata';
import type { StateMachineDefinition } from '../../lib/compiler/types';
import { knownActions, readJson, readText } from './helpers';

const file = 'workflows/salary.yaml';

describe('salary workflow', () => {
  const result = compileWorkflow(readText(file), { file, actions: knownActions });

  it('compiles without diagnostics', () => {
    expect(result.diagnostics).toStrictEqual([]);
  });

  it('emits the expected ASL', () => {
    expect(result.asl).toStrictEqual(readJson('test/fixtures/compiler/salary.asl.json'));
  });

  it('equals the hand-written ASL', () => {
    expect(result.asl).toStrictEqual(readJson('test/fixtures/salary.hand.asl.json'));
  });

  it('bills as many transitions as the hand-written ASL', () => {
    const hand = readJson('test/fixtures/salary.hand.asl.json') as StateMachineDefinition;
    const cost = countTransitions(hand.States, hand.StartAt);

    expect(result.metadata?.transitions).toStrictEqual({ shortest: cost.min, longest: cost.max });
  });

  it('points each Comment at the line of its task key', () => {
    const lines = readText(file).split('\n');
    const states = result.asl?.States ?? {};

    expect(lines[10]).toBe('  salary_base:');
    expect(states.join_approve_bonus.Branches).toEqual(
      expect.arrayContaining([expect.objectContaining({ States: { salary_base: expect.objectContaining({ Comment: `${file}:11` }) } })]),
    );
    expect(lines[31]).toBe('  approve_bonus:');
    expect(states.approve_bonus.Comment).toBe(`${file}:32`);
    expect(lines[45]).toBe('    on-success:');
    expect(states['approve_bonus.on-success'].Comment).toBe(`${file}:46`);
  });

  it('returns the metadata', () => {
    expect(result.metadata).toStrictEqual({
      name: 'salary',
      description: "Monthly salary of one employee, with the manager's approval of the bonus.",
      input: [{ name: 'employee_id' }, { name: 'month' }],
      tasks: [
        { name: 'salary_base', action: 'accounting.salary_base', position: { line: 11, column: 3 } },
        { name: 'bonus', action: 'bonus.calculate', position: { line: 22, column: 3 } },
        { name: 'approve_bonus', action: 'std.approval', position: { line: 32, column: 3 } },
        { name: 'record_payroll', action: 'accounting.record_payroll', position: { line: 50, column: 3 } },
        { name: 'record_payroll_without_bonus', action: 'accounting.record_payroll', position: { line: 61, column: 3 } },
      ],
      actions: ['accounting.record_payroll', 'accounting.salary_base', 'bonus.calculate', 'std.approval'],
      substitutions: [
        { key: 'Action_accounting_salary_base', kind: 'action', action: 'accounting.salary_base' },
        { key: 'Action_bonus_calculate', kind: 'action', action: 'bonus.calculate' },
        { key: 'ApprovalRequestFunction', kind: 'approval' },
        { key: 'Action_accounting_record_payroll', kind: 'action', action: 'accounting.record_payroll' },
      ],
      // input, join_approve_bonus, salary_base, bonus, approve_bonus, the Choice, one record task.
      transitions: { shortest: 7, longest: 7 },
    });
  });
});
