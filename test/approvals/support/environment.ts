import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AddressInfo } from 'node:net';

// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs: number }) => import('node:http').Server;

export const TABLE_NAME = 'history';
export const BASE_URL = 'https://approvals.example.test/prod';
export const FROM_EMAIL = 'approvals@example.test';

/** A DynamoDB-compatible server (dynalite) on loopback with the history table. */
export interface LocalTable {
  endpoint: string;
  documentClient: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

/**
 * Sets dummy AWS credentials and a loopback DynamoDB endpoint for the handlers, so that no
 * request leaves this machine, and the environment that lib/cdk/approvals.ts gives them.
 */
export async function startLocalTable(): Promise<LocalTable> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    HISTORY_TABLE: TABLE_NAME,
    APPROVALS_BASE_URL: BASE_URL,
    APPROVALS_FROM_EMAIL: FROM_EMAIL,
  });

  const client = new DynamoDBClient({ endpoint, region: 'us-east-1' });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE_NAME,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );

  return {
    endpoint,
    documentClient: DynamoDBDocumentClient.from(client),
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
