/** One `name=value` parameter written after the action name, as Mistral allows. */
export interface InlineParameter {
  name: string;
  /** Value text without its quotes. */
  text: string;
  /** Whether the value was quoted, so that it stays a string instead of being read as JSON. */
  quoted: boolean;
  /** Offset of the value text in the action string. */
  offset: number;
}

export type InlineAction =
  | { action: string; parameters: InlineParameter[] }
  | { error: string; offset: number };

const parameterName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Splits `std.http url=<% $.url %> method=GET timeout=5` into the action
 * name and its parameters. A value is a quoted string, an expression in
 * `<% %>` or `{{ }}` (which may contain spaces), or text up to the next space.
 */
export function splitInlineAction(text: string): InlineAction {
  const nameEnd = text.search(/\s/);
  if (nameEnd < 0) return { action: text, parameters: [] };

  const parameters: InlineParameter[] = [];
  let index = skipSpaces(text, nameEnd);
  while (index < text.length) {
    const equals = text.indexOf('=', index);
    const name = equals < 0 ? '' : text.slice(index, equals);
    if (!parameterName.test(name)) {
      return { error: `'${text.slice(index).split(/\s/)[0]}' is not a name=value parameter`, offset: index };
    }

    const value = readValue(text, equals + 1);
    if ('error' in value) return value;
    parameters.push({ name, ...value.parameter });
    index = skipSpaces(text, value.end);
  }

  return { action: text.slice(0, nameEnd), parameters };
}

function readValue(text: string, start: number): { parameter: Omit<InlineParameter, 'name'>; end: number } | { error: string; offset: number } {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    let index = start + 1;
    while (index < text.length && text[index] !== quote) index += text[index] === '\\' && quote === '"' ? 2 : 1;
    if (index >= text.length) return { error: `the quoted value is not closed with ${quote}`, offset: start };
    const raw = text.slice(start + 1, index);
    const value = quote === '"' ? raw.replace(/\\(.)/g, '$1') : raw;
    return { parameter: { text: value, quoted: true, offset: start + 1 }, end: index + 1 };
  }

  let index = start;
  while (index < text.length && !/\s/.test(text[index])) {
    const closer = text.startsWith('<%', index) ? '%>' : text.startsWith('{{', index) ? '}}' : undefined;
    if (closer) {
      const close = text.indexOf(closer, index + 2);
      if (close < 0) return { error: `the expression is not closed with '${closer}'`, offset: index };
      index = close + 2;
      continue;
    }
    index++;
  }
  if (index === start) return { error: 'the parameter has no value', offset: start };

  return { parameter: { text: text.slice(start, index), quoted: false, offset: start }, end: index };
}

function skipSpaces(text: string, index: number): number {
  let next = index;
  while (next < text.length && /\s/.test(text[next])) next++;
  return next;
}
