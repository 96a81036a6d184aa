import { quoteYaml } from './collection-keys';

/** An unquoted `<% %>` or `{{ }}` value on one line of YAML, whose `: ` YAML reads as a mapping. */
export interface UnquotedExpression {
  /** Zero-based column range of the expression on its line. */
  start: number;
  end: number;
  text: string;
  /** The line rewritten as it should read, as in `output: "<% $a ? 'y' : 'n' %>"`. */
  example: string;
}

const delimiters = [
  { open: '<%', close: '%>' },
  { open: '{{', close: '}}' },
];

/**
 * Finds an unquoted expression that contains `: ` on one line of YAML. YAML
 * reads that `: ` as the start of a mapping value, which fails with errors
 * such as "Nested mappings are not allowed in compact mappings". Returns
 * undefined when the line has no such expression, or when it is quoted.
 */
export function findUnquotedExpression(line: string): UnquotedExpression | undefined {
  for (const { open, close } of delimiters) {
    const start = line.indexOf(open);
    if (start < 0) continue;
    if (/["']\s*$/.test(line.slice(0, start))) continue;

    const closing = line.indexOf(close, start + open.length);
    const end = closing < 0 ? line.trimEnd().length : closing + close.length;
    const text = line.slice(start, end);
    if (!/:\s/.test(text)) continue;

    const key = /([^\s{},[\]]+):\s*$/.exec(line.slice(0, start))?.[1];
    const quoted = quoteYaml(text);
    return { start, end, text, example: key ? `${key}: ${quoted}` : quoted };
  }

  return undefined;
}
