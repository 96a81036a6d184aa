import { DeleteItemCommand, DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';

import { TableResource } from '../assembly/stack-resources';
import { errorMessage, LocalLog } from '../log';

/**
 * Deletes the items whose TTL attribute (epoch seconds) is in the past,
 * because dynalite implements no TTL. Returns the number of items deleted.
 * DynamoDB itself deletes expired items within a few days, so code must not
 * rely on the timing in either place.
 */
export async function sweepExpiredItems(
  client: DynamoDBClient,
  tables: TableResource[],
  nowSeconds: number,
): Promise<number> {
  let deleted = 0;

  for (const table of tables) {
    const attribute = table.timeToLiveAttribute;
    if (!attribute) {
      continue;
    }

    const pages = paginateScan(
      { client },
      {
        TableName: table.tableName,
        FilterExpression: '#ttl < :now',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const key = Object.fromEntries(table.keySchema.map((element) => [element.AttributeName, item[element.AttributeName]]));
        await client.send(new DeleteItemCommand({ TableName: table.tableName, Key: key }));
        deleted += 1;
      }
    }
  }
  return deleted;
}

/** Runs `sweepExpiredItems` every `milliseconds` when a table has TTL; failures are logged. */
export function scheduleTtlSweep(
  client: DynamoDBClient,
  tables: TableResource[],
  log: LocalLog,
  milliseconds: number,
): NodeJS.Timeout | undefined {
  if (milliseconds <= 0 || !tables.some((table) => table.timeToLiveAttribute)) {
    return undefined;
  }

  const timer = setInterval(() => {
    sweepExpiredItems(client, tables, Math.floor(Date.now() / 1000)).catch((error: unknown) => {
      log.write('dynamodb', `TTL sweep failed: ${errorMessage(error)}`);
    });
  }, milliseconds);
  timer.unref();
  return timer;
}
