import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { actionPlaceholderKey, listActions, parseActionName } from '../../lib/cdk/action-naming';
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

describe('compileWorkflowFolder', () => {
  test('compiles the project workflows', () => {
    const compilation = compileWorkflowFolder(join(PROJECT_ROOT, 'workflows'), {
      baseDir: PROJECT_ROOT,
      actions: listActions(join(PROJECT_ROOT, 'lambdas', 'actions')),
    });

    expect(compilation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(compilation.workflows.map((workflow) => workflow.file)).toContain('workflows/salary.yaml');
  });

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
