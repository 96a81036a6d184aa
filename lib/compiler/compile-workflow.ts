import { DiagnosticBag, sortDiagnostics } from '../diagnostics/diagnostic';
import { parseWorkflow } from '../dsl/parse-workflow';
import type { Workflow } from '../dsl/model';
import { checkActions } from './check-actions';
import { checkStdTasks } from './std/check-std-tasks';
import { checkStateNames } from './check-state-names';
import { emitStateMachine } from './emit/emit-state-machine';
import { applyOutputOnError } from './emit/output-on-error';
import { analyseGraph } from './graph/analyse-graph';
import { checkCollisions } from './graph/check-collisions';
import { checkVariables } from './graph/check-variables';
import { checkStructure } from './graph/check-structure';
import { computeDefinitions } from './graph/definitions';
import { buildMetadata } from './metadata';
import { resolveTaskResults } from './resolve-task-results';
import type { CompileResult } from './types';

export interface CompileOptions {
  /** Path of the source file, used in diagnostics and state Comments. */
  file: string;
  /**
   * Known actions as `<system>.<name>`, one per lambdas/actions/<system>/<name>.ts.
   * `std.approval` is always known. When omitted, actions are not checked.
   */
  actions?: readonly string[];
  /** Folder of the action Lambdas that the hint of an unknown action names, and whether it exists. @default lambdas/actions, existing */
  actionsFolder?: { path: string; exists: boolean };
}

/**
 * Compiles workflow YAML to Step Functions ASL (JSONata mode) without any
 * I/O. Problems come back as diagnostics, an unexpected exception as
 * SRC1999, and the ASL is left out when any diagnostic is an error.
 */
export function compileWorkflow(source: string, options: CompileOptions): CompileResult {
  const bag = new DiagnosticBag(options.file);
  try {
    return compile(source, options, bag);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    bag.report('internalError', { start: { line: 1, column: 1 } }, reason.replace(/\.$/, ''));
    return { diagnostics: sortDiagnostics(bag.items) };
  }
}

function compile(source: string, options: CompileOptions, bag: DiagnosticBag): CompileResult {
  const workflow = parseWorkflow(source, bag);
  if (!workflow) return { diagnostics: sortDiagnostics(bag.items) };

  return compileModel(workflow, options, bag);
}

/** Checks and emits a parsed workflow, reporting to `bag`. */
export function compileModel(workflow: Workflow, options: CompileOptions, bag: DiagnosticBag): CompileResult {
  if (options.actions) checkActions(workflow, options.actions, bag, options.actionsFolder);
  workflow = checkStdTasks(workflow, bag);
  workflow = resolveTaskResults(workflow, bag);

  const graph = analyseGraph(workflow.tasks, bag);
  const definitions = computeDefinitions(workflow, graph);
  checkVariables(workflow, graph, definitions, bag);
  checkCollisions(workflow, graph, definitions, bag);
  checkStructure(workflow, graph, bag);
  if (bag.hasErrors()) return { diagnostics: sortDiagnostics(bag.items) };

  const asl = emitStateMachine({ workflow, file: options.file, graph, definitions, byName: graph.tasks, bag, stateNames: new Set(['input']) });
  checkStateNames(workflow, asl, bag);
  applyOutputOnError(workflow, asl, bag);
  if (bag.hasErrors()) return { diagnostics: sortDiagnostics(bag.items) };

  return { asl, diagnostics: sortDiagnostics(bag.items), metadata: buildMetadata(workflow, asl) };
}
