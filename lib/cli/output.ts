/** Output streams of a command, replaceable in tests. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether diagnostics may use ANSI colours. */
  color: boolean;
}

/**
 * Writes to the process streams, with colour only on a terminal and never
 * when NO_COLOR is set to a non-empty value (https://no-color.org).
 */
export function processOutput(): CliOutput {
  const noColor = (process.env.NO_COLOR ?? '') !== '';
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !noColor,
  };
}
