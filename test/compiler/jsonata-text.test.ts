import jsonata from 'jsonata';
import type { ValueTree } from '../../lib/dsl/model';
import { quoteString, renderValue, toAslValue } from '../../lib/compiler/emit/jsonata-text';

const noExpressions = () => {
  throw new Error('no expression expected');
};

describe('toAslValue', () => {
  it('keeps literals as JSON', () => {
    const value: ValueTree = {
      kind: 'object',
      entries: [
        ['n', { kind: 'literal', value: 1 }],
        ['s', { kind: 'literal', value: 'text' }],
        ['list', { kind: 'array', items: [{ kind: 'literal', value: true }, { kind: 'literal', value: null }] }],
      ],
    };

    expect(toAslValue(value, noExpressions)).toStrictEqual({ n: 1, s: 'text', list: [true, null] });
  });

  it('quotes a literal that Step Functions would read as JSONata', () => {
    expect(toAslValue({ kind: 'literal', value: '{% not an expression %}' }, noExpressions)).toBe('{% "{% not an expression %}" %}');
  });
});

describe('quoteString', () => {
  it.each([
    ['plain', "'plain'"],
    ['say "hi"', `'say "hi"'`],
    ["it's", '"it\'s"'],
    ['line\nbreak', "'line\\nbreak'"],
  ])('quotes %j', (text, expected) => {
    expect(quoteString(text)).toBe(expected);
  });

  it.each([['plain'], ['say "hi"'], ["it's"], ['line\nbreak'], ['back\\slash'], ["both ' and \""]])(
    'round-trips %j through jsonata',
    async (text) => {
      expect(await jsonata(quoteString(text)).evaluate({})).toBe(text);
    },
  );
});

describe('renderValue', () => {
  it('renders objects, arrays and literals as JSONata', () => {
    const value: ValueTree = {
      kind: 'object',
      entries: [
        ['a', { kind: 'array', items: [{ kind: 'literal', value: 1 }, { kind: 'literal', value: 'x' }] }],
        ['b', { kind: 'literal', value: false }],
      ],
    };

    expect(renderValue(value, noExpressions)).toBe('{"a": [1, "x"], "b": false}');
  });
});
