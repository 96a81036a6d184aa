import { quoteYaml } from './collection-keys';

/**
 * An unquoted YAML value on one line that contains a `<% %>` or `{{ }}`
 * expression with a `: ` inside, which YAML reads as the start of a mapping.
 */
export interface UnquotedExpression {
  /** Zero-based column range of the whole value on its line. */
  start: number;
  end: number;
  /** The whole value, as in `std.echo output=<% $a ? 'y' : 'n' %>`. */
  text: string;
  /** The value quoted after its key, as in `action: "std.echo output=<% $a ? 'y' : 'n' %>"`. */
  example: string;
}

interface Span {
  start: number;
  end: number;
}

const delimiters = [
  { open: '<%', close: '%>' },
  { open: '{{', close: '}}' },
];

/**
 * Finds the unquoted value of a line that contains an expression with `: `.
 * YAML reads that `: ` as the start of a mapping value, which fails with errors
 * such as "Nested mappings are not allowed in compact mappings". The value is
 * the whole YAML value of the key, such as `std.echo output=<% ... %>` in an
 * inline-parameter `action:`, because quoting only the expression leaves the
 * rest of the line a plain scalar that still contains `: `. Returns undefined
 * when no expression of the line contains `: `, or when its value is quoted.
 */
export function findUnquotedExpression(line: string): UnquotedExpression | undefined {
  for (const expression of findExpressions(line)) {
    if (!/:\s/.test(line.slice(expression.start, expression.end))) continue;

    const value = valueAround(line, expression);
    const text = line.slice(value.start, value.end);
    if (/^["']/.test(text)) continue;

    const quoted = quoteYaml(text);
    return { start: value.start, end: value.end, text, example: value.key ? `${value.key}: ${quoted}` : quoted };
  }

  return undefined;
}

/** Returns each `<% %>` and `{{ }}` expression of the line, in order. An unclosed one runs to the end of the line. */
function findExpressions(line: string): Span[] {
  const expressions: Span[] = [];
  for (const { open, close } of delimiters) {
    let start = line.indexOf(open);
    while (start >= 0) {
      const closing = line.indexOf(close, start + open.length);
      const end = closing < 0 ? line.trimEnd().length : closing + close.length;
      expressions.push({ start, end });
      start = line.indexOf(open, end);
    }
  }
  return expressions.sort((a, b) => a.start - b.start);
}

/**
 * Returns the YAML value that contains the expression, with its key when it
 * has one. A block value runs to the end of the line or to a comment after the
 * expression. Inside a flow collection (`{...}` or `[...]` after the block key),
 * the value runs from the last `{`, `[` or `,` before the expression to the
 * next `,`, `}` or `]` after it.
 */
function valueAround(line: string, expression: Span): Span & { key?: string } {
  let position = /^\s*(?:-\s+)*/.exec(line)?.[0].length ?? 0;
  const blockKey = keyAt(line, position, expression.start);
  if (blockKey) position = blockKey.valueStart;

  if (line[position] !== '{' && line[position] !== '[') {
    const comment = /\s#/.exec(line.slice(expression.end));
    const end = comment ? expression.end + comment.index : line.length;
    return { start: position, end: trimmedEnd(line, end), key: blockKey?.key };
  }

  const before = line.slice(0, expression.start);
  let start = Math.max(before.lastIndexOf('{'), before.lastIndexOf('['), before.lastIndexOf(',')) + 1;
  start += /^\s*/.exec(line.slice(start))?.[0].length ?? 0;
  const flowKey = keyAt(line, start, expression.start);
  if (flowKey) start = flowKey.valueStart;

  const after = /[,}\]]/.exec(line.slice(expression.end));
  const end = after ? expression.end + after.index : line.length;
  return { start, end: trimmedEnd(line, end), key: flowKey?.key };
}

/**
 * Reads a mapping key that starts at `position` and whose value starts at or
 * before `limit`, and returns it with the column where its value starts. As in
 * YAML, a plain key ends at the first `:` followed by a space or the end of the
 * line, and a key that starts with a quote ends at the closing quote.
 */
function keyAt(line: string, position: number, limit: number): { key: string; valueStart: number } | undefined {
  const first = line[position];
  if (first === undefined || /[\s{}[\],#]/.test(first)) return undefined;

  let separator: number;
  if (first === '"' || first === "'") {
    const closing = line.indexOf(first, position + 1);
    if (closing < 0 || !/^\s*:(?:\s|$)/.test(line.slice(closing + 1))) return undefined;
    separator = line.indexOf(':', closing + 1);
  } else {
    separator = line.slice(position).search(/:(?:\s|$)/);
    if (separator < 0) return undefined;
    separator += position;
  }

  const valueStart = separator + 1 + (/^\s*/.exec(line.slice(separator + 1))?.[0].length ?? 0);
  if (valueStart > limit) return undefined;
  return { key: line.slice(position, separator).trimEnd(), valueStart };
}

function trimmedEnd(line: string, end: number): number {
  return line.slice(0, end).trimEnd().length;
}
