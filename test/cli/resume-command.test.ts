import type { CliOutput } from '../../lib/cli/output';
import { runCli } from '../../lib/cli/program';

/** Runs `sirocco <args>` in process and returns its exit code and output. */
async function sirocco(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: CliOutput = { color: false, stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) };
  const code = await runCli(['node', 'sirocco', ...args], output);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('sirocco resume', () => {
  it('is listed in the help', async () => {
    const run = await sirocco(['--help']);

    expect(run.stdout).toMatch(/resume \[options\] <execution>/);
  });

  it('describes its task option', async () => {
    const run = await sirocco(['resume', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('Resume an execution paused before a task with pause-before, on the local runtime, or on AWS with --aws.');
    expect(run.stdout).toContain('--task <task>');
  });

  it('requires an execution', async () => {
    const run = await sirocco(['resume']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'execution'");
  });
});
