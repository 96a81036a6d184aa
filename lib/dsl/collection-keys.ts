import { isCollection, isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
import type { SourceDocument } from './source-document';

/**
 * Reports each mapping key that is itself a mapping or a list, which JSON
 * and so a workflow cannot represent. It is almost always an unquoted Jinja
 * value: YAML reads `month: {{ _.month }}` as a flow mapping whose key is the
 * mapping `{ _.month }`. Returns whether any was found.
 */
export function reportCollectionKeys(source: SourceDocument, bag: DiagnosticBag): boolean {
  let found = false;

  visit(source.document, {
    Pair: (_, pair, path) => {
      if (!isCollection(pair.key)) return undefined;
      found = true;

      const map = path[path.length - 1];
      const parent = path[path.length - 2];
      // A flow mapping such as `{{ _.month }}` is the value to quote, but a block mapping has only its key to point at.
      const node = (isMap(map) && map.flow ? map : pair.key) as Node;
      const range = node.range ?? [0, 0];
      const text = source.text.slice(range[0], range[1]).trim();
      const quoted = quoteYaml(text);
      const example = node === map && isPair(parent) && isScalar(parent.key) ? `${String(parent.key.value)}: ${quoted}` : quoted;

      bag.report('collectionKey', source.rangeOf([range[0], range[1]]), text, isSeq(pair.key) ? 'list' : 'mapping', example);
      return visit.SKIP;
    },
  });

  return found;
}

/**
 * Quotes text as a YAML double-quoted scalar, or single-quoted when it contains
 * a double quote or a backslash, which a double-quoted scalar reads as an escape.
 */
export function quoteYaml(text: string): string {
  return /["\\]/.test(text) ? `'${text.replace(/'/g, "''")}'` : `"${text}"`;
}
