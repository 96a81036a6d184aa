import { argumentsObject } from './arguments';
import type { Integration } from './integration';
import { callService } from './service-errors';

export const dynamoDbOperations = {
  putItem: 'PutItem',
  getItem: 'GetItem',
  updateItem: 'UpdateItem',
  deleteItem: 'DeleteItem',
} as const;

/** `arn:aws:states:::dynamodb:<operation>` for putItem, getItem, updateItem and deleteItem. */
export function dynamoDbIntegration(operation: keyof typeof dynamoDbOperations): Integration {
  return {
    resourceType: 'dynamodb',
    resource: operation,
    waitForTaskToken: false,
    lambdaFunctionEvents: false,
    async invoke(call) {
      const request = argumentsObject(call.stateName, call.arguments);
      return callService(() => call.run.host.services.dynamodb(dynamoDbOperations[operation], request));
    },
  };
}
