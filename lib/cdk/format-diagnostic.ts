import type { Diagnostic } from '../compiler/types';

/**
 * Formats a diagnostic as `file:line:col severity CODE: message`, followed by
 * the source line and a caret under the column when the source is given.
 */
export function formatDiagnostic(diagnostic: Diagnostic, source?: string): string {
  const { file, start, severity, code, message } = diagnostic;
  const header = `${file}:${start.line}:${start.column} ${severity} ${code}: ${message}`;

  const line = source?.split(/\r?\n/)[start.line - 1];
  if (line === undefined) {
    return header;
  }
  const gutter = String(start.line);
  const caret = ' '.repeat(Math.max(start.column - 1, 0)) + '^';
  return [header, `  ${gutter} | ${line}`, `  ${' '.repeat(gutter.length)} | ${caret}`].join('\n');
}
