import type { CliOutput } from '../output';

const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const YELLOW = '\u001b[33m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

const STATUS_COLORS: Record<string, string> = {
  SUCCEEDED: GREEN,
  RUNNING: YELLOW,
  PENDING_REDRIVE: YELLOW,
  FAILED: RED,
  TIMED_OUT: RED,
  ABORTED: RED,
};

/** Colours an execution or task status when the output allows colour. */
export function styleStatus(output: CliOutput, status: string): string {
  const color = STATUS_COLORS[status];
  return output.color && color ? `${color}${status}${RESET}` : status;
}

export function styleHeading(output: CliOutput, text: string): string {
  return output.color ? `${BOLD}${text}${RESET}` : text;
}

/** Formats rows as columns separated by two spaces, padding all but the last column. */
export function formatColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, visibleLength(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell + ' '.repeat(widths[index] - visibleLength(cell))))
      .join('  ')
      .trimEnd(),
  );
}

function visibleLength(text: string): number {
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}
