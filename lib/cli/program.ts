import { Command, CommanderError } from 'commander';
import { registerCompile } from './commands/compile';
import { registerComplete } from './commands/complete';
import { registerCost } from './commands/cost';
import { registerGraph } from './commands/graph';
import { registerHistory } from './commands/history';
import { registerRedrive } from './commands/redrive';
import { registerResume } from './commands/resume';
import { registerRun } from './commands/run';
import { registerStart } from './commands/start';
import { registerStartExecution } from './commands/start-execution';
import { registerStatus } from './commands/status';
import { registerStop } from './commands/stop';
import { registerValidate } from './commands/validate';
import { ExitCode, UsageError } from './exit-codes';
import { processOutput, type CliOutput } from './output';

/** Registers one command on the program. Add new commands to `commands`. */
export type RegisterCommand = (program: Command, output: CliOutput, setExitCode: (code: number) => void) => void;

const commands: RegisterCommand[] = [
  registerValidate,
  registerCompile,
  registerStart,
  registerCost,
  registerRun,
  registerGraph,
  registerStartExecution,
  registerStatus,
  registerHistory,
  registerRedrive,
  registerStop,
  registerResume,
  registerComplete,
];

/** Builds the `sirocco` program with every command. */
export function createProgram(output: CliOutput, setExitCode: (code: number) => void): Command {
  const program = new Command('sirocco')
    .description('Compile Mistral-style YAML workflows to AWS Step Functions.')
    .exitOverride()
    .configureOutput({ writeOut: output.stdout, writeErr: output.stderr });

  for (const register of commands) register(program, output, setExitCode);
  return program;
}

/**
 * Runs the CLI with `argv` (as in `process.argv`) and returns the exit
 * code: 0 when no error was found, 1 for diagnostics, 2 for usage errors.
 */
export async function runCli(argv: string[], output: CliOutput = processOutput()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = createProgram(output, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // `--help` ends with commander.helpDisplayed, while a missing command shows the help as an error.
      const helpRequested = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
      return helpRequested ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof UsageError) {
      output.stderr(`error: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }

  return exitCode;
}
