import type { Diagnostic, SourcePosition } from '../compiler/types';
import { catalog, type CatalogKey } from './catalog';

export interface SourceRange {
  start: SourcePosition;
  end?: SourcePosition;
}

/** Fills a catalog template's `{0}`, `{1}` … placeholders with the arguments. */
export function formatTemplate(template: string, args: readonly string[]): string {
  const text = template.replace(/\{(\d+)\}/g, (_, index: string) => args[Number(index)] ?? '');
  // An argument that ends in a question ("did you mean 'x'?") replaces the template's full stop.
  return text.replace(/\?\.$/, '?');
}

/** Creates a diagnostic from its catalog entry. */
export function createDiagnostic(
  key: CatalogKey,
  file: string,
  range: SourceRange,
  args: readonly string[] = [],
): Diagnostic {
  const entry = catalog[key];
  const diagnostic: Diagnostic = {
    code: entry.code,
    severity: entry.severity,
    file,
    start: range.start,
    message: formatTemplate(entry.template, args),
  };
  if (range.end) diagnostic.end = range.end;

  return diagnostic;
}

/** Collects the diagnostics of one compilation, all for the same file. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  constructor(readonly file: string) {}

  report(key: CatalogKey, range: SourceRange, ...args: string[]): void {
    this.items.push(createDiagnostic(key, this.file, range, args));
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Orders diagnostics by position, so that output reads top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.start.line - b.start.line || a.start.column - b.start.column,
  );
}
