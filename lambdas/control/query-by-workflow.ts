import { QueryCommand } from '@aws-sdk/lib-dynamodb';

import { BY_WORKFLOW_INDEX } from '../history/keys';
import type { ControlContext } from './context';

/** Returns every row of the `byWorkflow` index under `gsi1pk` whose `gsi1sk` starts with `prefix`, across all pages. */
export async function queryByWorkflowPrefix<Row>(context: ControlContext, gsi1pk: string, prefix: string): Promise<Row[]> {
  const rows: Row[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await context.documents.send(
      new QueryCommand({
        TableName: context.tableName,
        IndexName: BY_WORKFLOW_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': gsi1pk, ':prefix': prefix },
        ExclusiveStartKey: startKey,
      }),
    );
    rows.push(...((page.Items ?? []) as Row[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}
