import type { StateMachineDefinition, WorkflowMetadata } from '../compiler/types';

/** A workflow compiled without error diagnostics: the input of the CDK constructs. */
export interface CompiledWorkflow {
  /** Source file, such as `workflows/salary.yaml`. */
  file: string;
  asl: StateMachineDefinition;
  metadata: WorkflowMetadata;
}
