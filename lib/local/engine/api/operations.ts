import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './callback-operations';
import type { EngineInternals } from './engine-internals';
import {
  describeExecution,
  describeStateMachineForExecution,
  getExecutionHistory,
  listExecutions,
  redriveExecution,
  startExecution,
  stopExecution,
} from './execution-operations';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  updateStateMachine,
} from './state-machine-operations';

export type Operation = (engine: EngineInternals, request: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** The Step Functions API operations that the engine implements, by their AWS names. */
export const operations: Record<string, Operation> = {
  CreateStateMachine: createStateMachine,
  UpdateStateMachine: updateStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  DeleteStateMachine: deleteStateMachine,
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  StopExecution: stopExecution,
  RedriveExecution: redriveExecution,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
};
