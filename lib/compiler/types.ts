/**
 * Result types of the compiler: a pure function from workflow YAML text to
 * ASL, diagnostics and metadata. Nothing here depends on the CDK.
 */

export type Severity = 'error' | 'warning' | 'info';

/** One-based line and column in the source file. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface Diagnostic {
  /** Stable catalog code, such as `SRC1004`. */
  code: string;
  severity: Severity;
  /** Path of the source file as given to the compiler. */
  file: string;
  /** Start of the offending text. */
  start: SourcePosition;
  /** End of the offending text, when known. */
  end?: SourcePosition;
  /** One sentence that names the value and the fix. */
  message: string;
}

/**
 * A `${key}` placeholder in the ASL, filled in through the state machine's
 * `definitionSubstitutions` by the CDK layer.
 */
export type Substitution =
  | { key: string; kind: 'action'; action: string }
  | { key: string; kind: 'approval' }
  | { key: string; kind: 'workflow'; workflow: string }
  /** A function of lambdas/std shared by every task of a standard action, such as `std.http`. */
  | { key: string; kind: 'std'; action: string };

export interface TaskInfo {
  /** Task name, equal to its Step Functions state name. */
  name: string;
  /** Action such as `accounting.salary_base`, or an engine command such as `fail`. */
  action?: string;
  position: SourcePosition;
}

export interface WorkflowMetadata {
  /** Workflow name, also the state machine name. */
  name: string;
  description?: string;
  /**
   * Declared input names, with their defaults when given, and the values
   * that an input allows besides its default when it allows only some, such
   * as the task names of a reverse workflow's `task_name`.
   */
  input: { name: string; default?: unknown; allowed?: string[] }[];
  tasks: TaskInfo[];
  /** Distinct actions used by the workflow's tasks, sorted. */
  actions: string[];
  substitutions: Substitution[];
  /** Billed state transitions of one execution, without retries. */
  transitions: { shortest: number; longest: number };
  /**
   * Task of each state that runs a copy of a task, by state name, such as
   * `{"label.2": "label"}`. A task reached without a join from several fork
   * branches gets one copy per extra branch, so that it runs once per
   * arrival. Absent when no task is copied.
   */
  stateTasks?: Record<string, string>;
  /** Scheduled starts, one EventBridge Scheduler schedule each; absent when the workflow has none. */
  triggers?: TriggerInfo[];
}

export interface TriggerInfo {
  name: string;
  /** EventBridge Scheduler expression: cron(), rate() or at(). */
  expression: string;
  /** IANA timezone of the expression, such as 'UTC' or 'Europe/Paris'. */
  timezone: string;
  /** Execution input of every scheduled start. */
  input: Record<string, unknown>;
}

/** ASL as a plain JSON object with `QueryLanguage: JSONata`. */
export type StateMachineDefinition = Record<string, unknown> & {
  QueryLanguage: 'JSONata';
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
};

export interface CompileResult {
  /** Undefined when an error diagnostic prevents emitting ASL. */
  asl?: StateMachineDefinition;
  diagnostics: Diagnostic[];
  metadata?: WorkflowMetadata;
}
