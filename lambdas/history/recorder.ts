import { SFNClient } from '@aws-sdk/client-sfn';
import { Logger } from '@aws-lambda-powertools/logger';
import type { ExecutionStatusChangeEvent } from '../../lib/local/engine/types';
import { createDocumentClient, requireEnv } from './clients';
import { readExecutionHistory } from './execution-history';
import { isEnded, isExecutionStatusChange, toExecutionRow } from './execution-row';
import { putExecutionRow, putTaskRows } from './history-writer';
import { toTaskRow } from './task-row';
import { summarizeTasks } from './task-summary';

const logger = new Logger({ serviceName: 'sirocco-history' });
const documents = createDocumentClient();
const sfn = new SFNClient({});

/**
 * Records one "Step Functions Execution Status Change" event: the execution
 * row always, and a row per task once the execution has ended.
 * Env: HISTORY_TABLE, and HISTORY_RETENTION_DAYS for the TTL of ended executions.
 */
export async function handler(event: ExecutionStatusChangeEvent): Promise<void> {
  const tableName = requireEnv('HISTORY_TABLE');
  if (!isExecutionStatusChange(event)) {
    logger.error('Ignored an event that is not an execution status change', {
      detailType: event?.['detail-type'],
      eventId: event?.id,
    });
    return;
  }
  const retentionDays = parseRetentionDays(process.env.HISTORY_RETENTION_DAYS);
  const row = toExecutionRow(event, retentionDays);
  logger.appendKeys({ executionArn: row.executionArn, status: row.status });

  const written = await putExecutionRow(documents, tableName, row);
  if (!written) {
    logger.info('Skipped a status change older than the recorded one', {
      redriveCount: row.redriveCount,
    });
    return;
  }
  if (!isEnded(row.status)) {
    logger.info('Recorded the execution status');
    return;
  }

  const events = await readExecutionHistory(sfn, row.executionArn);
  const taskRows = summarizeTasks(events, row.status).map((summary) =>
    toTaskRow(row, summary),
  );
  const tasksWritten = await putTaskRows(documents, tableName, taskRows);
  logger.info('Recorded the ended execution and its tasks', {
    tasks: taskRows.length,
    tasksWritten,
  });
}

function parseRetentionDays(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days <= 0) {
    throw new Error(
      `HISTORY_RETENTION_DAYS is "${value}": set it to a whole number of days greater than 0, or leave it unset to keep rows forever.`,
    );
  }
  return days;
}
