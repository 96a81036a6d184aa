/** Delimiters of a Mistral expression: YAQL's `<% %>` or Jinja's `{{ }}`. */
export type ExpressionDelimiter = 'yaql' | 'jinja';

export type OperatorRewrite = { text: string } | { lambdaAt: number };

/**
 * Rewrites the YAQL and Jinja operators that JSONata spells differently,
 * before the text is parsed: Jinja's `==` becomes `=`, and the prefix
 * operator `not x` becomes `$not(x)`. Text inside string literals is kept.
 * Returns the offset of a lambda arrow `=>` instead, because a YAQL lambda
 * has no safe translation.
 */
export function rewriteOperators(text: string, delimiter: ExpressionDelimiter): OperatorRewrite {
  let result = '';
  let index = 0;

  while (index < text.length) {
    const character = text[index];
    if (character === '"' || character === "'") {
      const end = stringEnd(text, index);
      result += text.slice(index, end);
      index = end;
      continue;
    }
    if (text.startsWith('=>', index)) return { lambdaAt: index };
    if (delimiter === 'jinja' && text.startsWith('==', index)) {
      result += '=';
      index += 2;
      continue;
    }
    if (startsNotOperator(text, index)) {
      const operandStart = skipSpaces(text, index + 3);
      const operandEnd = operandEndAt(text, operandStart);
      if (operandEnd > operandStart) {
        const operand = rewriteOperators(text.slice(operandStart, operandEnd), delimiter);
        if ('lambdaAt' in operand) return { lambdaAt: operandStart + operand.lambdaAt };
        result += `$not(${operand.text})`;
        index = operandEnd;
        continue;
      }
    }
    result += character;
    index++;
  }

  return { text: result };
}

function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== text[start]) index += text[index] === '\\' ? 2 : 1;
  return Math.min(text.length, index + 1);
}

/** Returns whether `not` followed by a space starts a prefix operator here, and is not part of a name. */
function startsNotOperator(text: string, index: number): boolean {
  if (!/^not\s/.test(text.slice(index, index + 4))) return false;
  return index === 0 || !/[\w$.]/.test(text[index - 1]);
}

function skipSpaces(text: string, index: number): number {
  let next = index;
  while (next < text.length && /\s/.test(text[next])) next++;
  return next;
}

/**
 * Returns the end of the operand of `not` that starts at `start`. As in YAQL
 * and Jinja, `not` binds looser than comparisons and tighter than `and` and
 * `or`, so the operand ends before `and`, `or`, a comma, `?`, `:` or a
 * closing bracket at its own nesting level.
 */
function operandEndAt(text: string, start: number): number {
  let index = start;
  let depth = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === '"' || character === "'") {
      index = stringEnd(text, index);
      continue;
    }
    if (depth === 0 && (/[)\]},?:;]/.test(character) || endsAtKeyword(text, index))) break;
    if ('([{'.includes(character)) depth++;
    if (')]}'.includes(character)) depth--;
    index++;
  }

  return text.slice(start, index).trimEnd().length + start;
}

function endsAtKeyword(text: string, index: number): boolean {
  if (index > 0 && /[\w$.]/.test(text[index - 1])) return false;
  return /^(and|or)(?![\w$])/.test(text.slice(index, index + 4));
}
