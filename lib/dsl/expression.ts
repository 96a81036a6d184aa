import jsonata from 'jsonata';
import type { ExpressionDelimiter } from './operator-rewrite';

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

/** A piece of a string: literal text, or the text inside one `<% %>` or `{{ }}` with its offset. */
export type TemplatePart = { text: string } | { expression: string; offset: number; delimiter: ExpressionDelimiter };

const closers: Record<string, { close: string; delimiter: ExpressionDelimiter }> = {
  '<%': { close: '%>', delimiter: 'yaql' },
  '{{': { close: '}}', delimiter: 'jinja' },
};

/** Returns the index of the next `<%` or `{{` at or after `from`, or -1. */
export function nextOpening(value: string, from: number): number {
  const yaql = value.indexOf('<%', from);
  const jinja = value.indexOf('{{', from);
  if (yaql < 0 || jinja < 0) return Math.max(yaql, jinja);
  return Math.min(yaql, jinja);
}

/**
 * Splits a string into literal text and expressions in `<% %>` (YAQL in
 * Mistral) or `{{ }}` (Jinja in Mistral). Returns `unclosedAt`, the index of
 * an opening delimiter without its closing one.
 */
export function splitTemplate(value: string): { parts: TemplatePart[]; unclosedAt?: number } {
  const parts: TemplatePart[] = [];
  let cursor = 0;

  while (cursor < value.length) {
    const open = nextOpening(value, cursor);
    if (open < 0) break;

    const { close: closer, delimiter } = closers[value.slice(open, open + 2)];
    const close = value.indexOf(closer, open + 2);
    if (close < 0) return { parts, unclosedAt: open };

    if (open > cursor) parts.push({ text: value.slice(cursor, open) });
    parts.push({ expression: value.slice(open + 2, close), offset: open + 2, delimiter });
    cursor = close + 2;
  }
  if (cursor < value.length) parts.push({ text: value.slice(cursor) });

  return { parts };
}
