import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { actionPlaceholderKey, listActions, parseActionName } from '../../lib/cdk/action-naming';
import { compileFromHandWrittenAsl } from '../../lib/cdk/hand-written-asl';
import { compileWorkflowFolder } from '../../lib/cdk/workflow-compilation';
import type { CompileResult } from '../../lib/compiler/types';
import { PROJECT_ROOT } from './stack-fixture';

describe('action naming', () => {
  test.each([
    ['accounting.salary_base', 'Action_accounting_salary_base'],
    ['bonus-system.calculate-v2', 'Action_bonus_system_calculate_v2'],
  ])('%s placeholder is %s', (action, key) => {
    expect(actionPlaceholderKey(action)).toBe(key);
  });

  test('rejects an action without system', () => {
    expect(() => parseActionName('salary_base')).toThrow('expected <system>.<name>');
  });

  test('lists the project actions', () => {
    expect(listActions(join(PROJECT_ROOT, 'lambdas', 'actions'))).toEqual([
      'accounting.record_payroll',
      'accounting.salary_base',
      'bonus.calculate',
    ]);
  });
});

describe('compileFromHandWrittenAsl', () => {
  const file = 'workflows/salary.yaml';
  const source = readFileSync(join(PROJECT_ROOT, file), 'utf8');

  test('salary metadata', () => {
    const { metadata, diagnostics } = compileFromHandWrittenAsl(source, { file });

    expect(diagnostics).toEqual([]);
    expect(metadata?.name).toBe('salary');
    expect(metadata?.input).toEqual([{ name: 'employee_id' }, { name: 'month' }]);
    expect(metadata?.actions).toEqual(['accounting.record_payroll', 'accounting.salary_base', 'bonus.calculate']);
    expect(metadata?.substitutions).toEqual([
      { key: 'Action_accounting_record_payroll', kind: 'action', action: 'accounting.record_payroll' },
      { key: 'Action_accounting_salary_base', kind: 'action', action: 'accounting.salary_base' },
      { key: 'Action_bonus_calculate', kind: 'action', action: 'bonus.calculate' },
      { key: 'ApprovalRequestFunction', kind: 'approval' },
    ]);
    expect(metadata?.tasks[0]).toEqual({
      name: 'salary_base',
      action: 'accounting.salary_base',
      position: { line: 11, column: 3 },
    });
  });

  test('salary transitions count branch states', () => {
    const { metadata } = compileFromHandWrittenAsl(source, { file });

    // input, Parallel, salary_base, bonus, approve_bonus, Choice, one record_payroll task.
    expect(metadata?.transitions).toEqual({ shortest: 7, longest: 7 });
  });

  test('other workflows get an error', () => {
    const result = compileFromHandWrittenAsl("version: '2.0'\nname: other\n", { file: 'workflows/other.yaml' });

    expect(result.asl).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'CDK0001', severity: 'error' })]);
  });
});

describe('compileWorkflowFolder', () => {
  test('keeps only workflows without errors', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sirocco-workflows-'));
    writeFileSync(join(folder, 'a.yaml'), 'name: a\n');
    writeFileSync(join(folder, 'b.yml'), 'name: b\n');
    writeFileSync(join(folder, 'notes.txt'), 'not a workflow\n');
    const compile = (text: string, options: { file: string }): CompileResult => {
      const failed = text.includes('name: b');
      return {
        asl: failed ? undefined : { QueryLanguage: 'JSONata', StartAt: 'x', States: {} },
        metadata: failed
          ? undefined
          : { name: 'a', input: [], tasks: [], actions: [], substitutions: [], transitions: { shortest: 1, longest: 1 } },
        diagnostics: failed
          ? [{ code: 'SRC1', severity: 'error', file: options.file, start: { line: 1, column: 1 }, message: 'Bad.' }]
          : [{ code: 'SRC2', severity: 'warning', file: options.file, start: { line: 1, column: 1 }, message: 'Odd.' }],
      };
    };

    const compilation = compileWorkflowFolder(folder, { baseDir: folder, actions: [], compile });

    expect(compilation.workflows.map((workflow) => workflow.file)).toEqual(['a.yaml']);
    expect(compilation.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.code}`)).toEqual([
      'a.yaml SRC2',
      'b.yml SRC1',
    ]);
    expect([...compilation.sources.keys()]).toEqual(['a.yaml', 'b.yml']);
  });
});
