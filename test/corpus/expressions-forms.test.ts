import { compileWorkflow } from '../../lib/compiler';
import { rewriteOperators } from '../../lib/dsl/operator-rewrite';

const header =
  "version: '2.0'\nname: forms\ninput: [order_id, n, done, map, text, delta, name, city, items]\n" +
  'tasks:\n  a:\n    action: shop.check\n    input:\n';

function compileInput(value: string) {
  return compileWorkflow(`${header}      x: ${value}\n`, { file: 'forms.yaml', actions: ['shop.check'] });
}

function inputOf(value: string): unknown {
  const result = compileInput(value);
  const states = result.asl?.States as Record<string, { Arguments?: { Payload: { input: { x: unknown } } } }> | undefined;
  return states?.a.Arguments?.Payload.input.x;
}

describe('operator rewrite', () => {
  it.each([
    ['not $.a = 1 and $.b', 'yaql', '$not($.a = 1) and $.b'],
    ['not ($.a or $.b)', 'yaql', '$not(($.a or $.b))'],
    ['a and not b', 'yaql', 'a and $not(b)'],
    ['[not a, b]', 'yaql', '[$not(a), b]'],
    ['notable = 1', 'yaql', 'notable = 1'],
    ["$.x == 'not x'", 'jinja', "$.x = 'not x'"],
    ['$.x == 1', 'yaql', '$.x == 1'],
    ['$.x != 1', 'jinja', '$.x != 1'],
  ] as const)('%s in %s', (text, delimiter, expected) => {
    expect(rewriteOperators(text, delimiter)).toStrictEqual({ text: expected });
  });

  it('finds a lambda arrow', () => {
    expect(rewriteOperators('$.items.select(x => x + 1)', 'yaql')).toStrictEqual({ lambdaAt: 17 });
  });

  it('keeps an arrow inside a string', () => {
    expect(rewriteOperators("'a => b'", 'yaql')).toStrictEqual({ text: "'a => b'" });
  });
});

describe('Mistral expression forms', () => {
  it.each([
    ["'{{ _.order_id }}'", '{% $order_id %}'],
    ['<% _.order_id %>', '{% $order_id %}'],
    ["'{{ _.n == 2 }}'", '{% $n = 2 %}'],
    ['<% $.n = 2 or not $.done %>', '{% $n = 2 or $not($done) %}'],
    ['<% keys($.map) %>', '{% $keys($map) %}'],
    ['<% float($.text) + abs($.delta) %>', '{% $number($text) + $abs($delta) %}'],
    ["'Hi {{ _.name }} from <% $.city %>'", "{% 'Hi ' & $string($name) & ' from ' & $string($city) %}"],
    ['<% env().region %>', '{% $states.context.Execution.Input.__env.region %}'],
    ["'{{ env().region }}'", '{% $states.context.Execution.Input.__env.region %}'],
    ['<% env() %>', '{% ($exists($states.context.Execution.Input.__env) ? $states.context.Execution.Input.__env : {}) %}'],
  ])('%s compiles to %s', (value, expected) => {
    expect(inputOf(value)).toBe(expected);
  });

  it.each([
    ['<% $.items.where($.price > 10) %>', 'SRC2110', 8, 21, "'where()' has no safe JSONata translation: write a JSONata filter such as $orders[total > 100] instead."],
    ['<% $.items.select($.price) %>', 'SRC2110', 8, 21, "'select()' has no safe JSONata translation: write a JSONata map step"],
    ['<% env(1) %>', 'SRC1206', 8, 13, "Mistral function 'env()' has no JSONata form"],
    ['<% $.items.sum(x => x) %>', 'SRC2110', 8, 27, "'=>' has no safe JSONata translation: write a JSONata function such as function($x) { $x + 1 } instead."],
    ["<% task('b').state %>", 'SRC1206', 8, 13, "Mistral function 'task()' has no JSONata form"],
    ["<% task('b').result %>", 'SRC1207', 8, 13, "'task(b).result' reads task 'b', which is not a task of this workflow: did you mean 'a'?"],
  ])('%s reports %s', (value, code, line, column, message) => {
    const diagnostics = compileInput(value).diagnostics;

    expect(diagnostics.map((d) => d.code)).toStrictEqual([code]);
    expect(diagnostics[0].start).toStrictEqual({ line, column });
    expect(diagnostics[0].message).toContain(message);
  });
});
