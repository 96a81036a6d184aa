import { causeMessage } from '../history/error-cause';
import { MAX_TWO_PART_SEPTETS, septetLength, toGsm7, truncateSeptets } from './gsm7';

/** Facts about one failed execution that the alert SMS reports. */
export interface FailureAlert {
  workflow: string;
  executionName: string;
  status: 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  /** Name of the state that failed, when the history shows one. */
  failedState?: string;
  error?: string;
  cause?: string;
}

type Field = 'workflow' | 'executionName' | 'failedState' | 'error' | 'cause';

// The first field in this list is shortened first when the text is too long.
const SHORTEN_ORDER: Field[] = ['cause', 'error', 'failedState', 'workflow', 'executionName'];

const OUTCOMES: Record<FailureAlert['status'], string> = {
  FAILED: 'failed',
  TIMED_OUT: 'timed out',
  ABORTED: 'was aborted',
};

/**
 * Writes the SMS text of an alert: GSM 7-bit only, and at most two message
 * parts (306 septets). The cause is shortened first, then the error, the
 * state and the names.
 */
export function formatAlertSms(alert: FailureAlert): string {
  const fields: Record<Field, string> = {
    workflow: toGsm7(alert.workflow),
    executionName: toGsm7(alert.executionName),
    failedState: toGsm7(alert.failedState ?? ''),
    error: toGsm7(singleLine(alert.error ?? '')),
    cause: toGsm7(singleLine(causeMessage(alert.cause ?? ''))),
  };

  for (const field of SHORTEN_ORDER) {
    const overflow = septetLength(renderSms(alert.status, fields)) - MAX_TWO_PART_SEPTETS;
    if (overflow <= 0) break;
    const length = septetLength(fields[field]);
    fields[field] = length > overflow + 3 ? truncateSeptets(fields[field], length - overflow) : '';
  }

  return truncateSeptets(renderSms(alert.status, fields), MAX_TWO_PART_SEPTETS);
}

function renderSms(status: FailureAlert['status'], fields: Record<Field, string>): string {
  const lines = [`Sirocco: workflow ${fields.workflow} ${OUTCOMES[status]}`];
  if (fields.failedState) lines[0] += ` at state ${fields.failedState}`;
  lines[0] += '.';

  const problem = [fields.error, fields.cause].filter(Boolean).join(': ');
  if (problem) lines.push(problem);

  lines.push(`Details: sirocco status ${fields.executionName}`);
  return lines.join('\n');
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
