import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import type { ControlContext } from '../../../lambdas/control/context';
import { HttpError } from '../../../lambdas/control/http';
import { UsageError } from '../exit-codes';
import { cliMessageOf } from './cli-messages';

/**
 * Loads the control API routes and the SDK clients that they import. Commands
 * call it inside their action, because loading the SDK at registration would
 * delay every command by a few hundred milliseconds (measured on a 2-core
 * machine). A dynamic import() would bypass the TypeScript loader of
 * bin/sirocco.js, so this uses require.
 */
export function loadControlRoutes(): typeof import('./control-routes') {
  return require('./control-routes') as typeof import('./control-routes');
}

/** A control API route handler of lambdas/control/routes. */
export type ControlRoute = (context: ControlContext, event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** The parts of a request that the control API routes read. */
export interface ControlRequest {
  pathParameters?: Record<string, string>;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

/** A lookup or operation that the control API rejected, such as an unknown execution. */
export class ControlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ControlRequestError';
  }
}

/**
 * Runs a control API route in process, so that the CLI validates, looks up and
 * reports exactly as the deployed API does. A 400 becomes a UsageError and any
 * other rejection a ControlRequestError, both with the message of cliMessageOf.
 */
export async function callControlRoute(
  route: ControlRoute,
  context: ControlContext,
  request: ControlRequest,
): Promise<Record<string, any>> {
  const event = {
    httpMethod: 'CLI',
    path: '',
    resource: '',
    pathParameters: request.pathParameters ?? null,
    queryStringParameters: withoutUndefined(request.query),
    headers: withoutUndefined(request.headers) ?? {},
    body: request.body === undefined ? null : JSON.stringify(request.body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;

  let result: APIGatewayProxyResult;
  try {
    result = await route(context, event);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const message = cliMessageOf(error, request);
    if (error.statusCode === 400) throw new UsageError(message);
    throw new ControlRequestError(message, error.code);
  }
  return JSON.parse(result.body) as Record<string, any>;
}

function withoutUndefined(values: Record<string, string | undefined> | undefined): Record<string, string> | null {
  if (!values) return null;
  const entries = Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return Object.fromEntries(entries);
}
