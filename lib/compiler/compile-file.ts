import { DiagnosticBag, sortDiagnostics } from '../diagnostics/diagnostic';
import { expandAdHocActions, readAdHocActions } from '../dsl/ad-hoc-actions';
import { resolveAdHocChains } from '../dsl/ad-hoc-chains';
import { readFileSections, type FileLayout } from '../dsl/file-sections';
import { parseWorkflowDocument, readSourceDocument } from '../dsl/parse-workflow';
import { ValueReader } from '../dsl/read-values';
import { compileModel, compileWorkflow, type CompileOptions } from './compile-workflow';
import type { CompileResult, Diagnostic } from './types';

export interface FileCompileResult {
  /** Layout found in the file, undefined when the file is not a YAML mapping. */
  layout?: FileLayout;
  /** One result per workflow of the file, in file order. */
  workflows: CompileResult[];
  /** Every diagnostic of the file: those of the layout and those of each workflow. */
  diagnostics: Diagnostic[];
}

/**
 * Compiles every workflow of a file, whatever its layout: one Sirocco
 * workflow, a Mistral workflow file with one key per workflow, or a Mistral
 * workbook. Tasks that call an ad-hoc action of the file are expanded into
 * its base action first. Like compileWorkflow, it reports an unexpected
 * exception as SRC1999 instead of throwing.
 */
export function compileFile(source: string, options: CompileOptions): FileCompileResult {
  const bag = new DiagnosticBag(options.file);
  try {
    return compileSections(source, options, bag);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    bag.report('internalError', { start: { line: 1, column: 1 } }, reason.replace(/\.$/, ''));
    return { workflows: [], diagnostics: sortDiagnostics(bag.items) };
  }
}

function compileSections(text: string, options: CompileOptions, bag: DiagnosticBag): FileCompileResult {
  const document = readSourceDocument(text, bag);
  if (!document) return { workflows: [], diagnostics: sortDiagnostics(bag.items) };

  const { layout, workflows: sections, actions: actionPairs } = readFileSections(document, bag);
  if (layout === 'workflow') {
    const result = compileWorkflow(text, options);
    return { layout, workflows: [result], diagnostics: result.diagnostics };
  }

  const actions = resolveAdHocChains(readAdHocActions(actionPairs, new ValueReader(document, bag), document, bag), bag);
  const workflows = sections.map((section) => {
    const sectionBag = new DiagnosticBag(options.file);
    const workflow = parseWorkflowDocument(section.source, sectionBag);
    if (!workflow) return { diagnostics: sortDiagnostics(sectionBag.items) };
    return compileModel(expandAdHocActions(workflow, actions, sectionBag), options, sectionBag);
  });

  const diagnostics = [...bag.items, ...workflows.flatMap((result) => result.diagnostics)];
  return { layout, workflows, diagnostics: sortDiagnostics(diagnostics) };
}
