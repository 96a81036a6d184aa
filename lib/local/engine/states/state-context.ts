import type { State } from '../asl';
import type { EvaluationScope } from '../expressions/evaluate';
import { evaluateField } from '../expressions/evaluate';
import { contextObject } from '../execution/context-object';
import type { ExecutionRun } from '../execution/execution-run';
import type { FrameRecord } from '../execution/records';

export interface ScopeExtras {
  result?: unknown;
  errorOutput?: unknown;
  taskToken?: string;
  mapItem?: { index: number; value: unknown };
}

/** Everything a state handler needs to run one state of one frame. */
export class StateContext {
  constructor(
    readonly run: ExecutionRun,
    readonly frame: FrameRecord,
    readonly state: State,
    readonly signal: AbortSignal,
  ) {}

  get input(): unknown {
    return this.frame.stateInput;
  }

  /** Builds the JSONata scope with the variables as they were at state entry. */
  scope(extras: ScopeExtras = {}): EvaluationScope {
    const states: EvaluationScope['states'] = {
      input: this.frame.stateInput,
      context: contextObject(this.run.record, this.frame, extras),
    };
    if ('result' in extras) {
      states.result = extras.result;
    }
    if ('errorOutput' in extras) {
      states.errorOutput = extras.errorOutput;
    }
    return { states, variables: this.run.visibleVariables(this.frame) };
  }

  evaluate(value: unknown, field: string, extras: ScopeExtras = {}): Promise<unknown> {
    return evaluateField(value, this.scope(extras), field);
  }
}

/** Outcome of a state: its output, the next state (none at the end) and its new variables. */
export interface StateOutcome {
  output: unknown;
  next?: string;
  assigned: Record<string, unknown>;
}

export type StateHandler = (context: StateContext) => Promise<StateOutcome>;
