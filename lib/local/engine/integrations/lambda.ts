import { randomUUID } from 'node:crypto';

import { StatesError } from '../errors';
import type { LambdaInvokeResult } from '../types';
import { argumentsObject, requiredString } from './arguments';
import type { Integration, IntegrationCall } from './integration';
import { callService } from './service-errors';

/**
 * Turns a function error into the Task error as Step Functions reports it:
 * Error is the payload's `errorType` and Cause is the payload's JSON.
 */
function throwIfFunctionError(result: LambdaInvokeResult): void {
  if (result.functionError === undefined) {
    return;
  }
  const payload = (result.payload ?? {}) as { errorType?: unknown };
  const errorType = typeof payload.errorType === 'string' ? payload.errorType : 'Lambda.Unknown';
  throw new StatesError(errorType, JSON.stringify(result.payload ?? null));
}

async function invokeFunction(call: IntegrationCall, functionName: string, payload: unknown): Promise<LambdaInvokeResult> {
  const services = call.run.host.services;
  const result = await callService(() => services.invokeLambda(functionName, payload, call.signal));
  throwIfFunctionError(result);
  return result;
}

/** `arn:aws:states:::lambda:invoke`, optionally `.waitForTaskToken`. */
export function lambdaInvokeIntegration(waitForTaskToken: boolean): Integration {
  return {
    resourceType: 'lambda',
    resource: waitForTaskToken ? 'invoke.waitForTaskToken' : 'invoke',
    waitForTaskToken,
    lambdaFunctionEvents: false,
    async invoke(call) {
      const args = argumentsObject(call.stateName, call.arguments);
      const functionName = requiredString(call.stateName, args, 'FunctionName');
      const result = await invokeFunction(call, functionName, args.Payload ?? {});
      return {
        ExecutedVersion: result.executedVersion ?? '$LATEST',
        Payload: result.payload,
        SdkHttpMetadata: { HttpStatusCode: result.statusCode },
        SdkResponseMetadata: { RequestId: randomUUID() },
        StatusCode: result.statusCode,
      };
    },
  };
}

/** A Lambda function ARN as the Resource: the Arguments are the payload and the result is the function's return value. */
export function lambdaFunctionIntegration(functionArn: string): Integration {
  return {
    resourceType: 'lambda',
    resource: functionArn,
    waitForTaskToken: false,
    lambdaFunctionEvents: true,
    async invoke(call) {
      const result = await invokeFunction(call, functionArn, call.arguments);
      return result.payload;
    },
  };
}
