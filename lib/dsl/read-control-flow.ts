import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
import type { Expression, Retry, Task, WithItems } from './model';
import type { ValueReader } from './read-values';
import type { SourceDocument } from './source-document';

/** Mistral's default delay between retries, in seconds. */
const defaultRetryDelay = 1;

const itemPattern = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(\S[\s\S]*)$/;

function rangeOf(node: Node): [number, number] {
  return [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
}

/** Reads `retry` with the Mistral keys and the `backoff` and `max-delay` extensions. */
export function readRetry(node: Node | null | undefined, reader: ValueReader): Retry | undefined {
  if (!isMap(node)) return undefined;
  const value = node.toJSON() as { count: number; delay?: number; backoff?: number; 'max-delay'?: number };
  const retry: Retry = { count: value.count, delay: value.delay ?? defaultRetryDelay };
  if (value.backoff !== undefined) retry.backoff = value.backoff;
  if (value['max-delay'] !== undefined) retry.maxDelay = value['max-delay'];

  for (const key of ['break-on', 'continue-on'] as const) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (!pair) continue;
    const scalar = pair.value as Scalar;
    const tree = reader.readString(String(scalar.value), scalar);
    if (tree.kind !== 'expression') continue;
    if (key === 'break-on') retry.breakOn = tree.expression;
    else retry.continueOn = tree.expression;
  }

  return retry;
}

/**
 * Reads the task keys that shape its control flow: `with-items`,
 * `concurrency`, `wait-before`, `wait-after` and `pause-before`.
 */
export function readControlFlow(task: Task, body: YAMLMap, reader: ValueReader, source: SourceDocument, bag: DiagnosticBag): void {
  const field = (key: string) => body.items.find((item) => isScalar(item.key) && item.key.value === key);
  const number = (key: string) => {
    const pair = field(key);
    return pair ? Number((pair.value as Scalar).value) : undefined;
  };

  const itemsPair = field('with-items');
  const concurrency = number('concurrency');
  if (itemsPair) {
    task.withItems = readWithItems(itemsPair.value as Node, reader, source, bag);
    if (task.withItems && concurrency !== undefined) task.withItems.concurrency = concurrency;
  } else if (concurrency !== undefined) {
    bag.report('concurrencyWithoutItems', source.rangeOf(rangeOf(field('concurrency')?.key as Node)), task.name);
  }

  const waitBefore = number('wait-before');
  if (waitBefore !== undefined) task.waitBefore = waitBefore;
  const waitAfter = number('wait-after');
  if (waitAfter !== undefined) task.waitAfter = waitAfter;
  if ((field('pause-before')?.value as Scalar | undefined)?.value === true) task.pauseBefore = true;
}

function readWithItems(node: Node, reader: ValueReader, source: SourceDocument, bag: DiagnosticBag): WithItems | undefined {
  const entries = (isSeq(node) ? node.items : [node]) as Scalar[];
  const lists: WithItems['lists'] = [];

  for (const entry of entries) {
    const text = String(entry.value);
    const match = itemPattern.exec(text);
    const list = match ? readList(match[2], entry, text.indexOf(match[2]), reader) : undefined;
    if (!match || !list) {
      bag.report('invalidWithItems', source.rangeOf(rangeOf(entry)), text);
      continue;
    }
    if (lists.some((list) => list.name === match[1])) {
      bag.report('duplicateItemName', source.rangeOf(rangeOf(entry)), match[1]);
      continue;
    }
    lists.push({ name: match[1], list });
  }

  return lists.length === entries.length ? { lists, range: source.rangeOf(rangeOf(node)) } : undefined;
}

/**
 * Reads the list of a with-items entry: one `<% %>` expression, or a JSONata
 * literal written without delimiters, such as `[1, 2, 3]`, as Mistral allows.
 */
function readList(text: string, entry: Scalar, offset: number, reader: ValueReader): Expression | undefined {
  if (text.includes('<%')) {
    const tree = reader.readString(text, entry, offset);
    return tree.kind === 'expression' ? tree.expression : undefined;
  }
  if (!text.trimStart().startsWith('[')) return undefined;

  return reader.parse(text.trim(), (entry.range?.[0] ?? 0) + offset);
}
