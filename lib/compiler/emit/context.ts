import type { DiagnosticBag } from '../../diagnostics/diagnostic';
import type { Task, Workflow } from '../../dsl/model';
import type { Definitions } from '../graph/definitions';
import type { Region, WorkflowGraph } from '../graph/regions';

/** Step Functions error name of the Fail state that a `fail` command compiles to. */
export const failError = 'Sirocco.Fail';

export const approvalAction = 'std.approval';

/** Inputs of the emit functions. Only `stateNames` and `bag` change while emitting. */
export interface EmitContext {
  workflow: Workflow;
  file: string;
  graph: WorkflowGraph;
  definitions: Definitions;
  /** Placed tasks by state name, so that a copy `<task>.<n>` finds its own task. */
  byName: Map<string, Task>;
  bag: DiagnosticBag;
  /** State names emitted so far, in every region. */
  stateNames: Set<string>;
}

/** The ASL `States` map of one region, filled in region order. */
export type States = Record<string, Record<string, unknown>>;

/** A region being emitted: its `States` map and its branch-local variable names. */
export interface RegionScope {
  region: Region;
  states: States;
  renames: ReadonlyMap<string, string>;
}

export function comment(context: EmitContext, line: number): string {
  return `${context.file}:${line}`;
}

/** Placeholder key of an action's function ARN in `definitionSubstitutions`. */
export function actionSubstitutionKey(action: string): string {
  return `Action_${action.replace(/[.-]/g, '_')}`;
}

export const approvalSubstitutionKey = 'ApprovalRequestFunction';
