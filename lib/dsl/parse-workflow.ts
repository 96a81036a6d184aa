import { isMap } from 'yaml';
import type { DiagnosticBag } from '../diagnostics/diagnostic';
import type { Workflow } from './model';
import { reportCollectionKeys } from './collection-keys';
import { readWorkflow } from './read-workflow';
import { planReverseWorkflow } from './reverse-workflow';
import { SourceDocument } from './source-document';
import { findUnquotedExpression } from './unquoted-expressions';
import { validateSchema } from './validate-schema';

/**
 * Parses workflow YAML, validates it against the JSON Schema and builds
 * the model. Returns undefined when the file cannot be read as a workflow, with
 * the reasons in `bag`.
 */
export function parseWorkflow(text: string, bag: DiagnosticBag): Workflow | undefined {
  const source = readSourceDocument(text, bag);
  return source ? parseWorkflowDocument(source, bag) : undefined;
}

/** Parses YAML text into a document with a mapping at its root, or reports why it cannot. */
export function readSourceDocument(text: string, bag: DiagnosticBag): SourceDocument | undefined {
  const source = new SourceDocument(text);

  // After a syntax error the parser recovers by guessing where collections end, so its duplicate keys may be artifacts of that guess.
  const errors = source.document.errors;
  const syntaxErrors = errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  const hintedLines = new Set<number>();
  for (const error of syntaxErrors.length > 0 ? syntaxErrors : errors) {
    const range = source.rangeOf(error.pos);
    if (hintedLines.has(range.start.line)) continue;
    if (error.code === 'DUPLICATE_KEY') {
      bag.report('duplicateKey', range, text.slice(error.pos[0], error.pos[1]));
      continue;
    }
    // One hint to quote the value replaces every YAML error of its line.
    if (reportUnquotedExpression(source, range.start.line, bag)) {
      hintedLines.add(range.start.line);
      continue;
    }
    bag.report('yamlSyntax', range, error.message.split('\n')[0].replace(/\.$/, ''));
  }
  if (errors.length > 0) return undefined;
  if (source.aliasError) {
    const { message, offset } = source.aliasError;
    bag.report('yamlSyntax', source.rangeOf([offset, offset + 1]), message);
    return undefined;
  }

  if (reportCollectionKeys(source, bag)) return undefined;

  if (!isMap(source.document.contents)) {
    bag.report('notAMapping', { start: { line: 1, column: 1 } });
    return undefined;
  }

  return source;
}

/**
 * Reports SRC1011 in place of the YAML errors of a line whose unquoted
 * expression contains `: `, and returns whether it did.
 */
function reportUnquotedExpression(source: SourceDocument, line: number, bag: DiagnosticBag): boolean {
  const lineText = source.text.split(/\r?\n/)[line - 1] ?? '';
  const value = findUnquotedExpression(lineText);
  if (!value) return false;

  const range = { start: { line, column: value.start + 1 }, end: { line, column: value.end + 1 } };
  bag.report('unquotedExpression', range, value.text, value.example);
  return true;
}

/** Validates a document against the JSON Schema and builds the workflow model. */
export function parseWorkflowDocument(source: SourceDocument, bag: DiagnosticBag): Workflow | undefined {
  const value: unknown = source.document.toJS();
  if (!validateSchema(value, source, bag)) return undefined;

  const workflow = readWorkflow(source, bag);
  return planReverseWorkflow(workflow, source, bag);
}
