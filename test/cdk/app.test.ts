import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PROJECT_ROOT } from './stack-fixture';

const STACK_TRACE_LINE = /^\s+at .+:\d+:\d+\)?$/m;

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sirocco-app-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs `cdk synth` through bin/cdk.js, the offline wrapper, into a fresh output folder. */
function synth(...args: string[]): { status: number | null; stderr: string; outdir: string } {
  const outdir = mkdtempSync(join(workDir, 'cdk.out-'));
  const result = spawnSync(process.execPath, ['bin/cdk.js', 'synth', '--quiet', '-o', outdir, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe('bin/app.ts', () => {
  test('synthesizes the Sirocco stack from workflows/', () => {
    const { status, stderr, outdir } = synth();

    // On a non-zero exit status, the failure message shows the CLI's stderr.
    expect(status === 0 ? '' : stderr).toBe('');
    expect(status).toBe(0);
    const template = JSON.parse(readFileSync(join(outdir, 'Sirocco.template.json'), 'utf8'));

    const stateMachines = Object.values(template.Resources as Record<string, { Type: string; Properties: any }>)
      .filter((resource) => resource.Type === 'AWS::StepFunctions::StateMachine')
      .map((resource) => resource.Properties.StateMachineName);

    expect(stderr).not.toMatch(STACK_TRACE_LINE);
    expect(stateMachines).toContain('salary');
  }, 240_000);

  test('workflow error stops synthesis', () => {
    const workflows = mkdtempSync(join(workDir, 'workflows-'));
    writeFileSync(
      join(workflows, 'broken.yaml'),
      ["version: '2.0'", 'name: broken', 'tasks:', '  first:', '    action: nowhere.missing', ''].join('\n'),
    );

    const { status, stderr } = synth('-c', `sirocco:workflowsDir=${workflows}`);

    expect(status).not.toBe(0);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+ error [A-Z]+\d+: /);
    expect(stderr).toContain('Synthesis stopped: ');
    expect(stderr).not.toMatch(STACK_TRACE_LINE);
  }, 240_000);

  test('invalid context stops synthesis', () => {
    const { status, stderr } = synth('-c', 'sirocco:adminPhoneNumbers=["555-0100"]');

    expect(status).not.toBe(0);
    expect(stderr).toContain('Invalid phone number "555-0100" in context "sirocco:adminPhoneNumbers"');
    expect(stderr).not.toMatch(STACK_TRACE_LINE);
  }, 240_000);
});
