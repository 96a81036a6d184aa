/** Exit codes of the `sirocco` command. */
export const ExitCode = {
  ok: 0,
  /** At least one error diagnostic. */
  diagnostics: 1,
  /** Invalid arguments, or a file that cannot be read or written. */
  usage: 2,
} as const;

/** An error in how the command was called, printed as its message alone. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
