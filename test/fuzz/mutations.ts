import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';

import type { Random } from './prng';

/**
 * One way of breaking a workflow: a change of its YAML tree, made in place on
 * the parsed document, or a change of its text.
 */
export type Mutation =
  | { name: string; kind: 'tree'; change(document: Document, pairs: Pair[], random: Random): void }
  | { name: string; kind: 'text'; apply(source: string, random: Random): string };

/** Values that replace a scalar or a collection to swap its type. */
const replacements: unknown[] = [null, 0, -1, 1.5, true, '', 'text', '2.0', [], {}, ['a', 1], { a: { b: null } }, '<% %>', '<% $ %>', 'join', 'all'];

/** Broken forms of an expression. */
const brokenExpressions = ['<% $result.', '<% (1 + %>', '<% $undefined_name %>', '<% $x := %>', "<% 'open %>", '<% task().result %>', '<%%>', '%> <%', '<% $states.input %>', '<% [1, 2 %>'];

/** Returns every collection pair and item of the document, depth first. */
function collectPairs(node: unknown, pairs: Pair[] = []): Pair[] {
  if (isMap(node)) {
    for (const pair of node.items) {
      pairs.push(pair);
      collectPairs(pair.value, pairs);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) collectPairs(item, pairs);
  }
  return pairs;
}

function onTree(name: string, change: (document: Document, pairs: Pair[], random: Random) => void): Mutation {
  return { name, kind: 'tree', change };
}

/** Returns every pair of a document, or none when the YAML has errors and only text mutations apply. */
export function pairsOf(document: Document): Pair[] {
  return document.errors.length > 0 ? [] : collectPairs(document.contents);
}

/** Parses a source for tree mutations, keeping duplicate keys so that they reach the compiler. */
export function parseForMutation(source: string): Document {
  return parseDocument(source, { uniqueKeys: false });
}

/** Prints a mutated document back to YAML text. */
export function printMutated(document: Document): string {
  return document.toString({ lineWidth: 0 });
}

function parentMapOf(document: Document, target: Pair): { items: Pair[] } | undefined {
  let found: { items: Pair[] } | undefined;
  const visit = (node: unknown): void => {
    if (found) return;
    if (isMap(node)) {
      if (node.items.includes(target)) found = node as unknown as { items: Pair[] };
      node.items.forEach((pair) => visit(pair.value));
    } else if (isSeq(node)) {
      node.items.forEach(visit);
    }
  };
  visit(document.contents);
  return found;
}

export const mutations: Mutation[] = [
  onTree('delete key', (document, pairs, random) => {
    const pair = random.pick(pairs);
    const parent = parentMapOf(document, pair);
    if (parent) parent.items.splice(parent.items.indexOf(pair), 1);
  }),
  onTree('duplicate key', (document, pairs, random) => {
    const pair = random.pick(pairs);
    const parent = parentMapOf(document, pair);
    if (parent) parent.items.push(document.createPair(String((pair.key as { value?: unknown })?.value), document.createNode(random.pick(replacements))) as Pair);
  }),
  onTree('rename key', (document, pairs, random) => {
    const pair = random.pick(pairs);
    const names = ['on-success', 'on-error', 'on-complete', 'publish', 'input', 'action', 'join', 'tasks', 'fail', 'succeed', 'x', '', '0', 'with-items', 'retry', 'timeout'];
    if (isScalar(pair.key)) pair.key.value = random.pick(names);
  }),
  onTree('swap value type', (document, pairs, random) => {
    random.pick(pairs).value = document.createNode(random.pick(replacements)) as Node;
  }),
  onTree('break expression', (document, pairs, random) => {
    const withExpressions = pairs.filter((pair) => isScalar(pair.value) && String(pair.value.value).includes('<%'));
    const pair = withExpressions.length > 0 ? random.pick(withExpressions) : random.pick(pairs);
    pair.value = document.createNode(random.pick(brokenExpressions)) as Node;
  }),
  {
    name: 'cut text',
    kind: 'text',
    apply: (source, random) => source.slice(0, random.below(source.length + 1)),
  },
  {
    name: 'delete line',
    kind: 'text',
    apply(source, random) {
      const lines = source.split('\n');
      lines.splice(random.below(lines.length), 1);
      return lines.join('\n');
    },
  },
  {
    name: 'duplicate line',
    kind: 'text',
    apply(source, random) {
      const lines = source.split('\n');
      const index = random.below(lines.length);
      lines.splice(index, 0, lines[index]);
      return lines.join('\n');
    },
  },
  {
    name: 'shift indentation',
    kind: 'text',
    apply(source, random) {
      const lines = source.split('\n');
      const index = random.below(lines.length);
      lines[index] = random.next() < 0.5 ? ` ${lines[index]}` : lines[index].replace(/^ {1,2}/, '');
      return lines.join('\n');
    },
  },
  {
    name: 'insert characters',
    kind: 'text',
    apply(source, random) {
      const inserts = [':', '-', '{', '}', '[', ']', '<%', '%>', '"', "'", '&', '*', '!', '#', '\t', '\n', '\u0000', '\u00e9', '$', '|'];
      const at = random.below(source.length + 1);
      return source.slice(0, at) + random.pick(inserts) + source.slice(at);
    },
  },
];
