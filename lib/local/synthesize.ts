import { spawn } from 'node:child_process';
import * as path from 'node:path';

export class SynthesisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthesisError';
  }
}

/**
 * Runs `cdk synth` through the project's bin/cdk.js, which sets dummy
 * credentials and a fixed region so that synthesis stays offline, and
 * writes the cloud assembly to `assemblyDir`.
 */
export function synthesize(projectDir: string, assemblyDir: string, context: Record<string, string> = {}): Promise<void> {
  const cli = path.join(projectDir, 'bin', 'cdk.js');
  const contextArguments = Object.entries(context).flatMap(([key, value]) => ['--context', `${key}=${value}`]);

  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'synth', '--quiet', '--output', assemblyDir, ...contextArguments], {
      cwd: projectDir,
      stdio: 'inherit',
    });
    child.on('error', (error) => reject(new SynthesisError(`Could not run ${cli}: ${error.message}`)));
    child.on('exit', (code) => {
      if (code === 0) {
        resolve();
        return;
      }
      reject(
        new SynthesisError(
          `cdk synth failed with exit code ${code}. Fix the errors printed above, or pass --no-synth to run the existing ${assemblyDir}.`,
        ),
      );
    });
  });
}
