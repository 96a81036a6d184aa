import { existsSync } from 'fs';
import { compileFile } from '../compiler';
import type { StateMachineDefinition, WorkflowMetadata } from '../compiler/types';
import { formatDiagnostic } from '../diagnostics/format';
import { discoverActions } from './discover-actions';
import { UsageError } from './exit-codes';
import type { CliOutput } from './output';
import { readSource } from './read-source';

/** One workflow of a file that compiled without errors. */
export interface CompiledWorkflowFile {
  source: string;
  asl: StateMachineDefinition;
  metadata: WorkflowMetadata;
}

/**
 * Reads and compiles one workflow file for a command that needs one ASL
 * definition. A Mistral workflow file or workbook with several workflows
 * needs `workflow`, the state machine name to pick. Prints every diagnostic
 * on stderr and returns undefined when an error prevented the ASL.
 * Throws UsageError for an unreadable file or a missing or unknown `workflow`.
 */
export function compileWorkflowFile(file: string, actionsDir: string, output: CliOutput, workflow?: string): CompiledWorkflowFile | undefined {
  const source = readSource(file);
  const result = compileFile(source, { file, actions: discoverActions(actionsDir), actionsFolder: { path: actionsDir, exists: existsSync(actionsDir) } });
  for (const diagnostic of result.diagnostics) {
    output.stderr(`${formatDiagnostic(diagnostic, source, { color: output.color })}\n`);
  }
  if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return undefined;

  const compiled = result.workflows.filter((candidate) => candidate.asl && candidate.metadata);
  const names = compiled.map((candidate) => candidate.metadata!.name);
  if (compiled.length === 0) return undefined;
  if (workflow === undefined && compiled.length > 1) {
    throw new UsageError(`'${file}' contains ${compiled.length} workflows: ${names.join(', ')}. Pass --workflow NAME to pick one.`);
  }

  const chosen = workflow === undefined ? compiled[0] : compiled.find((candidate) => candidate.metadata!.name === workflow);
  if (!chosen) {
    throw new UsageError(`Workflow '${workflow}' not found in '${file}', which contains ${names.join(', ')}. Pass one of these names to --workflow.`);
  }
  return { source, asl: chosen.asl!, metadata: chosen.metadata! };
}
