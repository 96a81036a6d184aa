import type { SourcePosition } from '../compiler/types';
import type { SourceRange } from '../diagnostics/diagnostic';
import type { ExpressionNode } from './expression';

/** One `<% %>` expression, parsed by jsonata 2.0.6. */
export interface Expression {
  /** Expression text between the delimiters, trimmed. */
  text: string;
  ast: ExpressionNode;
  range: SourceRange;
  /** Returns the file position of an offset in `text`, across line breaks and YAML folding. */
  locate(offset: number): SourcePosition;
  /**
   * Task names as written in `task(name).result`, by the variable that each
   * read became. Two names can share a variable, such as `a-b` and `a_b`.
   */
  taskNames?: Record<string, string[]>;
}

/**
 * A YAML value that may contain expressions: a literal, exactly one
 * expression, a string mixing text and expressions, or a collection.
 */
export type ValueTree =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'expression'; expression: Expression }
  | { kind: 'template'; parts: (string | Expression)[] }
  | { kind: 'object'; entries: [string, ValueTree][] }
  | { kind: 'array'; items: ValueTree[] };

export interface NamedValue {
  name: string;
  value: ValueTree;
  range: SourceRange;
}

/** A transition target: a task name or an engine command. */
export type Target =
  | { kind: 'task'; name: string; range: SourceRange }
  | { kind: 'fail'; message?: ValueTree; range: SourceRange }
  /** `pause` first pauses the execution until it is resumed, then ends the path as `succeed` does. */
  | { kind: 'succeed'; range: SourceRange; pause?: boolean }
  /** `noop` ends only the path it is on: the workflow at top level, or the fork branch that it is in. */
  | { kind: 'noop'; range: SourceRange };

export interface TransitionItem {
  target: Target;
  /** Absent for an unconditional target, and `true` for a literal `true` guard. */
  guard?: Expression | true;
}

export type TransitionKind = 'on-success' | 'on-error' | 'on-complete';

export interface Transition {
  kind: TransitionKind;
  items: TransitionItem[];
  range: SourceRange;
}

export interface Task {
  name: string;
  range: SourceRange;
  /** Action name, empty for a `workflow:` task. */
  action: string;
  actionRange: SourceRange;
  /** State machine name of the sub-workflow that a `workflow:` task starts. */
  workflow?: string;
  input?: ValueTree;
  publish: NamedValue[];
  publishOnError: NamedValue[];
  transitions: Partial<Record<TransitionKind, Transition>>;
  /** Set for every `join` form, so that the graph analysis finds the fork it closes. */
  join?: 'all';
  /** The `join` value as written, with the ranges of the value and of the `join` key, kept to report the forms that are not supported. */
  joinSpec?: { value: string; range: SourceRange; keyRange: SourceRange };
  timeout?: number;
  retry?: Retry;
  withItems?: WithItems;
  /** Seconds to wait before the action starts (`wait-before`). */
  waitBefore?: number;
  /** Seconds to wait after the action ends, before the transitions (`wait-after`). */
  waitAfter?: number;
  /** Set by `pause-before: true`: the execution waits until it is resumed. */
  pauseBefore?: boolean;
  /**
   * The `output` of the ad-hoc action that the task calls, which turns the
   * base action's result into the task's result, one per ad-hoc action of
   * its chain of bases that has one, applied in order.
   */
  actionOutputs?: ValueTree[];
  /**
   * Set on the `std.noop` tasks that the reverse planner adds to fork, join
   * and gate the levels. `gates` names the task that a gate runs or skips,
   * and `closure` lists that task and the tasks it requires, which have all
   * run whenever it runs.
   */
  planned?: { gates?: string; closure?: string[] };
}

/** Mistral `with-items`: one action per item, or per tuple of several lists zipped together. */
export interface WithItems {
  /** Each `name in <% list %>`; the name is a variable inside the iteration. */
  lists: { name: string; list: Expression }[];
  /** Maximum number of items run at once; unlimited when absent. */
  concurrency?: number;
  range: SourceRange;
}

/** Mistral `retry`: `count` more attempts after a failure, `delay` seconds apart. */
export interface Retry {
  count: number;
  delay: number;
  /** Multiplier of the delay after each attempt (extension); 1 when absent. */
  backoff?: number;
  /** Upper bound of the delay in seconds, with `backoff` (extension). */
  maxDelay?: number;
  /** Stop retrying when this holds for the error (`$error`). */
  breakOn?: Expression;
  /** Run the action again while this holds for its result (`$result`), for polling. */
  continueOn?: Expression;
}

export interface WorkflowInput {
  name: string;
  default?: unknown;
  /** The values that the input allows besides its default, when it allows only some. */
  allowed?: string[];
  range: SourceRange;
}

/** A top-level trigger, deployed as one EventBridge Scheduler schedule. */
export interface Trigger {
  name: string;
  /** EventBridge Scheduler expression: cron(), rate() or at(). */
  expression: string;
  /** IANA timezone in which the expression is evaluated; 'UTC' when not given. */
  timezone: string;
  /** Execution input, with literal values only. */
  input: Record<string, unknown>;
  range: SourceRange;
}

export interface Workflow {
  name: string;
  description?: string;
  input: WorkflowInput[];
  /** Line of the `input` key, or of `vars` when there is no input. */
  inputPosition?: SourcePosition;
  vars: NamedValue[];
  output?: ValueTree;
  /** Mistral `output-on-error`, added to the Cause of each Fail state of a `fail` command. */
  outputOnError?: ValueTree;
  outputOnErrorRange?: SourceRange;
  tasks: Task[];
  /** Scheduled starts from `triggers`; absent when the workflow has none. */
  triggers?: Trigger[];
  /** The reverse workflow's `target`, with the tasks of the file that it does not require and that are not compiled. */
  leftOut?: { target: string; tasks: string[] };
}
