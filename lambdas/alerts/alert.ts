import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SFNClient } from '@aws-sdk/client-sfn';
import { Logger } from '@aws-lambda-powertools/logger';
import type { ExecutionStatusChangeEvent } from '../../lib/local/engine/types';
import { createDocumentClient, requireEnv } from '../history/clients';
import { readExecutionHistory } from '../history/execution-history';
import { expiryOf, isExecutionStatusChange, workflowNameOf } from '../history/execution-row';
import { owningTaskState } from '../history/task-state';
import { findFailedTask, summarizeTasks } from '../history/task-summary';
import { type FailureAlert, formatAlertSms } from './alert-message';
import { claimAlert, type FailureKey, releaseAlert } from './alert-claim';

const logger = new Logger({ serviceName: 'sirocco-alerts' });
const documents = createDocumentClient();
const sfn = new SFNClient({});
const sns = new SNSClient({});

const ALERT_STATUSES = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);
const ALERT_RETENTION_DAYS = 30;

/**
 * Publishes the SMS alert of a FAILED, TIMED_OUT or ABORTED execution to the
 * alerts topic. The alert row stops redelivered events from sending it again.
 * A publish that raises after SNS accepted it is released and may go out twice.
 * Env: ALERTS_TOPIC_ARN, HISTORY_TABLE.
 */
export async function handler(event: ExecutionStatusChangeEvent): Promise<void> {
  const topicArn = requireEnv('ALERTS_TOPIC_ARN');
  const tableName = requireEnv('HISTORY_TABLE');
  if (!isExecutionStatusChange(event)) {
    logger.error('Ignored an event that is not an execution status change', {
      detailType: event?.['detail-type'],
      eventId: event?.id,
    });
    return;
  }
  const detail = event.detail;
  logger.appendKeys({ executionArn: detail.executionArn, status: detail.status });
  if (!ALERT_STATUSES.has(detail.status)) {
    logger.warn('Ignored a status change that is not a failure');
    return;
  }

  const failure: FailureKey = {
    executionArn: detail.executionArn,
    redriveCount: detail.redriveCount ?? 0,
    status: detail.status,
  };
  const expiresAt = expiryOf(detail.stopDate ?? Date.now(), ALERT_RETENTION_DAYS);
  if (!(await claimAlert(documents, tableName, failure, expiresAt))) {
    logger.info('Skipped an alert that was already sent', {
      redriveCount: failure.redriveCount,
    });
    return;
  }

  const alert = await describeFailure(event);
  try {
    const published = await sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: formatAlertSms(alert) }),
    );
    logger.info('Published the failure alert', {
      messageId: published.MessageId,
      failedState: alert.failedState,
    });
  } catch (error) {
    logger.error('Failed to publish the failure alert; releasing it for a retry', {
      error: error as Error,
    });
    await releaseAlert(documents, tableName, failure);
    throw error;
  }
}

/**
 * Finds the failed state and its error in the execution history, and names the
 * task of a state that the compiler generated, such as `doomed` for
 * `doomed.retry.fail`. When the history cannot be read, the alert still goes
 * out with the event's error.
 */
async function describeFailure(event: ExecutionStatusChangeEvent): Promise<FailureAlert> {
  const detail = event.detail;
  const alert: FailureAlert = {
    workflow: workflowNameOf(detail.stateMachineArn),
    executionName: detail.name,
    status: detail.status as FailureAlert['status'],
    error: detail.error ?? undefined,
    cause: detail.cause ?? undefined,
  };

  try {
    const events = await readExecutionHistory(sfn, detail.executionArn);
    const summaries = summarizeTasks(events, detail.status);
    const failed =
      findFailedTask(summaries) ?? summaries.filter((task) => task.status === 'ABORTED').pop();
    if (failed) {
      alert.failedState = owningTaskState(failed.name);
      alert.error = failed.error ?? alert.error;
      alert.cause = failed.cause ?? alert.cause;
    }
  } catch (error) {
    logger.error('Failed to read the execution history; alerting without the failed state', {
      error: error as Error,
    });
  }
  return alert;
}
