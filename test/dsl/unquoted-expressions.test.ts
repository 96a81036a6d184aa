import { findUnquotedExpression } from '../../lib/dsl/unquoted-expressions';

describe('findUnquotedExpression', () => {
  test.each([
    ['block value', "  size: <% $x ? 'a' : 'b' %>", "<% $x ? 'a' : 'b' %>", `size: "<% $x ? 'a' : 'b' %>"`],
    [
      'inline parameters',
      "    action: std.echo output=<% $x ? 'a' : 'b' %>",
      "std.echo output=<% $x ? 'a' : 'b' %>",
      `action: "std.echo output=<% $x ? 'a' : 'b' %>"`,
    ],
    [
      'inline workflow parameters',
      '    workflow: child size={{ _.x ? 1 : 2 }} note=x',
      'child size={{ _.x ? 1 : 2 }} note=x',
      'workflow: "child size={{ _.x ? 1 : 2 }} note=x"',
    ],
    ['list item with a key', "    - noop: <% $x ? 'a' : 'b' %>", "<% $x ? 'a' : 'b' %>", `noop: "<% $x ? 'a' : 'b' %>"`],
    [
      'engine command key',
      '    - fail(msg="Not ready."): <% $x ? true : false %>',
      '<% $x ? true : false %>',
      'fail(msg="Not ready."): "<% $x ? true : false %>"',
    ],
    ['quoted key', '  "my size": <% $x ? 1 : 2 %>', '<% $x ? 1 : 2 %>', '"my size": "<% $x ? 1 : 2 %>"'],
    ['apostrophe in a plain key', "  don't: <% $x ? 1 : 2 %>", '<% $x ? 1 : 2 %>', `don't: "<% $x ? 1 : 2 %>"`],
    ['list item', '    - <% $x ? 1 : 2 %>', '<% $x ? 1 : 2 %>', '"<% $x ? 1 : 2 %>"'],
    ['flow mapping entry', '  input: {a: 1, size: big <% $x ? 1 : 2 %>, b: 2}', 'big <% $x ? 1 : 2 %>', 'size: "big <% $x ? 1 : 2 %>"'],
    ['flow sequence item', '  sizes: [1, <% $x ? 1 : 2 %>]', '<% $x ? 1 : 2 %>', '"<% $x ? 1 : 2 %>"'],
    ['comment after the value', '  size: <% $x ? 1 : 2 %> # pick', '<% $x ? 1 : 2 %>', 'size: "<% $x ? 1 : 2 %>"'],
    ['unclosed expression', '  size: <% $x ? 1 : 2', '<% $x ? 1 : 2', 'size: "<% $x ? 1 : 2"'],
  ])('%s', (_case, line, text, example) => {
    const found = findUnquotedExpression(line);

    expect(found?.text).toBe(text);
    expect(found?.example).toBe(example);
    expect(line.slice(found?.start, found?.end)).toBe(text);
  });

  test.each([
    ['no colon inside', '  action: std.echo output=<% $x %>'],
    ['quoted value', `  action: "std.echo output=<% $x ? 'a' : 'b' %>"`],
    ['quoted flow value', `  input: {size: "<% $x ? 'a' : 'b' %>"}`],
    ['no expression', '  note: a: b'],
  ])('%s is not reported', (_case, line) => {
    expect(findUnquotedExpression(line)).toBeUndefined();
  });
});
