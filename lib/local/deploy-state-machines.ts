import { StateMachineResource } from './assembly/stack-resources';
import { StepFunctionsApi, StepFunctionsApiError } from './engine/types';

/**
 * Creates each state machine in the engine, or updates its definition when a
 * previous run of the runtime already created it. Returns name → ARN.
 */
export async function deployStateMachines(
  api: StepFunctionsApi,
  machines: StateMachineResource[],
): Promise<Record<string, string>> {
  const arns: Record<string, string> = {};

  for (const machine of machines) {
    const request = { name: machine.name, definition: machine.definition, roleArn: machine.roleArn, type: machine.type };
    try {
      const created = await api.call('CreateStateMachine', request);
      arns[machine.name] = String(created.stateMachineArn);
    } catch (error) {
      if (!(error instanceof StepFunctionsApiError) || error.errorName !== 'StateMachineAlreadyExists') {
        throw error;
      }
      await api.call('UpdateStateMachine', { stateMachineArn: machine.arn, definition: machine.definition, roleArn: machine.roleArn });
      arns[machine.name] = machine.arn;
    }
  }
  return arns;
}
