import type { Diagnostic } from '../compiler/types';

export interface FormatOptions {
  /** Adds ANSI colours to the severity and the caret. */
  color?: boolean;
}

const severityColours = { error: 'red', warning: 'yellow', info: 'cyan' } as const;

const ansi = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', reset: '\u001b[0m' };

function paint(text: string, colour: keyof typeof ansi, enabled: boolean): string {
  return enabled ? `${ansi[colour]}${text}${ansi.reset}` : text;
}

/**
 * Formats a diagnostic the way TypeScript and ESLint print theirs:
 * `file:line:col severity CODE: message`, then the source line and a caret
 * under the offending text (when the source is given).
 */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  source?: string,
  options: FormatOptions = {},
): string {
  const color = options.color ?? false;
  const { line, column } = diagnostic.start;
  const severityColour = severityColours[diagnostic.severity];
  const header =
    `${diagnostic.file}:${line}:${column} ` +
    `${paint(diagnostic.severity, severityColour, color)} ${diagnostic.code}: ${diagnostic.message}`;

  const sourceLine = source?.split(/\r?\n/)[line - 1];
  if (sourceLine === undefined) return header;

  const endColumn =
    diagnostic.end && diagnostic.end.line === line && diagnostic.end.column > column
      ? diagnostic.end.column
      : column + 1;
  const caret = ' '.repeat(Math.max(0, column - 1)) + '^'.repeat(endColumn - column);

  return `${header}\n${sourceLine}\n${paint(caret, severityColour, color)}`;
}
