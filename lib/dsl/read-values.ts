import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
import { nextOpening, parseExpression, splitTemplate } from './expression';
import { translateMistralForms } from './mistral-forms';
import { rewriteOperators, type ExpressionDelimiter } from './operator-rewrite';
import { lambdaHint } from './yaql-functions';
import type { Expression, ValueTree } from './model';
import type { SourceDocument } from './source-document';

/**
 * Builds value trees from YAML nodes, parsing every `<% %>` expression and
 * reporting syntax errors at their line and column in the file.
 */
export class ValueReader {
  constructor(
    private readonly source: SourceDocument,
    private readonly bag: DiagnosticBag,
  ) {}

  read(node: Node | null | undefined): ValueTree {
    if (isAlias(node)) return this.read(node.resolve(this.source.document) as Node | undefined);
    if (isMap(node)) {
      const entries: [string, ValueTree][] = node.items.map((pair) => [
        String(isScalar(pair.key) ? pair.key.value : pair.key),
        this.read(pair.value as Node | null),
      ]);
      return { kind: 'object', entries };
    }
    if (isSeq(node)) {
      return { kind: 'array', items: node.items.map((item) => this.read(item as Node | null)) };
    }
    if (isScalar(node) && typeof node.value === 'string') {
      return this.readString(node.value, node);
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'number' || typeof value === 'boolean' || value === null) return { kind: 'literal', value };
      return { kind: 'literal', value: String(value) };
    }

    return { kind: 'literal', value: null };
  }

  /**
   * Reads a string that may contain expressions. `node` locates the string
   * in the file. Each expression's offset comes from the matching `<%` or `{{` in the
   * node's source text, so that quoted and plain scalars both map exactly.
   */
  readString(value: string, node: Node | undefined, offsetInNode = 0): ValueTree {
    const { parts, unclosedAt } = splitTemplate(value);
    const nodeStart = (node?.range?.[0] ?? 0) + offsetInNode;
    const raw = node?.range ? this.source.text.slice(nodeStart, node.range[1]) : value;

    if (unclosedAt !== undefined) {
      const rawIndex = nthOpening(raw, parts.filter((p) => 'expression' in p).length);
      this.bag.report('unclosedExpression', this.source.rangeOf([nodeStart + Math.max(rawIndex, 0), nodeStart + Math.max(rawIndex, 0) + 2]));
      return { kind: 'literal', value };
    }

    const pieces: (string | Expression)[] = [];
    let expressionIndex = 0;
    for (const part of parts) {
      if ('text' in part) {
        pieces.push(part.text);
        continue;
      }
      const rawIndex = nthOpening(raw, expressionIndex++);
      const leading = part.expression.length - part.expression.trimStart().length;
      const start = nodeStart + (rawIndex >= 0 ? rawIndex + 2 : 0) + leading;
      const expression = this.parse(part.expression.trim(), start, part.delimiter);
      if (expression) pieces.push(expression);
    }

    if (pieces.length === 1 && typeof pieces[0] !== 'string') return { kind: 'expression', expression: pieces[0] };
    if (pieces.every((piece) => typeof piece === 'string')) return { kind: 'literal', value };

    return { kind: 'template', parts: pieces };
  }

  /** Reports a transition guard that is not exactly one expression or `true`. */
  reportInvalidGuard(node: Node): void {
    const range = this.source.rangeOf([node.range?.[0] ?? 0, node.range?.[1] ?? 0]);
    this.bag.report('invalidValue', range, 'guard', "a guard must be exactly one '<% %>' expression or true");
  }

  /**
   * Parses one expression whose text starts at `offset` in the file, after
   * rewriting the YAQL or Jinja operators that JSONata spells differently.
   */
  parse(written: string, offset: number, delimiter: ExpressionDelimiter = 'yaql'): Expression | undefined {
    const range = this.source.rangeOf([offset, offset + written.length]);
    if (written === '') {
      this.bag.report('expressionSyntax', range, "the expression between '<%' and '%>' is empty");
      return undefined;
    }

    const fileOffsets = alignOffsets(written, this.source.text, offset);
    const locate = (index: number) => this.source.position(fileOffsets[Math.max(0, Math.min(index, written.length))]);

    const rewrite = rewriteOperators(written, delimiter);
    if ('lambdaAt' in rewrite) {
      const at = locate(rewrite.lambdaAt);
      this.bag.report('untranslatedForm', { start: at, end: { line: at.line, column: at.column + 2 } }, '=>', lambdaHint);
      return undefined;
    }
    // NOTE: after a rewrite of `not x`, positions inside the expression are relative to the rewritten text.
    const text = rewrite.text;

    const parsed = parseExpression(text);
    if ('error' in parsed) {
      const at = locate(parsed.error.offset);
      this.bag.report('expressionSyntax', { start: at, end: { line: at.line, column: at.column + 1 } }, `${parsed.error.message} in '${text.replace(/\s+/g, ' ')}'`);
      return undefined;
    }

    return this.translate({ text, ast: parsed.ast, range, locate }, offset);
  }

  /** Rewrites Mistral forms such as `$.name` to JSONata and reports the calls that have no JSONata form. */
  private translate(expression: Expression, offset: number): Expression | undefined {
    const translated = translateMistralForms(expression.text, expression.ast);
    for (const form of translated.unsupported) {
      const end = offset + form.position;
      const range = this.source.rangeOf([end - form.text.length + 2, end]);
      if (form.hint) this.bag.report('untranslatedForm', range, form.text, form.hint);
      else this.bag.report('mistralFunction', range, form.text);
    }
    if (translated.unsupported.length > 0) return undefined;
    if (translated.text === expression.text) return expression;

    // NOTE: positions reported later inside a translated expression are relative to the translated text.
    const reparsed = parseExpression(translated.text);
    if (!('ast' in reparsed)) return expression;
    const taskNames = Object.keys(translated.taskNames).length > 0 ? { taskNames: translated.taskNames } : {};

    return { ...expression, text: translated.text, ast: reparsed.ast, ...taskNames };
  }
}

/** Returns the index of the n-th (from 0) opening delimiter, `<%` or `{{`, or -1. */
function nthOpening(text: string, n: number): number {
  let index = -2;
  for (let i = 0; i <= n; i++) {
    index = nextOpening(text, index + 2);
    if (index < 0) return -1;
  }

  return index;
}

/**
 * Maps each offset in an expression's text (and the offset just past it) to
 * an offset in the file, starting at `start`. The text differs from the
 * source where YAML folded a line break, removed indentation or resolved a
 * backslash escape, so whitespace runs and escapes are skipped in the source.
 */
function alignOffsets(text: string, source: string, start: number): number[] {
  const offsets: number[] = [];
  let cursor = start;

  for (const character of text) {
    if (/\s/.test(character)) {
      offsets.push(cursor);
      cursor = skipWhitespace(source, cursor, /[\r\n]/.test(source[cursor] ?? '') ? Infinity : 1);
      continue;
    }
    cursor = skipWhitespace(source, cursor, Infinity);
    if (source[cursor] === '\\' && character !== '\\') cursor++;
    offsets.push(cursor);
    if (source[cursor] === character) cursor++;
  }
  offsets.push(cursor);

  return offsets;
}

function skipWhitespace(source: string, cursor: number, limit: number): number {
  let next = cursor;
  while (next < source.length && next - cursor < limit && /\s/.test(source[next])) next++;
  return next;
}
