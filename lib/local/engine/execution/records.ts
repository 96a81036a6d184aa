/** Persisted shapes of an execution and its frames, written to each checkpoint. */

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type FrameStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** Waiting in a Wait state, or before the next attempt of a retried state. */
export interface WaitPhase {
  kind: 'wait' | 'retry';
  until: number;
}

/** A Task state in progress. */
export interface TaskPhase {
  kind: 'task';
  startedAt: number;
  /** Whether TaskScheduled and TaskStarted are recorded. */
  scheduled: boolean;
  token?: string;
  /** Whether the callback task's invocation has returned, so only the callback is awaited. */
  submitted?: boolean;
  lastHeartbeatAt?: number;
  callback?: { output?: unknown; error?: string; cause?: string };
  childExecutionArn?: string;
}

/** A Parallel or Map state whose branches or iterations run as child frames. */
export interface ChildrenPhase {
  kind: 'children';
  childIds: string[];
}

export type Phase = WaitPhase | TaskPhase | ChildrenPhase;

/**
 * One thread of control: the execution itself, a Parallel branch or a Map
 * iteration. Frames form a tree through `parentId`.
 */
export interface FrameRecord {
  id: string;
  parentId?: string;
  /** Path from the definition root to this frame's `States`: state names, then `branch`/`map` and an index. */
  location: (string | number)[];
  /** Branch or iteration index in the parent state. */
  index?: number;
  status: FrameStatus;
  stateName: string;
  stateInput: unknown;
  variables: Record<string, unknown>;
  entered: boolean;
  enteredAt: number;
  retryCount: number;
  retrierAttempts: number[];
  phase?: Phase;
  output?: unknown;
  error?: { error: string; cause: string };
  lastEventId: number;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  redriveCount: number;
  redriveDate?: number;
  /** Definition as it was at StartExecution; running executions keep it across updates. */
  definition: string;
  roleArn: string;
  timeoutAt?: number;
  frames: Record<string, FrameRecord>;
  nextFrameId: number;
  /** Number of history events that this checkpoint covers. */
  eventCount: number;
}

export const rootFrameId = 'root';
