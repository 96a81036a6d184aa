import { SFNClient } from '@aws-sdk/client-sfn';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createDocumentClient, requireEnv } from '../history/clients';
import type { ControlContext } from './context';
import { errorResponse, HttpError, jsonResponse } from './http';
import { matchRoute } from './router';
import { parseWorkflowCatalog } from './workflow-catalog';

const logger = new Logger({ serviceName: 'sirocco-control' });
let context: ControlContext | undefined;

/**
 * API Gateway REST proxy handler of the control API: starts, lists, describes,
 * redrives and stops executions. Env: WORKFLOWS, HISTORY_TABLE.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  try {
    context ??= loadContext();
  } catch (error) {
    logger.error('Failed to read the control API configuration', { error: error as Error });
    return internalError();
  }
  return handleRequest(context, event);
}

/** Routes one request with the given clients and catalog, turning HttpError into its response. */
export async function handleRequest(
  controlContext: ControlContext,
  event: APIGatewayProxyEvent,
): Promise<APIGatewayProxyResult> {
  logger.appendKeys({ requestId: event.requestContext?.requestId });
  try {
    const matched = matchRoute(event);
    const response = await matched.route.handle(controlContext, matched.event);
    logger.info('Handled a request', {
      method: event.httpMethod,
      resource: matched.route.resource,
      statusCode: response.statusCode,
    });
    return response;
  } catch (error) {
    if (error instanceof HttpError) {
      logger.info('Rejected a request', {
        method: event.httpMethod,
        path: event.path,
        statusCode: error.statusCode,
        error: error.code,
      });
      return errorResponse(error);
    }
    logger.error('Failed to handle a request', { path: event.path, error: error as Error });
    return internalError();
  }
}

function loadContext(): ControlContext {
  return {
    sfn: new SFNClient({}),
    documents: createDocumentClient(),
    tableName: requireEnv('HISTORY_TABLE'),
    workflows: parseWorkflowCatalog(process.env.WORKFLOWS),
  };
}

function internalError(): APIGatewayProxyResult {
  return jsonResponse(500, {
    error: 'InternalError',
    message: 'The control API failed to handle the request: retry later, and check its logs if it persists.',
  });
}
