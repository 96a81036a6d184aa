import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { SynthesisError } from '../../local/synthesize';

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
): Promise<void> {
  const cli = path.join(projectDir, 'bin', 'cdk.js');
  const args = [cli, 'synth', '--quiet', '--output', assemblyDir, '--context', `sirocco:workflowsDir=${workflowsDir}`];

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
