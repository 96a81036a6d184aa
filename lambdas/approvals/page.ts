import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { readPageConfig } from './config';
import { isCrossSiteRequest } from './cross-site';
import { decideApproval } from './decide-approval';
import { describeError } from './errors';
import { parseDecisionForm } from './form';
import { approvalRef } from './ids';
import { logger } from './logger';
import type { PageDependencies } from './page-dependencies';
import {
  renderBadRequest,
  renderCrossSiteRejected,
  renderMethodNotAllowed,
  renderServerError,
  STYLE_HASH,
  type Page,
} from './pages';
import { showApproval } from './show-approval';
import { ApprovalStore } from './store';

const RESPONSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    `default-src 'none'; style-src ${STYLE_HASH}; form-action 'self'; ` +
    "frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Not `no-referrer`: with it, browsers send `Origin: null` on the form POST.
  'Referrer-Policy': 'same-origin',
  'X-Robots-Tag': 'noindex',
};

// Request headers come from any client, so logs keep only their start.
const MAX_LOGGED_HEADER_LENGTH = 200;

let dependencies: PageDependencies | undefined;
let baseUrl: string | undefined;

function createDependencies(): PageDependencies {
  const config = readPageConfig();
  const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  baseUrl = config.baseUrl;

  return {
    store: new ApprovalStore(documentClient, config.tableName),
    sfn: new SFNClient({}),
    logger,
  };
}

/**
 * API Gateway proxy handler of `GET` and `POST /approvals/{id}`: GET shows the request and
 * its form, and only a same-origin POST with the form's CSRF token decides.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const approvalId = event.pathParameters?.id ?? '';

  try {
    dependencies ??= createDependencies();
    const page = await route(event, approvalId, dependencies);
    return respond(page);
  } catch (error) {
    logger.error('Approval page failed', {
      method: event.httpMethod,
      approvalRef: approvalRef(approvalId),
      ...describeError(error),
    });
    return respond(renderServerError());
  }
}

async function route(event: APIGatewayProxyEvent, approvalId: string, deps: PageDependencies): Promise<Page> {
  const headers = lowercaseHeaders(event.headers);

  switch (event.httpMethod) {
    case 'GET':
      return showApproval(approvalId, deps);
    case 'POST':
      break;
    default:
      return renderMethodNotAllowed(event.httpMethod);
  }

  if (isCrossSiteRequest(headers, baseUrl)) {
    logger.warn('Rejected a cross-site decision', {
      approvalRef: approvalRef(approvalId),
      origin: headers.origin?.slice(0, MAX_LOGGED_HEADER_LENGTH),
      secFetchSite: headers['sec-fetch-site']?.slice(0, MAX_LOGGED_HEADER_LENGTH),
    });
    return renderCrossSiteRejected();
  }

  const parsed = parseDecisionForm(event.body, event.isBase64Encoded, headers['content-type']);
  if (!parsed.ok) {
    logger.info('Rejected a malformed decision form', { approvalRef: approvalRef(approvalId), reason: parsed.reason });
    return renderBadRequest(parsed.reason);
  }

  return decideApproval({ approvalId, form: parsed.form, userAgent: headers['user-agent'] }, deps);
}

function respond(page: Page): APIGatewayProxyResult {
  const headers = page.statusCode === 405 ? { ...RESPONSE_HEADERS, Allow: 'GET, POST' } : RESPONSE_HEADERS;
  return { statusCode: page.statusCode, headers, body: page.body };
}

function lowercaseHeaders(headers: APIGatewayProxyEvent['headers'] | null): Record<string, string | undefined> {
  const lowercase: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    lowercase[name.toLowerCase()] = value;
  }
  return lowercase;
}
