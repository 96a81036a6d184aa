import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'sirocco.js');

function sirocco(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Creates a project folder with workflows/ and lambdas/actions/ for the salary workflow. */
function createProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sirocco-cli-'));
  mkdirSync(join(dir, 'workflows'));
  copyFileSync(join(root, 'workflows', 'salary.yaml'), join(dir, 'workflows', 'salary.yaml'));
  for (const action of ['accounting/salary_base', 'accounting/record_payroll', 'bonus/calculate']) {
    mkdirSync(join(dir, 'lambdas', 'actions', action.split('/')[0]), { recursive: true });
    writeFileSync(join(dir, 'lambdas', 'actions', `${action}.ts`), 'export const handler = async () => ({});\n');
  }
  return dir;
}

describe('sirocco CLI', () => {
  let project: string;

  beforeAll(() => {
    project = createProject();
  });

  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('validate exits 0 for workflows/*.yaml by default', () => {
    const run = sirocco(['validate'], project);

    expect(run.stdout).toBe('1 workflow checked: 0 errors, 0 warnings.\n');
    expect(run.code).toBe(0);
  });

  it('validate exits 1 and prints each diagnostic with a caret', () => {
    const file = join('workflows', 'broken.yaml');
    writeFileSync(join(project, file), "version: '2.0'\nname: broken\ntasks:\n  a:\n    action: accounting.salary_bas\n");
    const run = sirocco(['validate', file], project, { NO_COLOR: '1' });
    rmSync(join(project, file));

    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').slice(0, 3)).toStrictEqual([
      `${file}:5:13 error SRC1108: Unknown action 'accounting.salary_bas': create lambdas/actions/accounting/salary_bas.ts exporting 'handler', or did you mean 'accounting.salary_base'?`,
      '    action: accounting.salary_bas',
      '            ^^^^^^^^^^^^^^^^^^^^^',
    ]);
    expect(run.stdout).toContain('1 workflow checked: 1 error, 0 warnings.');
  });

  it('validate writes no colour when stdout is not a terminal', () => {
    const file = join('workflows', 'warning.yaml');
    writeFileSync(join(project, file), "version: '2.0'\nname: w\ntasks:\n  a:\n    action: shop.x\n");
    const run = sirocco(['validate', file], project);
    rmSync(join(project, file));

    expect(run.stdout).toContain('error SRC1108');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('validate exits 2 for a missing file', () => {
    const run = sirocco(['validate', 'workflows/none.yaml'], project);

    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: Cannot read workflow 'workflows/none.yaml': file not found. Check the path.\n");
    expect(run.stdout).toBe('');
  });

  it('exits 2 for an unknown option or command', () => {
    expect(sirocco(['validate', '--strict'], project).code).toBe(2);
    expect(sirocco(['deploy'], project).code).toBe(2);
    expect(sirocco([], project).code).toBe(2);
  });

  it('exits 0 for --help', () => {
    const run = sirocco(['--help'], project);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('validate [options] [files...]');
  });

  it('compile writes the ASL to --out', () => {
    const out = join(project, 'salary.asl.json');
    const run = sirocco(['compile', 'workflows/salary.yaml', '--out', out], project);

    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toStrictEqual(
      JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'compiler', 'salary.asl.json'), 'utf8')),
    );
  });

  it('compile prints the ASL on stdout without --out', () => {
    const run = sirocco(['compile', 'workflows/salary.yaml'], project);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ QueryLanguage: 'JSONata', StartAt: 'input' });
  });

  it('compile exits 1 with diagnostics on stderr', () => {
    const run = sirocco(['compile', 'workflows/salary.yaml', '--actions-dir', 'nowhere'], project);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("workflows/salary.yaml:12:13 error SRC1108: Unknown action 'accounting.salary_base'");
  });
});
