import {
  CreateTableCommand,
  CreateTableCommandInput,
  DynamoDBClient,
  Projection,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';

import { TableResource } from '../assembly/stack-resources';

/**
 * Capacity given to every table and index, because dynalite requires
 * ProvisionedThroughput and rejects `BillingMode: PAY_PER_REQUEST`.
 * dynalite does not throttle, so the numbers only need to be valid.
 */
const LOCAL_THROUGHPUT = { ReadCapacityUnits: 100, WriteCapacityUnits: 100 };

/**
 * Creates each table that does not exist yet. Returns the names of the tables
 * created. An existing table is kept with its data.
 */
export async function createTables(client: DynamoDBClient, tables: TableResource[]): Promise<string[]> {
  const created: string[] = [];

  for (const table of tables) {
    try {
      await client.send(new CreateTableCommand(createTableInput(table)));
      created.push(table.tableName);
    } catch (error) {
      // TODO: compare the existing table's keys and indexes with the template and recreate it on a change.
      if (!(error instanceof ResourceInUseException)) {
        throw error;
      }
    }
  }
  return created;
}

export function createTableInput(table: TableResource): CreateTableCommandInput {
  const input: CreateTableCommandInput = {
    TableName: table.tableName,
    KeySchema: table.keySchema,
    AttributeDefinitions: table.attributeDefinitions.map((definition) => ({
      AttributeName: definition.AttributeName,
      AttributeType: definition.AttributeType as 'S' | 'N' | 'B',
    })),
    ProvisionedThroughput: LOCAL_THROUGHPUT,
  };

  if (table.globalSecondaryIndexes.length > 0) {
    input.GlobalSecondaryIndexes = table.globalSecondaryIndexes.map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection as Projection,
      ProvisionedThroughput: LOCAL_THROUGHPUT,
    }));
  }
  if (table.localSecondaryIndexes.length > 0) {
    input.LocalSecondaryIndexes = table.localSecondaryIndexes.map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection as Projection,
    }));
  }
  return input;
}
