import { formatDiagnostic } from '../../lib/cdk/format-diagnostic';
import type { Diagnostic } from '../../lib/compiler/types';

const diagnostic: Diagnostic = {
  code: 'SRC1004',
  severity: 'error',
  file: 'workflows/salary.yaml',
  start: { line: 2, column: 7 },
  message: "Unknown action 'acounting.salary_base'.",
};

describe('formatDiagnostic', () => {
  test('header only without source', () => {
    expect(formatDiagnostic(diagnostic)).toBe(
      "workflows/salary.yaml:2:7 error SRC1004: Unknown action 'acounting.salary_base'.",
    );
  });

  test('source line and caret', () => {
    const source = 'tasks:\n  a: acounting.salary_base\n';

    expect(formatDiagnostic(diagnostic, source).split('\n')).toEqual([
      "workflows/salary.yaml:2:7 error SRC1004: Unknown action 'acounting.salary_base'.",
      '  2 |   a: acounting.salary_base',
      '    |       ^',
    ]);
  });
});
