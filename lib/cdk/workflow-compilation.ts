import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { compileFile, type FileCompileResult } from '../compiler';
import type { CompileResult, Diagnostic } from '../compiler/types';
import type { CompiledWorkflow } from './compiled-workflow';

/** Compiles one file: a single workflow, or every workflow of a Mistral workflow file or workbook. */
export type CompileWorkflow = (source: string, options: { file: string; actions: string[] }) => CompileResult | FileCompileResult;

export interface WorkflowCompilation {
  /** Workflows compiled without error diagnostics. */
  workflows: CompiledWorkflow[];
  diagnostics: Diagnostic[];
  /** Source text of each file, for printing diagnostics with their source line. */
  sources: Map<string, string>;
}

/**
 * Compiles every workflow of each `*.yaml` and `*.yml` file of a folder, in
 * name order, with lib/compiler unless `compile` is given. A workflow with an
 * error is left out, and the other workflows of its file are kept. File
 * names in the diagnostics are relative to `baseDir`, such as
 * `workflows/salary.yaml`.
 */
export function compileWorkflowFolder(
  folder: string,
  options: { baseDir: string; actions: string[]; compile?: CompileWorkflow },
): WorkflowCompilation {
  const compile = options.compile ?? compileFile;
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
    const results = 'workflows' in result ? result.workflows : [result];
    for (const workflow of results) {
      const failed = workflow.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
      if (!failed && workflow.asl && workflow.metadata) {
        compilation.workflows.push({ file, asl: workflow.asl, metadata: workflow.metadata });
      }
    }
  }

  return compilation;
}
