import jsonata from 'jsonata';
import { compileFile } from '../../lib/compiler';

/**
 * Evaluates the `output` of an ad-hoc action as the compiler renders it,
 * with jsonata 2.0.6, on a raw result passed in as `$states.result.Payload`.
 */
async function transform(output: string, raw: unknown): Promise<unknown> {
  const source =
    "version: '2.0'\nname: wb\nactions:\n  quote:\n    base: shop.quote\n" +
    `    output: ${output}\n` +
    'workflows:\n  w:\n    tasks:\n      a:\n        action: quote\n        publish:\n          got: <% $result %>\n        on-success: b\n      b:\n        action: shop.quote\n';
  const compiled = compileFile(source, { file: 'wb.yaml', actions: ['shop.quote'] });
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`);
  if (errors.length > 0) throw new Error(errors.join('\n'));

  const states = compiled.workflows[0].asl?.States as Record<string, { Assign: Record<string, string> }>;
  const text = states.a.Assign.got.replace(/^\{%\s*|\s*%\}$/g, '');
  return jsonata(text).evaluate({}, { states: { result: { Payload: raw } } });
}

describe('ad-hoc action output', () => {
  const raw = { price: 4, quantity: 3, lines: [{ price: 2 }, { price: 9 }], tags: ['a', 'b'] };

  it.each([
    ['whole result', '<% $ %>', raw],
    ['field of the result', '<% $.price %>', 4],
    ['arithmetic on fields', '<% $.price * $.quantity %>', 12],
    ['filter reads the item', '<% $.lines[$.price > 5].price %>', 9],
    ['function of the result', '<% $count($.tags) %>', 2],
    ['context in a call', '<% $keys($)[0] %>', 'price'],
    ['mapping of expressions', '{total: "<% $.price * $.quantity %>", first: "<% $.tags[0] %>"}', { total: 12, first: 'a' }],
    ['literal', 'done', 'done'],
  ])('%s', async (_case, output, expected) => {
    expect(await transform(output, raw)).toStrictEqual(expected);
  });
});
