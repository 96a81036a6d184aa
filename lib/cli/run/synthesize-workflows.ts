import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { SynthesisError } from '../../local/synthesize';
import { stageActionsDir } from './stage-actions-dir';

/** Files and action handlers of one synthesis, besides the workflows folder. */
export interface SynthesisSelection {
  /** Names of the only files of the workflows folder to synthesize. @default every YAML file */
  files?: string[];
  /**
   * Folder of the action handlers, `<system>/<name>.ts`, copied into the project for
   * the synthesis when it is outside. @default the project's lambdas/actions
   */
  actionsDir?: string;
}

/**
 * Runs `cdk synth` through the project's bin/cdk.js (offline, with dummy
 * credentials) for the workflows of `workflowsDir`, and writes the cloud
 * assembly to `assemblyDir`. The CDK output is kept and returned in the
 * error, so that a successful synthesis prints nothing.
 */
export function synthesizeWorkflows(
  projectDir: string,
  workflowsDir: string,
  assemblyDir: string,
  fallbackHint = 'or pass --assembly to run an existing cloud assembly',
  selection: SynthesisSelection = {},
): Promise<void> {
  const cli = path.join(projectDir, 'bin', 'cdk.js');
  const context = [`sirocco:workflowsDir=${workflowsDir}`];
  if (selection.files) context.push(`sirocco:workflowFiles=${JSON.stringify(selection.files)}`);
  const actions = selection.actionsDir === undefined ? undefined : stageActionsDir(projectDir, selection.actionsDir);
  if (actions) context.push(`sirocco:actionsDir=${actions.dir}`);
  const args = [cli, 'synth', '--quiet', '--output', assemblyDir, ...context.flatMap((entry) => ['--context', entry])];

  return runSynth(projectDir, cli, args, fallbackHint).finally(() => actions?.remove());
}

function runSynth(projectDir: string, cli: string, args: string[], fallbackHint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const printed: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => printed.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => printed.push(chunk));

    child.on('error', (error) => reject(new SynthesisError(`Could not run ${cli}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) {
        resolve();
        return;
      }
      const output = Buffer.concat(printed).toString('utf8').trim();
      reject(new SynthesisError(`cdk synth failed with exit code ${code}. Fix the errors below, ${fallbackHint}.\n${output}`));
    });
  });
}
