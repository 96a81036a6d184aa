import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { readAssembly } from '../../../lib/local/assembly/read-assembly';
import { TableResource } from '../../../lib/local/assembly/stack-resources';
import { createTables, TableSchemaChangedError } from '../../../lib/local/dynamodb/create-tables';
import { startDynalite } from '../../../lib/local/dynamodb/dynalite-server';
import { sweepExpiredItems } from '../../../lib/local/dynamodb/ttl-sweeper';
import { ServiceError } from '../../../lib/local/engine/types';
import { LoopbackServer } from '../../../lib/local/http/loopback-server';
import { createLocalServices } from '../../../lib/local/local-services';
import { createTempDir } from './build-assembly';

const FIXTURES = path.join(__dirname, 'fixtures');

function fixtureTables(): TableResource[] {
  const dir = createTempDir('tables');
  fs.copyFileSync(path.join(FIXTURES, 'manifest.json'), path.join(dir, 'manifest.json'));
  fs.copyFileSync(path.join(FIXTURES, 'stack.template.json'), path.join(dir, 'SiroccoTest.template.json'));
  return readAssembly(dir)[0].tables;
}

function clientFor(server: LoopbackServer): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

describe('local DynamoDB', () => {
  const tables = fixtureTables();
  const tableName = tables[0].tableName;
  const dataDir = createTempDir('dynamodb');
  let server: LoopbackServer;
  let client: DynamoDBClient;

  beforeAll(async () => {
    server = await startDynalite({ dataDir, port: 0 });
    client = clientFor(server);
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
  });

  it('creates template tables with their indexes', async () => {
    const created = await createTables(client, tables, dataDir);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

    expect(created).toEqual([tableName]);
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(tables[0].keySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(['byStatus', 'byWorkflow']);
  });

  it('keeps existing tables on a second start', async () => {
    await expect(createTables(client, tables, dataDir)).resolves.toEqual([]);
  });

  it('rejects an existing table whose indexes changed', async () => {
    const changed: TableResource = {
      ...tables[0],
      attributeDefinitions: [...tables[0].attributeDefinitions, { AttributeName: 'gsi3pk', AttributeType: 'S' }],
      globalSecondaryIndexes: [
        ...tables[0].globalSecondaryIndexes,
        { IndexName: 'byApprover', KeySchema: [{ AttributeName: 'gsi3pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
      ],
    };

    const creating = createTables(client, [changed], dataDir);

    await expect(creating).rejects.toBeInstanceOf(TableSchemaChangedError);
    await expect(creating).rejects.toThrow(
      `Table ${tableName} in data folder ${dataDir} has key (pk, sk) and indexes byStatus (gsi2pk, gsi2sk), byWorkflow (gsi1pk, gsi1sk), ` +
        'but the template declares key (pk, sk) and indexes byApprover (gsi3pk), byStatus (gsi2pk, gsi2sk), byWorkflow (gsi1pk, gsi1sk). ' +
        `The local DynamoDB cannot change keys or indexes of a table. Move or delete ${dataDir} to start with empty tables, or pass another folder with --data.`,
    );
  });

  it('rejects an existing table whose key changed', async () => {
    const changed: TableResource = {
      ...tables[0],
      keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      attributeDefinitions: [...tables[0].attributeDefinitions, { AttributeName: 'id', AttributeType: 'S' }],
    };

    await expect(createTables(client, [changed], dataDir)).rejects.toThrow(/has key \(pk, sk\) .* but the template declares key \(id\) /);
  });

  it('serves PutItem and GetItem to the engine', async () => {
    const services = createLocalServices({ dynamodb: client } as never);
    await services.dynamodb('PutItem', { TableName: tableName, Item: { pk: { S: 'APPROVAL#a1' }, sk: { S: 'APPROVAL' } } });

    const output = await services.dynamodb('GetItem', { TableName: tableName, Key: { pk: { S: 'APPROVAL#a1' }, sk: { S: 'APPROVAL' } } });

    expect(output).toEqual({ Item: { pk: { S: 'APPROVAL#a1' }, sk: { S: 'APPROVAL' } } });
  });

  it('rejects a failed condition as a ServiceError', async () => {
    const services = createLocalServices({ dynamodb: client } as never);
    const put = services.dynamodb('PutItem', {
      TableName: tableName,
      Item: { pk: { S: 'APPROVAL#a1' }, sk: { S: 'APPROVAL' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });

    await expect(put).rejects.toBeInstanceOf(ServiceError);
    await expect(put).rejects.toMatchObject({ errorName: 'DynamoDB.ConditionalCheckFailedException' });
  });

  it('deletes expired items on a sweep', async () => {
    const put = (pk: string, expiresAt: number) =>
      client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { pk: { S: pk }, sk: { S: 'TTL' }, expiresAt: { N: String(expiresAt) } },
        }),
      );
    await put('expired', 1000);
    await put('current', 3000);

    const deleted = await sweepExpiredItems(client, tables, 2000);
    const expired = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'expired' }, sk: { S: 'TTL' } } }));
    const current = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'current' }, sk: { S: 'TTL' } } }));

    expect(deleted).toBe(1);
    expect(expired.Item).toBeUndefined();
    expect(current.Item).toBeDefined();
  });

  it('persists items across a restart', async () => {
    client.destroy();
    await server.close();
    server = await startDynalite({ dataDir, port: 0 });
    client = clientFor(server);

    const output = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'APPROVAL#a1' }, sk: { S: 'APPROVAL' } } }),
    );

    expect(output.Item?.pk).toEqual({ S: 'APPROVAL#a1' });
  });
});
