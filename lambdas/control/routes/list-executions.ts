import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  BY_STATUS_INDEX,
  BY_WORKFLOW_INDEX,
  statusIndexKey,
  statusSortKeyPrefix,
  workflowIndexKey,
} from '../../history/keys';
import type { ExecutionRow } from '../../history/execution-row';
import type { ControlContext } from '../context';
import { HttpError, jsonResponse } from '../http';
import { decodePageToken, encodePageToken, type PageQuery } from '../page-token';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/**
 * GET /workflows/{name}/executions?status=&limit=&next=: the recorded
 * executions of a workflow, newest first, one page at a time.
 */
export async function listExecutions(
  context: ControlContext,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  const workflow = event.pathParameters?.name ?? '';
  if (!context.workflows[workflow]) {
    throw new HttpError(404, 'WorkflowNotFound', `Workflow "${workflow}" is not deployed.`);
  }
  const parameters = event.queryStringParameters ?? {};
  const query: PageQuery = { workflow, status: parseStatus(parameters.status) };
  const limit = parseLimit(parameters.limit);

  const request = buildQuery(context.tableName, query, limit);
  if (parameters.next) {
    request.ExclusiveStartKey = decodePageToken(parameters.next, query, {
      attribute: query.status ? 'gsi2pk' : 'gsi1pk',
      value: query.status ? statusIndexKey(query.status) : workflowIndexKey(workflow),
    });
  }
  const page = await context.documents.send(new QueryCommand(request));

  const lastKey = page.LastEvaluatedKey as Record<string, string> | undefined;
  return jsonResponse(200, {
    executions: ((page.Items ?? []) as ExecutionRow[]).map(toSummary),
    next: lastKey ? encodePageToken(query, lastKey) : undefined,
  });
}

function buildQuery(tableName: string, query: PageQuery, limit: number): QueryCommandInput {
  const common = { TableName: tableName, Limit: limit, ScanIndexForward: false };
  if (!query.status) {
    return {
      ...common,
      IndexName: BY_WORKFLOW_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': workflowIndexKey(query.workflow) },
    };
  }
  return {
    ...common,
    IndexName: BY_STATUS_INDEX,
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :workflow)',
    ExpressionAttributeValues: {
      ':pk': statusIndexKey(query.status),
      ':workflow': statusSortKeyPrefix(query.workflow),
    },
  };
}

function parseStatus(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!STATUSES.includes(value)) {
    throw new HttpError(400, 'InvalidStatus', `Status "${value}" is invalid: use one of ${STATUSES.join(', ')}.`);
  }
  return value;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_SIZE;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new HttpError(400, 'InvalidLimit', `Limit "${value}" is invalid: use a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return limit;
}

function toSummary(row: ExecutionRow) {
  return {
    executionName: row.executionName,
    executionArn: row.executionArn,
    status: row.status,
    startDate: row.startDate,
    stopDate: row.stopDate,
    redriveCount: row.redriveCount,
    error: row.error,
  };
}
