import { compileWorkflow } from '../../lib/compiler';

const source = [
  "version: '2.0'",
  'name: multiline',
  'input: [a]',
  'tasks:',
  '  t:',
  '    action: s.a',
  '    input:',
  '      literal: |',
  '        <% $a +',
  '           $b %>',
  '      folded: <% $a +',
  '        $c %>',
  '      quoted: "<% \'x\\"y\' & $d %>"',
  '      broken: |',
  '        <% $a +',
  '           ] %>',
  '',
].join('\n');

describe('expression positions across lines', () => {
  const diagnostics = compileWorkflow(source, { file: 'multiline.yaml' }).diagnostics;
  const startOf = (fragment: string) => diagnostics.find((d) => d.message.includes(fragment))?.start;

  it('locates a variable on the second line of a literal block', () => {
    expect(startOf("'$b'")).toStrictEqual({ line: 10, column: 12 });
  });

  it('locates a variable in a folded plain scalar', () => {
    expect(startOf("'$c'")).toStrictEqual({ line: 12, column: 9 });
  });

  it('locates a variable after an escaped quote', () => {
    expect(startOf("'$d'")).toStrictEqual({ line: 13, column: 28 });
  });

  it('locates a syntax error on a later line', () => {
    expect(startOf('cannot be used as a unary operator')).toStrictEqual({ line: 16, column: 12 });
  });

  it('prints the expression on one line', () => {
    expect(diagnostics.find((d) => d.code === 'SRC1201')?.message).toContain("in '$a + ]'");
  });
});
