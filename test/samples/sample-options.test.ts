import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { parseSampleOptions, SAMPLES_USAGE } from '../../lib/samples/sample-options';

const PROJECT_DIR = join(__dirname, '..', '..');
const TSX = join(PROJECT_DIR, 'node_modules', '.bin', 'tsx');

describe('sample systems command line', () => {
  test('parses both ports and the data file', () => {
    const options = parseSampleOptions(['--accounting-port', '5201', '--bonus-port', '0', '--data', 'staff.json']);

    expect(options).toStrictEqual({ accountingPort: 5201, bonusPort: 0, dataFile: 'staff.json' });
  });

  test('defaults to ports 4701 and 4702', () => {
    expect(parseSampleOptions([])).toStrictEqual({ accountingPort: 4701, bonusPort: 4702, dataFile: undefined });
  });

  test('returns help for --help and -h', () => {
    expect(parseSampleOptions(['--help'])).toBe('help');
    expect(parseSampleOptions(['-h'])).toBe('help');
  });

  test('rejects an invalid port', () => {
    expect(() => parseSampleOptions(['--bonus-port', 'x'])).toThrow('Invalid --bonus-port "x": expected a TCP port from 0 to 65535.');
  });

  test('main prints usage for --help', () => {
    const result = spawnSync(TSX, ['lib/samples/main.ts', '--help'], { cwd: PROJECT_DIR, encoding: 'utf8' });

    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(SAMPLES_USAGE);
    expect(result.status).toBe(0);
  });

  test('main rejects an unknown option with exit code 2', () => {
    const result = spawnSync(TSX, ['lib/samples/main.ts', '--verbose'], { cwd: PROJECT_DIR, encoding: 'utf8' });

    expect(result.stderr).toBe("Unknown option '--verbose'. Run with --help for the options.\n");
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  });
});
