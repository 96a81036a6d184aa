import { parseExpression } from '../../lib/dsl/expression';
import { translateMistralForms } from '../../lib/dsl/mistral-forms';

function translate(text: string) {
  const parsed = parseExpression(text);
  if ('error' in parsed) throw new Error(parsed.error.message);
  return translateMistralForms(text, parsed.ast);
}

describe('translateMistralForms', () => {
  it.each([
    ['$.name', '$name'],
    ['$.a.b + 1', '$a.b + 1'],
    ['{"a": $.x}', '{"a": $x}'],
    ['$count($.items)', '$count($items)'],
    ['task().result.amount', '$result.amount'],
    ['execution().id', '$states.context.Execution.Id'],
    ['execution().created_at & task().result', '$states.context.Execution.StartTime & $result'],
  ])('translates %s', (text, expected) => {
    expect(translate(text)).toStrictEqual({ text: expected, unsupported: [] });
  });

  it.each([
    ['items[$.price > 1]', 'items[$.price > 1]'],
    ['$map($.list, function($v) { $.z })', '$map($list, function($v) { $.z })'],
  ])('keeps $ as the current item in %s', (text, expected) => {
    expect(translate(text).text).toBe(expected);
  });

  it('reports a call without a JSONata form', () => {
    expect(translate("task('other').result")).toStrictEqual({
      text: "task('other').result",
      unsupported: [{ text: 'task()', position: 4 }],
    });
  });
});
