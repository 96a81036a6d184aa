import { compileWorkflow } from '../../lib/compiler';

const file = 'workflows/aliases.yaml';

describe('YAML aliases', () => {
  it('expand in transitions, publish and input', () => {
    const source = [
      "version: '2.0'",
      'name: aliases',
      'tasks:',
      '  a:',
      '    action: s.a',
      '    input: &common {id: 1}',
      '    on-success: &next [b]',
      '  b:',
      '    action: s.b',
      '    input: *common',
      '    publish: &published',
      '      x: <% $result.x %>',
      '    on-success: c',
      '  c:',
      '    action: s.c',
      '    publish: *published',
      '    on-error: *next',
      '',
    ].join('\n');
    const result = compileWorkflow(source, { file });
    const states = result.asl?.States ?? {};

    expect(result.diagnostics).toStrictEqual([]);
    expect(states.a.Next).toBe('b');
    expect((states.b.Arguments as { Payload: { input: unknown } }).Payload.input).toStrictEqual({ id: 1 });
    expect(states.c.Catch).toStrictEqual([{ ErrorEquals: ['States.ALL'], Next: 'b' }]);
    expect(states.c.Output).toBe('{% ($result := $states.result.Payload; $x := $result.x; {"x": $x}) %}');
  });

  it('reports a circular alias', () => {
    const result = compileWorkflow("version: '2.0'\nname: a\ntasks:\n  a: &t\n    action: s.a\n    input: {self: *t}\n", { file });

    expect(result.diagnostics.map((d) => [d.code, d.start, d.message])).toStrictEqual([
      ['SRC1001', { line: 6, column: 19 }, "Invalid YAML: alias '*t' refers to a node that contains it."],
    ]);
  });

  it('stops an exponential expansion', () => {
    const rows = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) {
      rows.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const result = compileWorkflow(`${rows.join('\n')}\n`, { file });

    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].message).toBe('Invalid YAML: aliases expand to more than 10000 nodes.');
  });
});
