import type { TransitionItem } from '../../dsl/model';

/** Removes whitespace outside string literals, so that `$not( $a )` and `$not($a)` compare equal. */
function normalise(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|\s+/g, (match, literal: string | undefined) => literal ?? '');
}

/** Returns the offset of the bracket that closes the one at `start`, skipping string literals, or -1. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (character === '"' || character === "'") {
      index++;
      while (index < text.length && text[index] !== character) index += text[index] === '\\' ? 2 : 1;
    } else if (character === '(') {
      depth++;
    } else if (character === ')') {
      depth--;
      if (depth === 0) return index;
    }
  }

  return -1;
}

/** Removes the brackets that enclose the whole text, so that `(($a=1))` and `$a=1` compare equal. */
function unwrap(text: string): string {
  let current = text;
  while (current.startsWith('(') && closingBracket(current, 0) === current.length - 1) current = current.slice(1, -1);
  return current;
}

/** Returns the operand of a text that is one `$not(...)` call, without its enclosing brackets. */
function negatedOperand(text: string): string | undefined {
  const unwrapped = unwrap(text);
  if (!unwrapped.startsWith('$not(') || closingBracket(unwrapped, 4) !== unwrapped.length - 1) return undefined;
  return unwrap(unwrapped.slice(5, -1));
}

/** Returns whether one guard is `$not` of the other, as `not c`, `not (c)` and `$not(c)` all translate. */
function negates(first: string, second: string): boolean {
  return negatedOperand(second) === unwrap(first) || negatedOperand(first) === unwrap(second);
}

/**
 * Returns the item that can be the Choice's Default because it always
 * matches when the others do not: a `true` guard in last place, or the
 * second of a pair `X: <% c %>`, `Y: <% $not(c) %>` (in either order, and
 * with any brackets around `c`).
 */
export function exclusiveDefault(items: readonly TransitionItem[]): TransitionItem | undefined {
  const last = items[items.length - 1];
  if (last?.guard === true) return last;
  if (items.length !== 2) return undefined;

  const [first, second] = items.map((item) => (item.guard === true || item.guard === undefined ? undefined : normalise(item.guard.text)));
  if (first === undefined || second === undefined) return undefined;
  if (negates(first, second)) return items[1];

  return undefined;
}

/** Emits a Choice state whose rule Conditions are `{% %}` JSONata strings. */
export function emitChoice(
  choices: { Condition: string; Next: string }[],
  defaultState: string,
  comment: string,
): Record<string, unknown> {
  return { Type: 'Choice', Comment: comment, Choices: choices, Default: defaultState };
}
