import { compileFile } from '../../lib/compiler';

const file = 'workflows/case.yaml';
const actions = ['shop.check'];
const header = "version: '2.0'\nname: case\ninput: [x]\ntasks:\n  a:\n    action: shop.check\n";

function diagnosticsOf(lines: string) {
  return compileFile(`${header}${lines}`, { file, actions }).diagnostics;
}

/** Compiles a workflow whose only task `a` consists of the given lines. */
function diagnosticsOfTask(lines: string) {
  return compileFile(`version: '2.0'\nname: case\ntasks:\n  a:\n${lines}`, { file, actions }).diagnostics;
}

describe('unquoted expression with a colon', () => {
  it('block value gets one hint', () => {
    const diagnostics = diagnosticsOf("    input:\n      size: <% $x ? 'big' : 'small' %>\n");

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe('SRC1011');
    expect(diagnostics[0].start).toStrictEqual({ line: 8, column: 13 });
    expect(diagnostics[0].end).toStrictEqual({ line: 8, column: 39 });
    expect(diagnostics[0].message).toBe(
      `YAML reads the ': ' inside the unquoted value '<% $x ? 'big' : 'small' %>' as the start of a mapping, so the line is invalid YAML: quote the whole value, as in size: "<% $x ? 'big' : 'small' %>".`,
    );
  });

  it('flow mapping value gets one hint', () => {
    const diagnostics = diagnosticsOf("    input: {size: <% $x ? 'big' : 'small' %>}\n");

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1011']);
    expect(diagnostics[0].start).toStrictEqual({ line: 7, column: 19 });
    expect(diagnostics[0].message).toContain(`as in size: "<% $x ? 'big' : 'small' %>".`);
  });

  it('list item is quoted alone', () => {
    const diagnostics = diagnosticsOf("    input:\n      sizes:\n        - <% $x ? 'big' : 'small' %>\n");

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1011']);
    expect(diagnostics[0].message).toContain(`as in "<% $x ? 'big' : 'small' %>".`);
  });

  it('double quotes inside use single quotes', () => {
    const diagnostics = diagnosticsOf(`    input:\n      size: <% $x ? "big" : 'small' %>\n`);

    expect(diagnostics[0].code).toBe('SRC1011');
    expect(diagnostics[0].message).toContain(`as in size: '<% $x ? "big" : ''small'' %>'.`);
  });

  it('quoted value passes', () => {
    expect(diagnosticsOf(`    input:\n      size: "<% $x ? 'big' : 'small' %>"\n`)).toStrictEqual([]);
  });

  it('YAML errors of other lines remain', () => {
    const diagnostics = diagnosticsOf("    input:\n      size: <% $x ? 'big' : 'small' %>\n      list: [1, 2\n");
    const codes = diagnostics.map((diagnostic) => diagnostic.code);

    expect(codes).toContain('SRC1011');
    expect(codes).toContain('SRC1001');
  });

  it('expression without a colon keeps the YAML error', () => {
    const diagnostics = diagnosticsOf('    input:\n      size: [<% $x %>\n');
    const codes = diagnostics.map((diagnostic) => diagnostic.code);

    expect(codes).toContain('SRC1001');
    expect(codes).not.toContain('SRC1011');
  });

  it('inline parameters quote the action value', () => {
    const diagnostics = diagnosticsOfTask("    action: std.echo output=<% true ? 'b' : 'c' %>\n");

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1011']);
    expect(diagnostics[0].start).toStrictEqual({ line: 5, column: 13 });
    expect(diagnostics[0].end).toStrictEqual({ line: 5, column: 51 });
    expect(diagnostics[0].message).toBe(
      `YAML reads the ': ' inside the unquoted value 'std.echo output=<% true ? 'b' : 'c' %>' as the start of a mapping, so the line is invalid YAML: quote the whole value, as in action: "std.echo output=<% true ? 'b' : 'c' %>".`,
    );
  });

  it('inline parameters compile as hinted', () => {
    expect(diagnosticsOfTask(`    action: "std.echo output=<% true ? 'b' : 'c' %>"\n`)).toStrictEqual([]);
  });

  it('quoted expression alone gets the hint', () => {
    const diagnostics = diagnosticsOfTask(`    action: std.echo output="<% true ? 'b' : 'c' %>"\n`);

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1011']);
    expect(diagnostics[0].message).toContain(`as in action: 'std.echo output="<% true ? ''b'' : ''c'' %>"'.`);
    expect(diagnosticsOfTask(`    action: 'std.echo output="<% true ? ''b'' : ''c'' %>"'\n`)).toStrictEqual([]);
  });

  it('inline parameters after a plain expression', () => {
    const diagnostics = diagnosticsOfTask("    action: std.echo a=<% 1 %> output=<% true ? 'b' : 'c' %>\n");

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1011']);
    expect(diagnostics[0].message).toContain(`as in action: "std.echo a=<% 1 %> output=<% true ? 'b' : 'c' %>".`);
  });

  it('comment after the value stays out', () => {
    const diagnostics = diagnosticsOfTask("    action: std.echo output=<% true ? 'b' : 'c' %>  # pick one\n");

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1011']);
    expect(diagnostics[0].end).toStrictEqual({ line: 5, column: 51 });
    expect(diagnostics[0].message).toContain(`as in action: "std.echo output=<% true ? 'b' : 'c' %>".`);
  });

  it('flow value keeps text before the expression', () => {
    const diagnostics = diagnosticsOf("    input: {size: big <% $x ? 'yes' : 'no' %>, other: 1}\n");

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toStrictEqual(['SRC1011']);
    expect(diagnostics[0].start).toStrictEqual({ line: 7, column: 19 });
    expect(diagnostics[0].end).toStrictEqual({ line: 7, column: 46 });
    expect(diagnostics[0].message).toContain(`as in size: "big <% $x ? 'yes' : 'no' %>".`);
  });

  it('backslash inside uses single quotes', () => {
    const diagnostics = diagnosticsOfTask("    action: std.echo output=<% true ? 'a\\b' : 'c' %>\n");

    expect(diagnostics[0].code).toBe('SRC1011');
    expect(diagnostics[0].message).toContain(`as in action: 'std.echo output=<% true ? ''a\\b'' : ''c'' %>'.`);
  });
});
