import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { CliOutput } from '../../lib/cli/output';
import { runCli } from '../../lib/cli/program';

const SALARY = join(__dirname, '..', '..', 'workflows', 'salary.yaml');
const BROKEN = "version: '2.0'\nname: broken\ntasks:\n  a:\n    acton: std.noop\n";

async function sirocco(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output: CliOutput = { color: false, stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) };
  const code = await runCli(['node', 'sirocco', ...args], output);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('validate with a folder', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'sirocco-validate-folder-'));
    mkdirSync(join(folder, 'workflows'));
    mkdirSync(join(folder, 'workflows', 'nested'));
    mkdirSync(join(folder, 'empty'));
    copyFileSync(SALARY, join(folder, 'workflows', 'salary.yaml'));
    writeFileSync(join(folder, 'workflows', 'a-broken.yml'), BROKEN);
    writeFileSync(join(folder, 'workflows', 'z-broken.yaml'), BROKEN);
    writeFileSync(join(folder, 'workflows', 'notes.txt'), 'not a workflow');
    writeFileSync(join(folder, 'workflows', 'nested', 'deep.yaml'), BROKEN);
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  test('checks its YAML files in order', async () => {
    const { code, stdout } = await sirocco('validate', join(folder, 'workflows'));
    const first = stdout.indexOf(`${join(folder, 'workflows', 'a-broken.yml')}:5:5 error SRC1004`);
    const last = stdout.indexOf(`${join(folder, 'workflows', 'z-broken.yaml')}:5:5 error SRC1004`);

    expect(code).toBe(1);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(last).toBeGreaterThan(first);
    expect(stdout).not.toContain('deep.yaml');
    expect(stdout).not.toContain('EISDIR');
    expect(stdout).toContain('3 workflows checked: 4 errors, 0 warnings.');
  });

  test('mixes folders and files', async () => {
    const { code, stdout } = await sirocco('validate', SALARY, join(folder, 'workflows'));

    expect(code).toBe(1);
    expect(stdout).toContain('4 workflows checked: 4 errors, 0 warnings.');
  });

  test('empty folder is a usage error', async () => {
    const empty = join(folder, 'empty');

    const { code, stderr } = await sirocco('validate', empty);

    expect(code).toBe(2);
    expect(stderr).toContain(`Folder '${empty}' contains no .yaml or .yml file: pass a folder with workflow files, or the files themselves.`);
  });
});

describe('one-file commands with a folder', () => {
  const workflows = join(__dirname, '..', '..', 'workflows');

  test.each(['compile', 'graph', 'cost', 'run'])('%s names the folder and a file', async (command) => {
    const { code, stdout, stderr } = await sirocco(command, workflows);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`'${workflows}' is a folder, but '${command}' takes one workflow file: pass one of its files, such as ${SALARY}.`);
    expect(stderr).not.toContain('EISDIR');
  });
});
