import { compileFile } from '../../lib/compiler';

const file = 'workflows/case.yaml';
const actions = ['shop.check'];
const header = "version: '2.0'\nname: case\n";

function taskWith(lines: string): string {
  return `${header}tasks:\n  a:\n    action: shop.check\n${lines}`;
}

function diagnosticsOf(source: string) {
  return compileFile(source, { file, actions }).diagnostics.map(({ code, start, message }) => ({ code, start, message }));
}

describe('schema error messages', () => {
  it.each([
    [
      'timeout that is text',
      taskWith('    timeout: three days\n'),
      { line: 6, column: 14 },
      "Invalid value at 'tasks.a.timeout': expected a whole number from 1 to 31536000, not 'three days'. Task timeout in seconds.",
    ],
    [
      'timeout quoted as text',
      taskWith("    timeout: '60'\n"),
      { line: 6, column: 14 },
      "Invalid value at 'tasks.a.timeout': expected a whole number from 1 to 31536000, not '60', so write it without quotes. Task timeout in seconds.",
    ],
    [
      'join outside its values',
      taskWith('    join: sometimes\n'),
      { line: 6, column: 11 },
      "Invalid value at 'tasks.a.join': 'sometimes' is not allowed here, so write 'all', 'one' or a whole number of at least 1 instead. 'all' closes the fork whose branches lead here.",
    ],
    [
      'join below its minimum',
      taskWith('    join: 0\n'),
      { line: 6, column: 11 },
      "Invalid value at 'tasks.a.join': 0 is below the minimum of 1, so write a whole number of at least 1 instead.",
    ],
    [
      'publish that is a number',
      taskWith('    publish: 5\n'),
      { line: 6, column: 14 },
      "Invalid value at 'tasks.a.publish': expected a mapping of 'key: value' pairs, not 5. Variables assigned when the task succeeds; $result is the task result.",
    ],
    [
      'retry count that is text',
      taskWith('    retry:\n      count: many\n'),
      { line: 7, column: 14 },
      "Invalid value at 'tasks.a.retry.count': expected a whole number from 1 to 99999999, not 'many'.",
    ],
    [
      'break-on without delimiters',
      taskWith('    retry:\n      count: 2\n      break-on: $error\n'),
      { line: 8, column: 17 },
      "Invalid value at 'tasks.a.retry.break-on': '$error' is not in the expected form, so write one <% %> expression instead. A <% %> expression over $error: stop retrying when it is true.",
    ],
    [
      'workflow type outside its values',
      `${header}type: sideways\ntasks:\n  a:\n    action: shop.check\n`,
      { line: 3, column: 7 },
      "Invalid value at 'type': 'sideways' is not an allowed value, so write 'direct' or 'reverse' instead. 'direct' (the default) runs tasks by transitions, 'reverse' runs every task after the tasks it requires.",
    ],
    [
      'pause-before that is not a boolean',
      taskWith('    pause-before: maybe\n'),
      { line: 6, column: 19 },
      "Invalid value at 'tasks.a.pause-before': expected a boolean (true or false), not 'maybe'. true pauses the execution before the task until it is resumed.",
    ],
    [
      'guard that is a number',
      taskWith('    on-success:\n      - a: 5\n'),
      { line: 7, column: 12 },
      "Invalid value at 'tasks.a.on-success.0.a': expected a string or a boolean (true or false), not 5.",
    ],
  ])('%s', (_name, source, start, message) => {
    expect(diagnosticsOf(source)).toStrictEqual([{ code: 'SRC1006', start, message }]);
  });

  it('transition of no accepted type', () => {
    const [diagnostic] = diagnosticsOf(taskWith('    on-success: 5\n'));

    expect(diagnostic.code).toBe('SRC1006');
    expect(diagnostic.start).toStrictEqual({ line: 6, column: 17 });
    expect(diagnostic.message).toContain('5 is not allowed here, so write a non-empty string or a non-empty list instead.');
  });
});

describe('mapping keys that are collections', () => {
  it('unquoted Jinja value, no warning', () => {
    const warning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const consoleWarning = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    const diagnostics = diagnosticsOf(taskWith('    input:\n      month: {{ _.month }}\n'));

    expect(diagnostics).toStrictEqual([
      {
        code: 'SRC1010',
        start: { line: 7, column: 14 },
        message: `YAML reads '{{ _.month }}' as a mapping whose key is a mapping, which a workflow cannot contain: quote it, as in month: "{{ _.month }}".`,
      },
    ]);
    expect(warning).not.toHaveBeenCalled();
    expect(consoleWarning).not.toHaveBeenCalled();
    warning.mockRestore();
    consoleWarning.mockRestore();
  });

  it('Jinja value inside a list', () => {
    const diagnostics = diagnosticsOf(taskWith('    input:\n      months: [{{ m }}]\n'));

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].start).toStrictEqual({ line: 7, column: 16 });
    expect(diagnostics[0].message).toContain(`quote it, as in "{{ m }}".`);
  });

  it('list as an explicit key', () => {
    const diagnostics = diagnosticsOf(taskWith('    input:\n      ? [x, y]\n      : 1\n'));

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe('SRC1010');
    expect(diagnostics[0].start).toStrictEqual({ line: 7, column: 9 });
    expect(diagnostics[0].message).toContain("YAML reads '[x, y]' as a mapping whose key is a list");
  });

  it('quoted Jinja value passes', () => {
    const source = `${header}input:\n  - month\ntasks:\n  a:\n    action: shop.check\n    input:\n      month: "{{ _.month }}"\n`;

    expect(diagnosticsOf(source)).toStrictEqual([]);
  });
});

describe('YAML syntax errors', () => {
  it('syntax error hides duplicate keys', () => {
    const source = `${header}tasks:\n  a:\n    action: [unclosed\n  b:\n    action: shop.check\n  a:\n    action: shop.check\n`;

    const diagnostics = diagnosticsOf(source);

    expect(diagnostics.map((d) => d.code)).toStrictEqual(['SRC1001']);
    expect(diagnostics[0].message).toContain('Invalid YAML: Flow sequence in block collection must be sufficiently indented');
  });

  it('duplicate key in valid YAML', () => {
    const source = `${header}tasks:\n  a:\n    action: shop.check\n  a:\n    action: shop.check\n`;

    expect(diagnosticsOf(source).map((d) => d.code)).toStrictEqual(['SRC1008']);
  });
});
