import { formatDiagnostic } from '../../lib/diagnostics/format';
import type { Diagnostic } from '../../lib/compiler/types';

const diagnostic: Diagnostic = {
  code: 'SRC1108',
  severity: 'error',
  file: 'workflows/a.yaml',
  start: { line: 2, column: 11 },
  end: { line: 2, column: 15 },
  message: "Unknown action 'a.bc'.",
};

describe('formatDiagnostic', () => {
  it('prints position, severity, code, source line and caret', () => {
    expect(formatDiagnostic(diagnostic, "name: x\n  action: a.bc\n")).toBe(
      "workflows/a.yaml:2:11 error SRC1108: Unknown action 'a.bc'.\n  action: a.bc\n          ^^^^",
    );
  });

  it('prints only the header without source', () => {
    expect(formatDiagnostic(diagnostic)).toBe("workflows/a.yaml:2:11 error SRC1108: Unknown action 'a.bc'.");
  });

  it('uses one caret when the end is on another line', () => {
    const multiline = { ...diagnostic, end: { line: 3, column: 1 } };

    expect(formatDiagnostic(multiline, "name: x\n  action: a.bc\n").split('\n')[2]).toBe('          ^');
  });
});
