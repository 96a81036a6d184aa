import type { TransitionItem } from '../../dsl/model';

/** Removes whitespace, so that `$not( $a )` and `$not($a)` compare equal. */
function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Returns the item that can be the Choice's Default because it always
 * matches when the others do not: a `true` guard in last place, or the
 * second of a pair `X: <% c %>`, `Y: <% $not(c) %>` (in either order).
 */
export function exclusiveDefault(items: readonly TransitionItem[]): TransitionItem | undefined {
  const last = items[items.length - 1];
  if (last?.guard === true) return last;
  if (items.length !== 2) return undefined;

  const [first, second] = items.map((item) => (item.guard === true || item.guard === undefined ? undefined : normalise(item.guard.text)));
  if (first === undefined || second === undefined) return undefined;
  if (second === `$not(${first})` || first === `$not(${second})`) return items[1];

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
