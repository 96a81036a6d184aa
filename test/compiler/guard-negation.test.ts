import { compileWorkflow } from '../../lib/compiler';

function guardedSource(first: string, second: string): string {
  return `version: '2.0'
name: case
input: [x]
tasks:
  check:
    action: std.echo
    input:
      output: {v: 1}
    on-success:
      - accept: '${first}'
      - reject: '${second}'
  accept:
    action: std.echo
    input:
      output: {v: 2}
    publish:
      decision: accepted
  reject:
    action: std.echo
    input:
      output: {v: 3}
    publish:
      decision: rejected
output:
  decision: <% $decision %>
`;
}

function codesOf(first: string, second: string): string[] {
  return compileWorkflow(guardedSource(first, second), { file: 'case.yaml' }).diagnostics.map((diagnostic) => diagnostic.code);
}

describe('guard and its negation', () => {
  test.each([
    ['<% $x = 1 %>', '<% $not($x = 1) %>'],
    ['<% $x = 1 %>', '<% not ($x = 1) %>'],
    ['<% $x = 1 %>', '<% not $x = 1 %>'],
    ['<% ($x = 1) %>', '<% not($x = 1) %>'],
    ['{{ _.x == 1 }}', '{{ not (_.x == 1) }}'],
    ['<% not ($x = 1) %>', '<% $x = 1 %>'],
  ])('proves %s and %s exclusive', (first, second) => {
    const codes = codesOf(first, second);

    expect(codes).not.toContain('SRC1110');
    expect(codes).not.toContain('SRC1202');
  });

  test.each([
    ['<% $x = 1 %>', '<% not ($x = 2) %>'],
    ['<% $x = "a b" %>', '<% not ($x = "ab") %>'],
    ['<% ($x = 1) or ($x = 2) %>', '<% not ($x = 1) or ($x = 2) %>'],
  ])('keeps %s and %s unproven', (first, second) => {
    const codes = codesOf(first, second);

    expect(codes).toContain('SRC1110');
    expect(codes).toContain('SRC1202');
  });
});
