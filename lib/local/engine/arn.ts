/** ARNs as Step Functions writes them. */
export interface ArnContext {
  region: string;
  accountId: string;
}

export function stateMachineArn(context: ArnContext, name: string): string {
  return `arn:aws:states:${context.region}:${context.accountId}:stateMachine:${name}`;
}

export function executionArn(context: ArnContext, stateMachineName: string, name: string): string {
  return `arn:aws:states:${context.region}:${context.accountId}:execution:${stateMachineName}:${name}`;
}

/** Returns the state machine name of a state machine ARN, or undefined for another ARN. */
export function parseStateMachineArn(arn: string): string | undefined {
  const match = /^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:([^:]+)$/.exec(arn);
  return match?.[1];
}

/** Returns the state machine and execution names of an execution ARN. */
export function parseExecutionArn(
  arn: string,
): { stateMachineName: string; name: string } | undefined {
  const match = /^arn:aws[\w-]*:states:[\w-]+:\d{12}:execution:([^:]+):([^:]+)$/.exec(arn);
  return match ? { stateMachineName: match[1], name: match[2] } : undefined;
}
