import type { CallbackActionEvent } from '../shared/action-event';
import { parseApprover, type Approver } from './approvers';
import { ApprovalRequestInvalidError } from './errors';

/** Input of a `std.approval` task. `to` may also be a single address. */
export interface ApprovalInput {
  to: string[] | string;
  message: string;
  details?: Record<string, unknown>;
}

/** A validated approval request. */
export interface ApprovalRequest {
  approvers: Approver[];
  message: string;
  details: Record<string, unknown>;
  workflow: string;
  execution: string;
  task: string;
  token: string;
  timeoutSeconds?: number;
}

// Each approver costs one row, one SMS or email and one sequential send in this invocation.
export const MAX_APPROVERS = 20;
export const MAX_MESSAGE_LENGTH = 1000;
// Longer invalid values are cut in error messages.
const MAX_SHOWN_ADDRESS_LENGTH = 80;

/**
 * Validates the event of a `std.approval` task. Throws ApprovalRequestInvalidError that
 * names the first invalid value.
 */
export function parseApprovalRequest(event: CallbackActionEvent<ApprovalInput>): ApprovalRequest {
  const { input, token, workflow, execution, task } = event;

  if (typeof token !== 'string' || token === '') {
    throw new ApprovalRequestInvalidError(
      `The event of task '${task}' has no task token. Invoke this function with ` +
        "'lambda:invoke.waitForTaskToken' and a 'token' field in the payload.",
    );
  }
  if (typeof input !== 'object' || input === null) {
    throw new ApprovalRequestInvalidError(
      `The input of task '${task}' is missing. Give std.approval an input with 'to' and 'message'.`,
    );
  }

  return {
    approvers: parseApprovers(input.to, task),
    message: parseMessage(input.message, task),
    details: parseDetails(input.details, task),
    workflow,
    execution,
    task,
    token,
    timeoutSeconds: parseTimeout(event.timeoutSeconds, task),
  };
}

function parseApprovers(to: unknown, task: string): Approver[] {
  const addresses = typeof to === 'string' ? [to] : to;

  if (!Array.isArray(addresses) || addresses.length === 0) {
    throw new ApprovalRequestInvalidError(
      `The 'to' of task '${task}' must be a non-empty list of phone numbers or email addresses.`,
    );
  }
  if (addresses.length > MAX_APPROVERS) {
    throw new ApprovalRequestInvalidError(
      `The 'to' of task '${task}' lists ${addresses.length} approvers; the maximum is ${MAX_APPROVERS}.`,
    );
  }

  const approvers = new Map<string, Approver>();
  for (const address of addresses) {
    const approver = typeof address === 'string' ? parseApprover(address) : undefined;
    if (approver === undefined) {
      const shownAddress = (JSON.stringify(address) ?? String(address)).slice(0, MAX_SHOWN_ADDRESS_LENGTH);
      throw new ApprovalRequestInvalidError(
        `The approver ${shownAddress} of task '${task}' is invalid. Use an E.164 ` +
          "phone number such as '+15555550100' or an email address.",
      );
    }
    approvers.set(approver.address, approver);
  }
  return [...approvers.values()];
}

function parseMessage(message: unknown, task: string): string {
  if (typeof message !== 'string' || message.trim() === '') {
    throw new ApprovalRequestInvalidError(
      `The 'message' of task '${task}' is missing. Give std.approval a message for the approvers.`,
    );
  }
  if (message.length > MAX_MESSAGE_LENGTH) {
    throw new ApprovalRequestInvalidError(
      `The 'message' of task '${task}' has ${message.length} characters; the maximum is ${MAX_MESSAGE_LENGTH}.`,
    );
  }
  return message;
}

function parseDetails(details: unknown, task: string): Record<string, unknown> {
  if (details === undefined || details === null) {
    return {};
  }
  if (typeof details !== 'object' || Array.isArray(details)) {
    throw new ApprovalRequestInvalidError(
      `The 'details' of task '${task}' must be an object of named values.`,
    );
  }
  return details as Record<string, unknown>;
}

function parseTimeout(timeoutSeconds: unknown, task: string): number | undefined {
  if (timeoutSeconds === undefined || timeoutSeconds === null) {
    return undefined;
  }
  if (typeof timeoutSeconds !== 'number' || !Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new ApprovalRequestInvalidError(
      `The 'timeoutSeconds' of task '${task}' is ${JSON.stringify(timeoutSeconds)}; ` +
        'it must be a positive whole number of seconds.',
    );
  }
  return timeoutSeconds;
}
