import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import type { CallbackActionEvent } from '../shared/action-event';
import { readRequestConfig } from './config';
import { describeError } from './errors';
import { LinkSender } from './link-sender';
import { logger } from './logger';
import { requestApprovals, type RequestDependencies, type RequestResult } from './request-approvals';
import type { ApprovalInput } from './request-input';
import { ApprovalStore } from './store';

let dependencies: RequestDependencies | undefined;

function createDependencies(): RequestDependencies {
  const config = readRequestConfig();
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });

  return {
    store: new ApprovalStore(documentClient, config.tableName),
    sender: new LinkSender(new SNSClient({}), new SESv2Client({}), config.fromEmail),
    sfn: new SFNClient({}),
    logger,
    baseUrl: config.baseUrl,
    defaultTimeoutSeconds: config.defaultTimeoutSeconds,
  };
}

/**
 * Target of `std.approval` tasks (`lambda:invoke.waitForTaskToken`): stores one link per
 * approver and sends it by SMS or email. The task waits until the page handler decides.
 */
export async function handler(event: CallbackActionEvent<ApprovalInput>): Promise<RequestResult> {
  const ids = { execution: event.execution, workflow: event.workflow, task: event.task };

  try {
    dependencies ??= createDependencies();
    const result = await requestApprovals(event, dependencies);
    logger.info('Requested approvals', { ...ids, ...result });
    return result;
  } catch (error) {
    logger.error('Failed to request approvals', { ...ids, ...describeError(error) });
    throw error;
  }
}
