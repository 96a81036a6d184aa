import {
  DeleteItemCommand,
  DeleteItemCommandInput,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  GetItemCommandInput,
  PutItemCommand,
  PutItemCommandInput,
  UpdateItemCommand,
  UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';

import { LocalServices, ServiceError } from './engine/types';
import { LambdaRunner } from './lambda/lambda-runner';
import { Outbox } from './outbox/outbox';
import { sendEmail } from './outbox/ses-send-email';
import { LocalSns } from './outbox/sns-publish';

export interface LocalServicesParts {
  lambda: LambdaRunner;
  sns: LocalSns;
  outbox: Outbox;
  /** A client whose endpoint is the local dynalite. */
  dynamodb: DynamoDBClient;
}

/** Implements the services that the engine's Task states call on top of the local parts. */
export function createLocalServices(parts: LocalServicesParts): LocalServices {
  return {
    invokeLambda: (functionName, payload, signal) => parts.lambda.invoke(functionName, payload, signal),
    snsPublish: async (request) => parts.sns.publish(request),
    sesSendEmail: async (request) => sendEmail(parts.outbox, request),
    dynamodb: (operation, request) => callDynamoDb(parts.dynamodb, operation, request),
  };
}

async function callDynamoDb(
  client: DynamoDBClient,
  operation: 'PutItem' | 'GetItem' | 'UpdateItem' | 'DeleteItem',
  request: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  try {
    const { $metadata: _metadata, ...output } = await sendDynamoDbCommand(client, operation, request);
    return output;
  } catch (error) {
    if (error instanceof DynamoDBServiceException) {
      throw new ServiceError(`DynamoDB.${error.name}`, error.message);
    }
    throw error;
  }
}

function sendDynamoDbCommand(client: DynamoDBClient, operation: string, request: Record<string, unknown>) {
  switch (operation) {
    case 'PutItem':
      return client.send(new PutItemCommand(request as unknown as PutItemCommandInput));
    case 'GetItem':
      return client.send(new GetItemCommand(request as unknown as GetItemCommandInput));
    case 'UpdateItem':
      return client.send(new UpdateItemCommand(request as unknown as UpdateItemCommandInput));
    case 'DeleteItem':
      return client.send(new DeleteItemCommand(request as unknown as DeleteItemCommandInput));
    default:
      throw new ServiceError('DynamoDB.ValidationException', `Operation ${operation} is not one of PutItem, GetItem, UpdateItem, DeleteItem.`);
  }
}
