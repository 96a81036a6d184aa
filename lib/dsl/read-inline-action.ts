import { Scalar } from 'yaml';
import type { DiagnosticBag, SourceRange } from '../diagnostics/diagnostic';
import { splitInlineAction } from './inline-parameters';
import type { ValueTree } from './model';
import type { ValueReader } from './read-values';
import type { SourceDocument } from './source-document';

export interface InlineActionValue {
  action: string;
  actionRange: SourceRange;
  /** Parameters written after the action name, in order. */
  entries: [string, ValueTree][];
}

/**
 * Reads an `action` value with Mistral's inline parameters, such as
 * `shop.notify text="Shipped." count=2`. Unquoted values that are not
 * expressions are read as JSON when they parse, and as strings otherwise.
 */
export function readInlineAction(node: Scalar, reader: ValueReader, source: SourceDocument, bag: DiagnosticBag): InlineActionValue {
  const text = String(node.value);
  const start = (node.range?.[0] ?? 0) + (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0);
  const split = splitInlineAction(text);
  const nameLength = 'action' in split ? split.action.length : text.search(/\s|$/);
  const actionRange = source.rangeOf([start, start + nameLength]);

  if ('error' in split) {
    bag.report('invalidInlineParameter', source.rangeOf([start + split.offset, start + split.offset + 1]), text.slice(0, nameLength), split.error);
    return { action: text.slice(0, nameLength), actionRange, entries: [] };
  }

  const entries = split.parameters.map((parameter): [string, ValueTree] => {
    const offset = parameter.offset + (start - (node.range?.[0] ?? 0));
    const expression = parameter.text.includes('<%') || parameter.text.includes('{{');
    if (parameter.quoted || expression) return [parameter.name, reader.readString(parameter.text, node, offset)];
    return [parameter.name, jsonValueTree(parameter.text)];
  });

  return { action: split.action, actionRange, entries };
}

/**
 * Merges inline parameters into the task's `input`, the parameters taking
 * precedence as in Mistral. An `input` that is not a mapping cannot be merged
 * at compile time, so it is reported and kept as it is.
 */
export function mergeInlineInput(
  input: ValueTree | undefined,
  entries: [string, ValueTree][],
  task: string,
  inputRange: SourceRange | undefined,
  bag: DiagnosticBag,
): ValueTree | undefined {
  if (entries.length === 0) return input;
  if (input === undefined) return { kind: 'object', entries };
  if (input.kind !== 'object') {
    bag.report('inlineParametersWithInput', inputRange ?? { start: { line: 1, column: 1 } }, task);
    return input;
  }

  const names = new Set(entries.map(([name]) => name));
  return { kind: 'object', entries: [...input.entries.filter(([name]) => !names.has(name)), ...entries] };
}

function jsonValueTree(text: string): ValueTree {
  try {
    return toValueTree(JSON.parse(text));
  } catch {
    return { kind: 'literal', value: text };
  }
}

function toValueTree(value: unknown): ValueTree {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(toValueTree) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', entries: Object.entries(value).map(([key, item]): [string, ValueTree] => [key, toValueTree(item)]) };
  }

  return { kind: 'literal', value: value as string | number | boolean | null };
}
