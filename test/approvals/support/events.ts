import type { APIGatewayProxyEvent } from 'aws-lambda';

import type { CallbackActionEvent } from '../../../lambdas/shared/action-event';
import type { ApprovalInput } from '../../../lambdas/approvals/request-input';

export const EXECUTION = 'arn:aws:states:us-east-1:000000000000:execution:salary:run-1';
export const OTHER_EXECUTION = 'arn:aws:states:us-east-1:000000000000:execution:salary:run-2';
export const TASK_TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAfaketasktoken+/=secret';

/** Builds the event that the compiled `approve_bonus` task of workflows/salary.yaml sends. */
export function approvalEvent(
  overrides: Partial<ApprovalInput> = {},
  execution = EXECUTION,
  token = TASK_TOKEN,
): CallbackActionEvent<ApprovalInput> {
  return {
    input: {
      to: ['+15555550100'],
      message: 'Approve a bonus of 1200 EUR for employee E-42 (2026-11)?',
      details: { employee: 'E-42', month: '2026-11', base: 5000, bonus: 1200 },
      ...overrides,
    },
    token,
    timeoutSeconds: 259200,
    execution,
    workflow: 'salary',
    task: 'approve_bonus',
  };
}

const HOST = 'approvals.example.test';

/** Builds an API Gateway REST proxy event for `/approvals/{id}` as a phone browser sends it. */
export function pageEvent(
  method: string,
  approvalId: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): APIGatewayProxyEvent {
  const postHeaders: Record<string, string> =
    method === 'POST'
      ? {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: `https://${HOST}`,
          'Sec-Fetch-Site': 'same-origin',
        }
      : {};

  return {
    httpMethod: method,
    path: `/approvals/${approvalId}`,
    resource: '/approvals/{id}',
    pathParameters: { id: approvalId },
    headers: {
      Host: HOST,
      'X-Forwarded-Proto': 'https',
      'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
      ...postHeaders,
      ...options.headers,
    },
    body: options.body ?? null,
    isBase64Encoded: false,
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
  };
}

/** Builds a decision form body as a browser encodes it. */
export function decisionBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Extracts the CSRF token from the form of an approval page. */
export function csrfTokenOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (match === null) {
    throw new Error('The page has no CSRF field.');
  }
  return match[1];
}

/** Extracts the approval id from a link `<base>/approvals/<id>`. */
export function approvalIdOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}
