import jsonata from 'jsonata';

/** A node of the jsonata 2.0.6 AST, as returned by `jsonata(text).ast()`. */
export interface ExpressionNode {
  type: string;
  value?: unknown;
  /** Offset just past the node's token in the expression text. */
  position?: number;
  [key: string]: unknown;
}

export interface ExpressionSyntaxError {
  message: string;
  /** Offset in the expression text where the error was found. */
  offset: number;
}

interface JsonataError {
  message?: string;
  position?: number;
  token?: unknown;
}

/** Parses JSONata text, returning its AST or the syntax error. */
export function parseExpression(text: string): { ast: ExpressionNode } | { error: ExpressionSyntaxError } {
  try {
    return { ast: jsonata(text).ast() as ExpressionNode };
  } catch (thrown) {
    const error = thrown as JsonataError;
    const token = typeof error.token === 'string' && error.token !== '(end)' ? error.token : '';
    const position = typeof error.position === 'number' ? error.position : 0;

    return {
      error: {
        message: error.message ?? String(thrown),
        offset: Math.max(0, Math.min(text.length, position - token.length)),
      },
    };
  }
}

/** A piece of a string: literal text, or the text inside one `<% %>` with its offset. */
export type TemplatePart = { text: string } | { expression: string; offset: number };

/**
 * Splits a string into literal text and `<% %>` expressions. Returns
 * `undefined` for the index of an unclosed `<%`.
 */
export function splitTemplate(value: string): { parts: TemplatePart[]; unclosedAt?: number } {
  const parts: TemplatePart[] = [];
  let cursor = 0;

  while (cursor < value.length) {
    const open = value.indexOf('<%', cursor);
    if (open < 0) break;

    const close = value.indexOf('%>', open + 2);
    if (close < 0) return { parts, unclosedAt: open };

    if (open > cursor) parts.push({ text: value.slice(cursor, open) });
    parts.push({ expression: value.slice(open + 2, close), offset: open + 2 });
    cursor = close + 2;
  }
  if (cursor < value.length) parts.push({ text: value.slice(cursor) });

  return { parts };
}
