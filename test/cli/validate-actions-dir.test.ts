import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { runCli } from '../../lib/cli/program';
import type { CliOutput } from '../../lib/cli/output';

const SALARY = join(__dirname, '..', '..', 'workflows', 'salary.yaml');

async function validate(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const output: CliOutput = { color: false, stdout: (text) => out.push(text), stderr: (text) => out.push(text) };
  const code = await runCli(['node', 'sirocco', 'validate', ...args], output);
  return { code, out: out.join('') };
}

describe('validate --actions-dir', () => {
  let emptyDir: string;

  beforeAll(() => {
    emptyDir = mkdtempSync(join(tmpdir(), 'sirocco-actions-'));
  });

  afterAll(() => {
    rmSync(emptyDir, { recursive: true, force: true });
  });

  test('missing folder is named in the hint', async () => {
    const missing = join(emptyDir, 'missing');

    const { code, out } = await validate('--actions-dir', missing, SALARY);

    expect(code).toBe(1);
    expect(out).toContain(
      `Unknown action 'bonus.calculate': the actions folder '${missing}' does not exist, so pass --actions-dir the folder of your actions or create ${missing}/bonus/calculate.ts exporting 'handler'.`,
    );
    expect(out).not.toContain('lambdas/actions');
  });

  test('existing folder is named without the folder sentence', async () => {
    const { code, out } = await validate('--actions-dir', `${emptyDir}/`, SALARY);

    expect(code).toBe(1);
    expect(out).toContain(`Unknown action 'bonus.calculate': create ${emptyDir}/bonus/calculate.ts exporting 'handler'.`);
    expect(out).not.toContain('does not exist');
  });

  test('default folder keeps its hint', async () => {
    const { code, out } = await validate(join(__dirname, '..', 'fixtures', 'compiler', 'guards.yaml'));

    expect(out).not.toContain('does not exist');
    expect(code).toBe(1);
  });
});
