import { dynamoDbIntegration, dynamoDbOperations } from './dynamodb';
import type { Integration } from './integration';
import { lambdaFunctionIntegration, lambdaInvokeIntegration } from './lambda';
import { sesSendEmailIntegration } from './ses';
import { snsPublishIntegration } from './sns';
import { startExecutionIntegration } from './start-execution';

const fixedResources: Record<string, () => Integration> = {
  'arn:aws:states:::lambda:invoke': () => lambdaInvokeIntegration(false),
  'arn:aws:states:::lambda:invoke.waitForTaskToken': () => lambdaInvokeIntegration(true),
  'arn:aws:states:::sns:publish': () => snsPublishIntegration(false),
  'arn:aws:states:::sns:publish.waitForTaskToken': () => snsPublishIntegration(true),
  'arn:aws:states:::aws-sdk:sesv2:sendEmail': () => sesSendEmailIntegration(),
  'arn:aws:states:::states:startExecution': () => startExecutionIntegration('async'),
  'arn:aws:states:::states:startExecution.sync': () => startExecutionIntegration('sync'),
  'arn:aws:states:::states:startExecution.sync:2': () => startExecutionIntegration('sync:2'),
};

for (const operation of Object.keys(dynamoDbOperations) as (keyof typeof dynamoDbOperations)[]) {
  fixedResources[`arn:aws:states:::dynamodb:${operation}`] = () => dynamoDbIntegration(operation);
}

const lambdaFunctionArn = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;

/** Resource ARNs that the engine runs, for error messages. */
export const supportedResources = [...Object.keys(fixedResources), 'arn:aws:lambda:<region>:<account>:function:<name>'];

/** Returns the integration of a Task `Resource`, or undefined when the engine does not run it. */
export function resolveIntegration(resource: string): Integration | undefined {
  const create = fixedResources[resource];
  if (create !== undefined) {
    return create();
  }
  if (lambdaFunctionArn.test(resource)) {
    return lambdaFunctionIntegration(resource);
  }
  return undefined;
}
