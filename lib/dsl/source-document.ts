import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import type { SourcePosition } from '../compiler/types';
import type { SourceRange } from '../diagnostics/diagnostic';

export type PathSegment = string | number;

/**
 * A parsed workflow file: the YAML document with its line counter, so that
 * every key and value can be traced back to its line and column.
 */
/** Maximum number of YAML nodes that alias expansion copies, against documents that expand exponentially ("billion laughs"). */
const maxCopiedNodes = 10_000;

function countNodes(node: Node): number {
  let count = 0;
  visit(node, {
    Node: () => {
      count++;
    },
  });
  return count;
}

export class SourceDocument {
  readonly document: Document;
  /** The reason alias expansion stopped, if it did. */
  aliasError?: { message: string; offset: number };
  private readonly lineCounter = new LineCounter();

  constructor(readonly text: string) {
    this.document = parseDocument(text, {
      lineCounter: this.lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      // Errors and warnings become diagnostics, so the library must not print them to the console.
      logLevel: 'silent',
    });
    if (this.document.errors.length === 0) this.expandAliases();
  }

  /**
   * Replaces each alias (`*name`) with a copy of its anchored node, so that
   * readers see plain maps, lists and scalars. Positions inside a copy point
   * at the anchored node. A circular alias, an alias without an anchor before it, or copies of more than
   * `maxCopiedNodes` nodes in total, stop the expansion and set `aliasError`.
   */
  private expandAliases(): void {
    const document = this.document;
    let copiedNodes = 0;
    visit(document, {
      Alias: (_, alias, path) => {
        const target = resolveAlias(alias, document);
        if (!target) {
          this.aliasError ??= { message: `alias '*${alias.source}' has no anchor '&${alias.source}' before it`, offset: alias.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        const circular = path.includes(target as never);
        const copy = circular ? undefined : (target.clone() as Node);
        copiedNodes += copy ? countNodes(copy) : 0;
        if (!copy || copiedNodes > maxCopiedNodes) {
          const message = circular
            ? `alias '*${alias.source}' refers to a node that contains it`
            : `aliases expand to more than ${maxCopiedNodes} nodes`;
          this.aliasError ??= { message, offset: alias.range?.[0] ?? 0 };
          return visit.BREAK;
        }
        return copy;
      },
    });
  }

  /** Converts a character offset in the file to a one-based line and column. */
  position(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  rangeOf(offsets: readonly [number, number]): SourceRange {
    return { start: this.position(offsets[0]), end: this.position(offsets[1]) };
  }

  /** Returns the YAML node of a value, following a path of keys and indexes. */
  nodeAt(path: readonly PathSegment[]): Node | undefined {
    let node: unknown = this.document.contents;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        node = pair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
    }

    return node as Node | undefined;
  }

  /** Returns the key node of the last path segment, when it is a mapping key. */
  keyNodeAt(path: readonly PathSegment[]): Node | undefined {
    const parent = this.nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent)) return undefined;

    const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(last));
    return pair?.key as Node | undefined;
  }

  /**
   * Returns the range of a key (when `part` is 'key' and the path ends in a
   * mapping key) or of a value, falling back to the closest enclosing node.
   */
  rangeAt(path: readonly PathSegment[], part: 'key' | 'value' = 'value'): SourceRange {
    for (let length = path.length; length >= 0; length--) {
      const prefix = path.slice(0, length);
      const node = part === 'key' && length === path.length ? this.keyNodeAt(prefix) : this.nodeAt(prefix);
      const range = node?.range ?? (length === path.length ? this.keyNodeAt(prefix)?.range : undefined);
      if (range) return this.rangeOf([range[0], range[1]]);
    }

    return { start: { line: 1, column: 1 } };
  }
}

/** Returns the anchored node of an alias, or undefined when no anchor of that name comes before it. */
function resolveAlias(alias: Alias, document: Document): Node | undefined {
  try {
    return alias.resolve(document) as Node | undefined;
  } catch {
    // yaml 2 throws a ReferenceError for an alias whose anchor is missing or comes later.
    return undefined;
  }
}
