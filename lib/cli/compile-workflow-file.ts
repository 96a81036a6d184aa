import { compileWorkflow } from '../compiler';
import type { CompileResult, StateMachineDefinition, WorkflowMetadata } from '../compiler/types';
import { formatDiagnostic } from '../diagnostics/format';
import { discoverActions } from './discover-actions';
import type { CliOutput } from './output';
import { readSource } from './read-source';

/** A workflow file that compiled without errors. */
export interface CompiledWorkflowFile {
  source: string;
  asl: StateMachineDefinition;
  metadata: WorkflowMetadata;
  result: CompileResult;
}

/**
 * Reads and compiles one workflow file for a command that needs its ASL.
 * Prints every diagnostic on stderr and returns undefined when an error
 * prevented the ASL. Throws UsageError for an unreadable file.
 */
export function compileWorkflowFile(file: string, actionsDir: string, output: CliOutput): CompiledWorkflowFile | undefined {
  const source = readSource(file);
  const result = compileWorkflow(source, { file, actions: discoverActions(actionsDir) });
  for (const diagnostic of result.diagnostics) {
    output.stderr(`${formatDiagnostic(diagnostic, source, { color: output.color })}\n`);
  }

  if (!result.asl || !result.metadata) return undefined;
  return { source, asl: result.asl, metadata: result.metadata, result };
}
