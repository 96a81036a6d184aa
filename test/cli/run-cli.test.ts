import { join } from 'path';
import { runCli } from '../../lib/cli/program';
import { processOutput, type CliOutput } from '../../lib/cli/output';

function capture(color: boolean): CliOutput & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, color, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

const fixture = join(__dirname, '..', 'fixtures', 'compiler', 'guards.yaml');

describe('runCli', () => {
  it('colours the severity and caret when colour is on', async () => {
    const output = capture(true);
    const code = await runCli(['node', 'sirocco', 'validate', fixture, '--actions-dir', 'nowhere'], output);

    expect(code).toBe(1);
    expect(output.out.join('')).toContain('\u001b[31merror\u001b[0m SRC1108');
    expect(output.out.join('')).toContain('\u001b[33mwarning\u001b[0m SRC1110');
  });

  it('writes plain text when colour is off', async () => {
    const output = capture(false);
    await runCli(['node', 'sirocco', 'validate', fixture, '--actions-dir', 'nowhere'], output);

    expect(output.out.join('')).not.toContain('\u001b[');
  });
});

describe('processOutput', () => {
  const original = { isTTY: process.stdout.isTTY, noColor: process.env.NO_COLOR };

  afterEach(() => {
    process.stdout.isTTY = original.isTTY;
    if (original.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = original.noColor;
  });

  it('colours a terminal', () => {
    process.stdout.isTTY = true;
    delete process.env.NO_COLOR;

    expect(processOutput().color).toBe(true);
  });

  it('respects NO_COLOR on a terminal', () => {
    process.stdout.isTTY = true;
    process.env.NO_COLOR = '1';

    expect(processOutput().color).toBe(false);
  });

  it('ignores an empty NO_COLOR', () => {
    process.stdout.isTTY = true;
    process.env.NO_COLOR = '';

    expect(processOutput().color).toBe(true);
  });

  it('writes no colour to a pipe', () => {
    process.stdout.isTTY = false;
    delete process.env.NO_COLOR;

    expect(processOutput().color).toBe(false);
  });
});
