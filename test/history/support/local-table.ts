import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

// dynalite ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;

export const TABLE_NAME = 'history';

/** A dynalite server on loopback with the history table, its GSIs included. */
export interface LocalTable {
  endpoint: string;
  documents: DynamoDBDocumentClient;
  /** Every item of the table, sorted by pk and sk. */
  scan(): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/**
 * Starts dynalite and creates the history table. Sets dummy credentials and
 * the loopback endpoint in the environment, so that handlers that build
 * their own clients reach only this server, and silences their logs.
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
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });

  const client = new DynamoDBClient({ endpoint, region: 'us-east-1' });
  await client.send(new CreateTableCommand(historyTableDefinition()));
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });

  return {
    endpoint,
    documents,
    scan: async () => {
      const output = await documents.send(new ScanCommand({ TableName: TABLE_NAME }));
      return (output.Items ?? []).sort((a, b) =>
        `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`),
      );
    },
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function historyTableDefinition() {
  const indexKey = (partition: string, sort: string) => [
    { AttributeName: partition, KeyType: 'HASH' as const },
    { AttributeName: sort, KeyType: 'RANGE' as const },
  ];
  return {
    TableName: TABLE_NAME,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map(
      (name) => ({ AttributeName: name, AttributeType: 'S' as const }),
    ),
    KeySchema: indexKey('pk', 'sk'),
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byWorkflow',
        KeySchema: indexKey('gsi1pk', 'gsi1sk'),
        Projection: { ProjectionType: 'ALL' as const },
      },
      {
        IndexName: 'byStatus',
        KeySchema: indexKey('gsi2pk', 'gsi2sk'),
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}
