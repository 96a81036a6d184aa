import * as fs from 'node:fs';
import * as path from 'node:path';

import { compileFile } from '../../compiler';
import type { WorkflowMetadata } from '../../compiler/types';
import { discoverActions } from '../discover-actions';
import { yamlFileNamesOf } from '../workflow-files';

/** The workflows that one run needs, found in the folder of the run file. */
export interface RunWorkflowFiles {
  /** Folder of the run file. */
  folder: string;
  /** Names of the folder's files that define the run workflow and its sub-workflows, the run file first. */
  files: string[];
  /** The run workflow and every sub-workflow that it calls directly or through other sub-workflows. */
  workflows: WorkflowMetadata[];
  /** Sub-workflows that no file of the folder defines without errors, with the workflow that calls each. */
  missing: { caller: string; workflow: string }[];
  /** Names of the folder's YAML files that have errors. */
  filesWithErrors: string[];
}

interface Definition {
  file: string;
  metadata: WorkflowMetadata;
}

/**
 * Finds the files of the run file's folder that a run of `workflow` needs:
 * the run file and the files that define the sub-workflows it calls, followed
 * through every level. Files with errors define nothing, and files that the
 * run does not need are left out, so that their errors do not stop the run.
 */
export function findRunWorkflowFiles(file: string, workflow: string, actionsDir: string): RunWorkflowFiles {
  const folder = path.dirname(path.resolve(file));
  const runFile = path.basename(file);
  const actions = discoverActions(actionsDir);
  const definitions = new Map<string, Definition[]>();
  const filesWithErrors: string[] = [];

  const names = yamlFileNamesOf(folder);
  if (!names.includes(runFile)) names.unshift(runFile);

  for (const name of names) {
    const source = fs.readFileSync(path.join(folder, name), 'utf8');
    const result = compileFile(source, { file: path.join(folder, name), actions });
    if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
      filesWithErrors.push(name);
      continue;
    }
    for (const { metadata } of result.workflows) {
      // The run file defines the run workflow, even when another file uses the same name.
      if (!metadata || (metadata.name === workflow && name !== runFile)) continue;

      const known = definitions.get(metadata.name) ?? [];
      definitions.set(metadata.name, [...known, { file: name, metadata }]);
    }
  }

  return followSubWorkflows(folder, runFile, workflow, definitions, filesWithErrors);
}

function followSubWorkflows(
  folder: string,
  runFile: string,
  workflow: string,
  definitions: Map<string, Definition[]>,
  filesWithErrors: string[],
): RunWorkflowFiles {
  const files = new Set<string>([runFile]);
  const workflows: WorkflowMetadata[] = [];
  const missing: { caller: string; workflow: string }[] = [];
  const queue: { workflow: string; caller?: string }[] = [{ workflow }];
  const visited = new Set<string>();

  while (queue.length > 0) {
    const next = queue.shift()!;
    if (visited.has(next.workflow)) continue;
    visited.add(next.workflow);

    const found = definitions.get(next.workflow) ?? [];
    if (found.length === 0) {
      if (next.caller !== undefined) missing.push({ caller: next.caller, workflow: next.workflow });
      continue;
    }
    // Several definitions of one name all go to the synthesis, which then names the conflict.
    for (const definition of found) files.add(definition.file);
    workflows.push(found[0].metadata);

    for (const substitution of found[0].metadata.substitutions) {
      if (substitution.kind === 'workflow') queue.push({ workflow: substitution.workflow, caller: next.workflow });
    }
  }

  return { folder, files: [...files], workflows, missing, filesWithErrors };
}
