import { parseExpression, splitTemplate } from '../../lib/dsl/expression';
import { findFreeVariables, replaceFreeVariables } from '../../lib/dsl/variables';

function astOf(text: string) {
  const parsed = parseExpression(text);
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.ast;
}

function freeNames(text: string): string[] {
  return findFreeVariables(astOf(text)).map((reference) => reference.name);
}

describe('findFreeVariables', () => {
  it.each([
    ['$result.amount', ['result']],
    ['$not($approved)', ['approved']],
    ['($x := 1; $x + $y)', ['y']],
    ['function($a) { $a + $b }', ['b']],
    ['$map($list, function($v) { $v & $suffix })', ['list', 'suffix']],
    ['orders@$o.items#$i.[$o, $i, $z]', ['z']],
    ['$a[$b > 1]{$c: $d}', ['a', 'b', 'c', 'd']],
    ['$flag ? $yes : $no', ['flag', 'yes', 'no']],
    ['$states.input.x & $states.context.Execution.Id', []],
    ['$ & $$', []],
    ['$string($n) & $uuid() & $partition([1, 2], 1)', ['n']],
    ['$error.Cause', ['error']],
    ["$error('stop')", []],
    ['$f(1)', ['f']],
  ])('%s reads %j', (text, names) => {
    expect(freeNames(text)).toStrictEqual(names);
  });

  it('keeps a binding inside its block', () => {
    expect(freeNames('($x := 1; $x) + $x')).toStrictEqual(['x']);
  });
});

describe('replaceFreeVariables', () => {
  it('replaces only free references', () => {
    const text = '$result.a + ($result := 2; $result)';

    expect(replaceFreeVariables(text, astOf(text), (name) => (name === 'result' ? '$states.result' : undefined))).toBe(
      '$states.result.a + ($result := 2; $result)',
    );
  });
});

describe('splitTemplate', () => {
  it('splits text and expressions with their offsets', () => {
    expect(splitTemplate('Pay <% $n %> EUR')).toStrictEqual({
      parts: [{ text: 'Pay ' }, { expression: ' $n ', offset: 6, delimiter: 'yaql' }, { text: ' EUR' }],
    });
  });

  it('reports an unclosed expression', () => {
    expect(splitTemplate('a <% b').unclosedAt).toBe(2);
  });
});

describe('parseExpression', () => {
  it('returns the offset of a syntax error', () => {
    expect(parseExpression('$a + ')).toStrictEqual({ error: { message: 'Unexpected end of expression', offset: 5 } });
  });
});
