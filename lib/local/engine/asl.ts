/** Amazon States Language shapes that the engine reads, in JSONata mode. */

export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}

export interface ChoiceRule {
  Condition: unknown;
  Next: string;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}

/** Any state: the fields of every type, all optional, checked by the validator. */
export interface State {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: string;
  Next?: string;
  End?: boolean;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Arguments?: unknown;
  Resource?: string;
  TimeoutSeconds?: number | string;
  HeartbeatSeconds?: number | string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: ChoiceRule[];
  Default?: string;
  Seconds?: number | string;
  Timestamp?: string;
  Error?: string;
  Cause?: string;
  Branches?: StateMachineDefinition[];
  Items?: unknown;
  ItemSelector?: unknown;
  ItemProcessor?: StateMachineDefinition & { ProcessorConfig?: { Mode?: string } };
  MaxConcurrency?: number | string;
}

export interface StateMachineDefinition {
  Comment?: string;
  QueryLanguage?: string;
  StartAt: string;
  States: Record<string, State>;
  TimeoutSeconds?: number;
  Version?: string;
}
