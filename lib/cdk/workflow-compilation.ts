import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { compileWorkflow } from '../compiler';
import type { CompileResult, Diagnostic } from '../compiler/types';
import type { CompiledWorkflow } from './compiled-workflow';

export type CompileWorkflow = (source: string, options: { file: string; actions: string[] }) => CompileResult;

export interface WorkflowCompilation {
  /** Workflows compiled without error diagnostics. */
  workflows: CompiledWorkflow[];
  diagnostics: Diagnostic[];
  /** Source text of each file, for printing diagnostics with their source line. */
  sources: Map<string, string>;
}

/**
 * Compiles every `*.yaml` and `*.yml` file of a folder, in name order, with
 * lib/compiler unless `compile` is given. File names in the diagnostics are
 * relative to `baseDir`, such as `workflows/salary.yaml`.
 */
export function compileWorkflowFolder(
  folder: string,
  options: { baseDir: string; actions: string[]; compile?: CompileWorkflow },
): WorkflowCompilation {
  const compile = options.compile ?? compileWorkflow;
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  const compilation: WorkflowCompilation = { workflows: [], diagnostics: [], sources: new Map() };

  for (const name of files) {
    const file = relative(options.baseDir, join(folder, name));
    const source = readFileSync(join(folder, name), 'utf8');
    compilation.sources.set(file, source);

    const result = compile(source, { file, actions: options.actions });
    compilation.diagnostics.push(...result.diagnostics);
    const failed = result.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
    if (!failed && result.asl && result.metadata) {
      compilation.workflows.push({ file, asl: result.asl, metadata: result.metadata });
    }
  }

  return compilation;
}
