import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const PROJECT_DIR = path.join(__dirname, '..', '..');

// `npm start` on the default ports, as a developer or CI runs it: with no terminal it approves
// through the SMS link by HTTP and exits with the run's outcome.
describe('npm start', () => {
  test('runs the salary process unattended', () => {
    const result = spawnSync('npm', ['start', '--silent'], {
      cwd: PROJECT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 240_000,
    });
    const printed = `${result.stdout}\n${result.stderr}`;

    expect(result.status).toBe(0);
    expect(printed).toMatch(/salary_base started/);
    expect(printed).toMatch(/bonus finished in/);
    expect(printed).toMatch(/SMS to \+15555550100: Approve a bonus of 420 EUR/);
    expect(printed).toMatch(/Approved through http:\/\/127\.0\.0\.1:4714\/prod\/approvals\/[A-Za-z0-9_-]+/);
    expect(printed).toMatch(/record_payroll finished in/);
    expect(printed).toContain('The salary process ended SUCCEEDED.');
    expect(printed).toContain('"total": 4620');
    expect(printed).not.toContain('NodeVersionSupportWarning');
  }, 300_000);
});
