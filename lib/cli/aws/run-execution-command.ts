import { UsageError } from '../exit-codes';
import type { CliOutput } from '../output';
import type { Connection, ConnectionOptions } from './connection';
import { ControlRequestError } from './control-call';

/** Exit code of a failed lookup or operation, such as an unknown execution. */
export const LOOKUP_FAILED = 1;

/**
 * Connects, runs one execution command and closes the clients. A usage error
 * propagates to runCli (exit 2). A rejected request or an unreachable
 * endpoint prints one line and sets exit code 1.
 */
export async function runExecutionCommand(
  options: ConnectionOptions,
  output: CliOutput,
  setExitCode: (code: number) => void,
  work: (connection: Connection) => Promise<void>,
): Promise<void> {
  let connection: Connection | undefined;
  try {
    // Required on first use for the reason that loadControlRoutes gives.
    const { connect } = require('./connection') as typeof import('./connection');
    connection = await connect(options);
    await work(connection);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    output.stderr(`error: ${failureMessage(error, options, connection)}\n`);
    setExitCode(LOOKUP_FAILED);
  } finally {
    connection?.close();
  }
}

function failureMessage(error: unknown, options: ConnectionOptions, connection: Connection | undefined): string {
  if (error instanceof ControlRequestError) return error.message;

  const code = (error as { code?: string }).code;
  const detail = code ?? ((error as Error).message || (error as Error).name);
  if (!options.aws) {
    const target = connection?.target ?? 'the local runtime';
    return `The request to ${target} failed (${detail}). Start the runtime with 'npx sirocco start', or pass --stepfunctions-endpoint and --dynamodb-endpoint.`;
  }
  return `The request to AWS failed (${detail}). Check the credentials, the region and --control-function.`;
}
