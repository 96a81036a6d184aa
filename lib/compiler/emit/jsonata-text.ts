import type { Expression, ValueTree } from '../../dsl/model';
import type { ExpressionNode } from '../../dsl/expression';

/** Renders one expression as JSONata text, with bindings that the caller chooses. */
export type RenderExpression = (expression: Expression) => string;

/** AST node types that can stand as an operand without parentheses. */
const atomicTypes = new Set(['variable', 'path', 'string', 'number', 'value', 'function', 'block', 'name', 'regex']);

function isAtomic(ast: ExpressionNode): boolean {
  if (atomicTypes.has(ast.type)) return true;
  return ast.type === 'unary' && (ast.value === '[' || ast.value === '{');
}

/**
 * Quotes a string as a JSONata literal: single quotes as in hand-written
 * JSONata, or double quotes when the text contains a single quote, which
 * jsonata 2.0.6 cannot escape.
 */
export function quoteString(text: string): string {
  const json = JSON.stringify(text);
  if (text.includes("'")) return json;

  return `'${json.slice(1, -1).replace(/\\"/g, '"')}'`;
}

/** Renders a mixed string as a JSONata concatenation with `$string()` around each expression. */
export function renderTemplate(parts: readonly (string | Expression)[], render: RenderExpression): string {
  return parts
    .filter((part) => part !== '')
    .map((part) => (typeof part === 'string' ? quoteString(part) : `$string(${render(part)})`))
    .join(' & ');
}

/** Renders a value tree as a single JSONata expression, for Output blocks. */
export function renderValue(value: ValueTree, render: RenderExpression): string {
  switch (value.kind) {
    case 'literal':
      return typeof value.value === 'string' ? JSON.stringify(value.value) : String(value.value);
    case 'expression': {
      const text = render(value.expression);
      return isAtomic(value.expression.ast) ? text : `(${text})`;
    }
    case 'template':
      return `(${renderTemplate(value.parts, render)})`;
    case 'object':
      return `{${value.entries.map(([key, child]) => `${JSON.stringify(key)}: ${renderValue(child, render)}`).join(', ')}}`;
    case 'array':
      return `[${value.items.map((child) => renderValue(child, render)).join(', ')}]`;
  }
}

/**
 * Converts a value tree to an ASL JSON value: literals stay JSON, and each
 * string holding expressions becomes one `{% %}` string. A value that is
 * exactly one expression keeps the expression's JSON type at run time.
 */
export function toAslValue(value: ValueTree, render: RenderExpression): unknown {
  switch (value.kind) {
    case 'literal':
      return typeof value.value === 'string' && looksLikeExpression(value.value)
        ? `{% ${JSON.stringify(value.value)} %}`
        : value.value;
    case 'expression':
      return `{% ${render(value.expression)} %}`;
    case 'template':
      return `{% ${renderTemplate(value.parts, render)} %}`;
    case 'object':
      return Object.fromEntries(value.entries.map(([key, child]) => [key, toAslValue(child, render)]));
    case 'array':
      return value.items.map((child) => toAslValue(child, render));
  }
}

/**
 * Returns whether Step Functions would evaluate a literal string as JSONata,
 * which it does for every string that starts with `{%` and ends with `%}`.
 */
function looksLikeExpression(text: string): boolean {
  return text.startsWith('{%') && text.endsWith('%}');
}

/** Wraps JSONata text as an ASL expression string. */
export function jsonataString(text: string): string {
  return `{% ${text} %}`;
}
