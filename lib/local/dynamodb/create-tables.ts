import {
  CreateTableCommand,
  CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  Projection,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';

import { TableResource } from '../assembly/stack-resources';
import { tableSchemaOf, templateSchemaOf } from './table-schema';

/** The error for a table in the data folder whose keys or indexes differ from the template's. */
export class TableSchemaChangedError extends Error {
  constructor(tableName: string, existing: string, declared: string, dataDir: string) {
    super(
      `Table ${tableName} in data folder ${dataDir} has ${existing}, but the template declares ${declared}. ` +
        'The local DynamoDB cannot change keys or indexes of a table. ' +
        `Move or delete ${dataDir} to start with empty tables, or pass another folder with --data.`,
    );
    this.name = 'TableSchemaChangedError';
  }
}

/**
 * Capacity given to every table and index, because dynalite requires
 * ProvisionedThroughput and rejects `BillingMode: PAY_PER_REQUEST`.
 * dynalite does not throttle, so the numbers only need to be valid.
 */
const LOCAL_THROUGHPUT = { ReadCapacityUnits: 100, WriteCapacityUnits: 100 };

/**
 * Creates each table that does not exist yet. Returns the names of the tables
 * created. An existing table keeps its data when its keys and indexes are the
 * template's. Otherwise the function raises TableSchemaChangedError.
 */
export async function createTables(client: DynamoDBClient, tables: TableResource[], dataDir: string): Promise<string[]> {
  const created: string[] = [];

  for (const table of tables) {
    try {
      await client.send(new CreateTableCommand(createTableInput(table)));
      created.push(table.tableName);
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) {
        throw error;
      }
      await checkExistingTable(client, table, dataDir);
    }
  }
  return created;
}

async function checkExistingTable(client: DynamoDBClient, table: TableResource, dataDir: string): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table.tableName }));
  const existing = tableSchemaOf(Table ?? {});
  const declared = templateSchemaOf(table);

  if (existing !== declared) {
    throw new TableSchemaChangedError(table.tableName, existing, declared, dataDir);
  }
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
