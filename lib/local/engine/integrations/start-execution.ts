import { StatesError, StatesErrorName } from '../errors';
import type { AbortReason } from '../execution/execution-run';
import { argumentsObject, requiredString } from './arguments';
import type { Integration } from './integration';

export type StartExecutionMode = 'async' | 'sync' | 'sync:2';

function parseJson(text: unknown): unknown {
  return typeof text === 'string' ? JSON.parse(text) : text;
}

/**
 * `arn:aws:states:::states:startExecution` with `.sync` or `.sync:2`: starts a
 * child execution on this engine. `.sync:2` returns Input and Output as JSON,
 * `.sync` as strings. The child's ARN is checkpointed, so a restarted engine
 * waits for the same child instead of starting another.
 */
export function startExecutionIntegration(mode: StartExecutionMode): Integration {
  return {
    resourceType: 'states',
    resource: mode === 'async' ? 'startExecution' : `startExecution.${mode}`,
    waitForTaskToken: false,
    lambdaFunctionEvents: false,
    async invoke(call) {
      const args = argumentsObject(call.stateName, call.arguments);
      requiredString(call.stateName, args, 'StateMachineArn');
      const host = call.run.host;

      if (call.phase.childExecutionArn === undefined) {
        const request: Record<string, unknown> = {
          stateMachineArn: args.StateMachineArn,
          input: typeof args.Input === 'string' ? args.Input : JSON.stringify(args.Input ?? {}),
        };
        if (args.Name !== undefined) {
          request.name = args.Name;
        }
        call.phase.childExecutionArn = await host.startChildExecution(request);
        await call.run.checkpoint(true);
      }
      const executionArn = call.phase.childExecutionArn;

      if (mode === 'async') {
        return { ExecutionArn: executionArn, StartDate: new Date(call.run.clock.now()).toISOString() };
      }

      let description: Record<string, unknown>;
      try {
        description = await host.waitForExecutionEnd(executionArn, call.signal);
      } catch (error) {
        // A stop, timeout or failed sibling cancels the task and so its child, but an engine shutdown does not.
        if ((call.signal.reason as AbortReason | undefined)?.kind !== 'close') {
          await host.stopExecution(executionArn, 'States.Aborted', `The parent task '${call.stateName}' was cancelled.`).catch(() => undefined);
        }
        throw error;
      }
      if (description.status !== 'SUCCEEDED') {
        throw new StatesError(StatesErrorName.TaskFailed, JSON.stringify(description));
      }
      const json = mode === 'sync:2';
      return {
        ExecutionArn: executionArn,
        Input: json ? parseJson(description.input) : description.input,
        InputDetails: { Included: true },
        Name: description.name,
        Output: json ? parseJson(description.output) : description.output,
        OutputDetails: { Included: true },
        StartDate: description.startDate,
        StateMachineArn: description.stateMachineArn,
        Status: description.status,
        StopDate: description.stopDate,
      };
    },
  };
}
