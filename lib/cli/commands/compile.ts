import { existsSync, writeFileSync } from 'fs';
import type { Command } from 'commander';
import { compileFile as compileWorkflows } from '../../compiler';
import { formatDiagnostic } from '../../diagnostics/format';
import { defaultActionsDir, discoverActions } from '../discover-actions';
import { ExitCode, UsageError } from '../exit-codes';
import type { CliOutput } from '../output';
import { readSource } from '../read-source';
import { requireWorkflowFile } from '../workflow-files';

/**
 * Compiles one file to ASL JSON on stdout or in `out`, with diagnostics on
 * stderr. A Mistral workflow file or workbook with several workflows gives
 * an object of ASL by state machine name.
 */
export function compileFile(file: string, out: string | undefined, actionsDir: string, output: CliOutput): number {
  requireWorkflowFile(file, 'compile');
  const source = readSource(file);
  const result = compileWorkflows(source, { file, actions: discoverActions(actionsDir), actionsFolder: { path: actionsDir, exists: existsSync(actionsDir) } });
  for (const diagnostic of result.diagnostics) {
    output.stderr(`${formatDiagnostic(diagnostic, source, { color: output.color })}\n`);
  }
  const failed = result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  if (failed || result.workflows.length === 0) return ExitCode.diagnostics;

  // A file with several workflows prints one object that maps each state machine name to its ASL.
  const single = result.workflows.length === 1 ? result.workflows[0].asl : undefined;
  const asl = single ?? Object.fromEntries(result.workflows.map((workflow) => [workflow.metadata?.name, workflow.asl]));
  const json = `${JSON.stringify(asl, null, 2)}\n`;
  if (out === undefined) {
    output.stdout(json);
    return ExitCode.ok;
  }

  try {
    writeFileSync(out, json);
  } catch (error) {
    throw new UsageError(`Cannot write '${out}': ${(error as Error).message}. Check that the folder exists.`);
  }
  return ExitCode.ok;
}

export function registerCompile(program: Command, output: CliOutput, setExitCode: (code: number) => void): void {
  program
    .command('compile')
    .description('Compile one workflow file to Step Functions ASL (JSONata mode); several workflows give an object by name.')
    .argument('<file>', 'workflow YAML file')
    .option('-o, --out <file>', 'write the ASL JSON to this file instead of stdout')
    .option('--actions-dir <dir>', 'folder of the action Lambdas, <system>/<name>.ts', defaultActionsDir)
    .action((file: string, options: { out?: string; actionsDir: string }) => {
      setExitCode(compileFile(file, options.out, options.actionsDir, output));
    });
}
