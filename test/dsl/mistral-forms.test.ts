import { parseExpression } from '../../lib/dsl/expression';
import { taskResultVariable, translateMistralForms } from '../../lib/dsl/mistral-forms';

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
    ['task(fetch).result.amount', '$__result_fetch.amount'],
    ["task('get-data').result", '$__result_get_data'],
    ['task("a").result + task(b).result', '$__result_a + $__result_b'],
    ['task(get-data).result', '$__result_get_data'],
    ['$map($.list, function($v) { task(a).result })', '$map($list, function($v) { $__result_a })'],
    ['env().region', '$states.context.Execution.Input.__env.region'],
    ['env()', '($exists($states.context.Execution.Input.__env) ? $states.context.Execution.Input.__env : {})'],
    ['env().items[0]', '($exists($states.context.Execution.Input.__env) ? $states.context.Execution.Input.__env : {}).items[0]'],
  ])('translates %s', (text, expected) => {
    const translated = translate(text);

    expect(translated.text).toBe(expected);
    expect(translated.unsupported).toStrictEqual([]);
  });

  it.each([
    ['task(fetch).result', { __result_fetch: ['fetch'] }],
    ["task('get-data').result + task(get_data).result", { __result_get_data: ['get-data', 'get_data'] }],
    ['task().result', {}],
  ])('records the task names written in %s', (text, expected) => {
    expect(translate(text).taskNames).toStrictEqual(expected);
  });

  it.each([
    ['items[$.price > 1]', 'items[$.price > 1]'],
    ['$map($.list, function($v) { $.z })', '$map($list, function($v) { $.z })'],
  ])('keeps $ as the current item in %s', (text, expected) => {
    expect(translate(text).text).toBe(expected);
  });

  it.each([
    ["task('other').state", 'task()', 4],
    ['task(1 + 2).result', 'task()', 4],
    ['env(1)', 'env()', 3],
  ])('reports %s as a call without a JSONata form', (text, call, position) => {
    const translated = translate(text);

    expect(translated.text).toBe(text);
    expect(translated.unsupported).toStrictEqual([{ text: call, position }]);
  });

  it('names the result variable of a long task name within 80 characters', () => {
    const name = `t${'x'.repeat(79)}`;
    const variable = taskResultVariable(name);

    expect(variable).toHaveLength(80);
    expect(variable.startsWith('__result_txx')).toBe(true);
    expect(variable).not.toBe(taskResultVariable(`${name.slice(0, -1)}y`));
  });
});
